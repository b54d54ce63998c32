import { z } from "zod";
import type { ServiceContacts } from "@/db/schema/rehabilitation";

export const SERVICE_NAME_MAX_LENGTH = 120;

const EXAMPLE = "for example 0161 446 3000";

/** Why a UK telephone number as typed cannot be printed for patients, or null when it can. */
export function ukPhoneProblem(value: string): string | null {
  if (!/^[0-9 ]+$/.test(value)) return `Use digits and spaces only (no +44, dashes or brackets), ${EXAMPLE}`;
  const digits = value.replaceAll(" ", "");
  if (!digits.startsWith("0")) return `Start with 0 and the area code, ${EXAMPLE}`;
  if (digits.length < 10 || digits.length > 11) return `A UK number has 10 or 11 digits; this one has ${digits.length}`;
  return null;
}

/** Spaces as the person grouped them (patients copy the number as printed), runs of spaces made one. */
const tidy = (value: string) => value.trim().replace(/\s+/g, " ");

const phone = (label: string, required: boolean) =>
  z
    .string({ error: `Enter the ${label}` })
    .transform(tidy)
    .superRefine((value, ctx) => {
      if (value === "") {
        if (required) ctx.addIssue({ code: "custom", message: `Enter the ${label}` });
        return;
      }
      const problem = ukPhoneProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

/**
 * The administrator's form for the numbers printed on the patient information sheet. The coordinator's number is
 * required: it is the single point of contact, and the section for a clinician elsewhere depends on it. A number
 * left empty is printed as a blank line to write it in.
 */
export const serviceContactsInput = z
  .object({
    basedOnVersionId: z.coerce.number({ error: "Missing version" }).int().min(0),
    serviceName: z
      .string({ error: "Enter the service's name" })
      .transform(tidy)
      .pipe(
        z
          .string()
          .min(1, "Enter the service's name")
          .max(SERVICE_NAME_MAX_LENGTH, `The service's name must be at most ${SERVICE_NAME_MAX_LENGTH} characters`),
      ),
    coordinatorPhone: phone("MSCC coordinator's number", true),
    acuteOncologyPhone: z.preprocess((v) => v ?? "", phone("acute oncology number", false)),
    outOfHoursPhone: z.preprocess((v) => v ?? "", phone("out-of-hours number", false)),
  })
  .transform(({ basedOnVersionId, ...contacts }): { basedOnVersionId: number; contacts: ServiceContacts } => ({ basedOnVersionId, contacts }));
export type ServiceContactsInput = z.infer<typeof serviceContactsInput>;
