"use server";

import { issueReceipt } from "@/db/mutations/receipts";
import { appendReferralEvent } from "@/db/mutations/referrals";
import { addEquipmentItem, saveRehabPlan, updateEquipmentItem } from "@/db/mutations/rehabilitation";
import { findReceiptReference } from "@/db/queries/receipts";
import { can, permissionForEvent } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { defineAction } from "@/lib/server/action";
import { recordEventForm, triageForm } from "@/lib/validation/referral-forms";
import { issueReceiptInput } from "@/lib/validation/receipts";
import { addEquipmentForm, dischargeForm, rehabPlanForm, updateEquipmentForm } from "@/lib/validation/rehabilitation";

const revalidate = ["/worklist"];

/** Triage, and the escalation to a registrar when one is chosen: both events in one transaction, or neither. */
export const triageAction = defineAction({
  name: "referral.triage",
  permission: "referral:triage",
  input: triageForm,
  successMessage: "Triage recorded.",
  revalidate,
  run: async ({ tx, user, input }) => {
    const now = new Date();
    const actor = { id: user.id };
    const triaged = await appendReferralEvent(tx, { actor, referralId: input.referralId, event: input.triaged, now });
    // The referrer's reference and status link, given at the first triage (the form shows the link this once).
    const receipt = (await findReceiptReference({ referralId: input.referralId, db: tx })) ? null : await issueReceipt(tx, { referralId: input.referralId, actorId: user.id });
    if (!input.escalated) return { ...triaged, receipt };
    const escalated = await appendReferralEvent(tx, { actor, referralId: input.referralId, event: { ...input.escalated, expectedVersion: triaged.version }, now });
    return { ...escalated, receipt };
  },
});

/** A new status link for the referrer (same reference): the old link stops working at once. */
export const issueReceiptAction = defineAction({
  name: "receipt.issue",
  permission: "referral:triage",
  input: issueReceiptInput,
  run: async ({ tx, user, input }) => ({ receipt: await issueReceipt(tx, { referralId: input.referralId, actorId: user.id }) }),
});

/** Any other event, a breach reason or a correction. Each event type may need more than recording events. */
export const recordEventAction = defineAction({
  name: "referral.record_event",
  permission: "referral:record_event",
  input: recordEventForm,
  successMessage: "Recorded.",
  revalidate,
  run: async ({ tx, user, input }) => {
    const { type } = input.event;
    if (!can(user.role, permissionForEvent(type))) throw new AppError("forbidden", "Your role does not allow recording this.");
    if (type === "triaged" || type === "escalated") {
      throw new AppError("validation", "Triage and escalation are recorded with the triage form.", { type: ["Use the triage form for this"] });
    }
    return appendReferralEvent(tx, { actor: { id: user.id }, referralId: input.referralId, event: input.event, now: new Date() });
  },
});

/** The rehabilitation plan: started on its first save, then changed from the version the form showed. */
export const saveRehabPlanAction = defineAction({
  name: "rehab_plan.save",
  permission: "rehab:manage",
  input: rehabPlanForm,
  successMessage: "Rehabilitation plan saved.",
  revalidate,
  run: ({ tx, user, input }) => saveRehabPlan(tx, { actor: { id: user.id }, referralId: input.referralId, expectedVersion: input.expectedVersion, plan: input.plan, now: new Date() }),
});

export const addEquipmentAction = defineAction({
  name: "equipment.add",
  permission: "rehab:manage",
  input: addEquipmentForm,
  successMessage: "Equipment added.",
  revalidate,
  run: ({ tx, user, input }) => addEquipmentItem(tx, { actor: { id: user.id }, referralId: input.referralId, item: input.item, now: new Date() }),
});

export const updateEquipmentAction = defineAction({
  name: "equipment.update",
  permission: "rehab:manage",
  input: updateEquipmentForm,
  successMessage: "Equipment updated.",
  revalidate,
  run: ({ tx, user, input }) =>
    updateEquipmentItem(tx, { actor: { id: user.id }, equipmentItemId: input.equipmentItemId, expectedVersion: input.expectedVersion, changes: input.changes, now: new Date() }),
});

/** The physiotherapy and occupational therapy assessments: the discharge team's events, stopping their clocks. */
export const recordAssessmentAction = defineAction({
  name: "referral.record_assessment",
  permission: "rehab:manage",
  input: recordEventForm,
  successMessage: "Assessment recorded.",
  revalidate,
  run: async ({ tx, user, input }) => {
    const { type } = input.event;
    if (type !== "physiotherapy_assessed" && type !== "occupational_therapy_assessed") {
      throw new AppError("validation", "Record a physiotherapy or occupational therapy assessment here.", { type: ["Choose the assessment"] });
    }
    return appendReferralEvent(tx, { actor: { id: user.id }, referralId: input.referralId, event: input.event, now: new Date() });
  },
});

/** The discharge: refused on the server while anything blocks it (lib/domain/rehabilitation checkDischarge). */
export const dischargeAction = defineAction({
  name: "referral.discharge",
  permission: "rehab:manage",
  input: dischargeForm,
  successMessage: "Discharge recorded.",
  revalidate: [...revalidate, "/discharge"],
  run: ({ tx, user, input }) => appendReferralEvent(tx, { actor: { id: user.id }, referralId: input.referralId, event: input.event, now: new Date() }),
});
