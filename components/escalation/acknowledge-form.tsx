"use client";

import { ReferralFormMessage, submitClass, useReferralForm, type EventAction } from "@/components/referrals/referral-form";

/** One click: the escalation is acknowledged now, by the signed-in clinician (the server checks it is theirs). */
export function AcknowledgeForm({ action, referralId, version }: { action: EventAction; referralId: string; version: number }) {
  const { state, pending, onSubmit, formRef } = useReferralForm(action);
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-2">
      <ReferralFormMessage state={state} />
      <input type="hidden" name="referralId" value={referralId} />
      <input type="hidden" name="expectedVersion" value={version} />
      <input type="hidden" name="type" value="acknowledged" />
      <button type="submit" disabled={pending} className={submitClass}>
        {pending ? "Acknowledging…" : "Acknowledge the escalation"}
      </button>
    </form>
  );
}
