"use server";

import { findPatientIdByNhsNumber } from "@/db/queries/audit-trail";
import { AppError } from "@/lib/errors";
import { defineAction } from "@/lib/server/action";
import { findTrailPatientInput } from "@/lib/validation/audit-trail";

/**
 * The patient filter's look-up: an NHS number in, the patient's id out, so the trail's address names the patient
 * by id and the NHS number stays out of addresses, history and server logs. A read: nothing is written.
 */
export const findTrailPatientAction = defineAction({
  name: "audit_trail.find_patient",
  permission: "audit_trail:view",
  input: findTrailPatientInput,
  run: async ({ tx, input }) => {
    const patientId = await findPatientIdByNhsNumber({ nhsNumber: input.nhsNumber }, tx);
    if (!patientId) throw new AppError("not_found", "No patient has this NHS number.", { nhsNumber: ["No patient has this NHS number"] });
    return { patientId };
  },
});
