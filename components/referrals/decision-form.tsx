"use client";

import { DecisionFields, EventFormContext, NoteField, OccurredAtField, typeErrorsOn } from "./event-fields";
import { ReferralFormMessage, submitClass, useReferralForm, type EventAction } from "./referral-form";

const ID = "decision";

/** A signed, timed decision: the same "decision" event as the timeline's, so it moves the clocks and the status. */
export function DecisionForm({ action, referralId, version, nowLocal }: { action: EventAction; referralId: string; version: number; nowLocal: string }) {
  const { state, pending, onSubmit, formRef, fields: given } = useReferralForm(action);
  const fields = typeErrorsOn(given, "data.decision");
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
      <ReferralFormMessage state={state} />
      <EventFormContext referralId={referralId} version={version} fields={fields} />
      <input type="hidden" name="type" value="decision" />
      <DecisionFields idPrefix={ID} fields={fields} />
      <OccurredAtField idPrefix={ID} nowLocal={nowLocal} fields={fields} label="When it was decided" />
      <NoteField idPrefix={ID} fields={fields} label="Details (optional)" />
      <button type="submit" disabled={pending} className={submitClass}>
        {pending ? "Saving…" : "Sign the decision"}
      </button>
    </form>
  );
}
