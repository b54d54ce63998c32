"use server";

import { issueReceipt } from "@/db/mutations/receipts";
import { appendReferralEvent } from "@/db/mutations/referrals";
import { findReceiptReference } from "@/db/queries/receipts";
import { can, permissionForEvent } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { defineAction } from "@/lib/server/action";
import { recordEventForm, triageForm } from "@/lib/validation/referral-forms";
import { issueReceiptInput } from "@/lib/validation/receipts";

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
