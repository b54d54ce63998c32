"use client";

import { EventFormContext, NoteField, OccurredAtField } from "@/components/referrals/event-fields";
import { ReferralFormMessage, submitClass, useReferralForm, type EventAction } from "@/components/referrals/referral-form";
import { Choice, ChoiceGroup } from "@/components/ui/choice-group";

const ID = "assessment";

/** A physiotherapy or occupational therapy assessment done: the event that stops its clock. */
export function AssessmentForm({ action, referralId, version, nowLocal }: { action: EventAction; referralId: string; version: number; nowLocal: string }) {
  const { state, pending, onSubmit, formRef, fields } = useReferralForm(action);
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
      <ReferralFormMessage state={state} />
      <EventFormContext referralId={referralId} version={version} fields={fields} />
      <ChoiceGroup id={`${ID}-type`} legend="Assessment" errors={fields?.type}>
        {() => (
          <>
            <Choice type="radio" name="type" value="physiotherapy_assessed" label="Physiotherapy assessment" idPrefix={`${ID}-type`} defaultChecked />
            <Choice type="radio" name="type" value="occupational_therapy_assessed" label="Occupational therapy assessment" idPrefix={`${ID}-type`} />
          </>
        )}
      </ChoiceGroup>
      <OccurredAtField idPrefix={ID} nowLocal={nowLocal} fields={fields} label="When it was done" />
      <NoteField idPrefix={ID} fields={fields} />
      <button type="submit" disabled={pending} className={submitClass}>
        {pending ? "Saving…" : "Record the assessment"}
      </button>
    </form>
  );
}
