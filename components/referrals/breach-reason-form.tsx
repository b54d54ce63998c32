"use client";

import { Choice, ChoiceGroup } from "@/components/ui/choice-group";
import { FormField, inputClass } from "@/components/ui/form-field";
import { BREACH_REASONS, BREACH_REASON_LABELS, type ClockId } from "@/lib/domain/clocks";
import { ReferralFormMessage, submitClass, useReferralForm, type EventAction } from "./referral-form";

interface Props {
  action: EventAction;
  referralId: string;
  version: number;
  clock: { id: ClockId; label: string };
}

/** The coded reason a clock was breached (pathway.md); "Other" needs words. Recorded at the moment it is given. */
export function BreachReasonForm({ action, referralId, version, clock }: Props) {
  const { state, pending, onSubmit, formRef, fields } = useReferralForm(action);
  const prefix = `breach-${clock.id}`;
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-3">
      <ReferralFormMessage state={state} />
      <input type="hidden" name="referralId" value={referralId} />
      <input type="hidden" name="expectedVersion" value={version} />
      <input type="hidden" name="type" value="breach_reason" />
      <input type="hidden" name="data.clock" value={clock.id} />
      <ChoiceGroup id={`${prefix}-reason`} legend={`Why was the ${clock.label} clock breached?`} errors={fields?.["data.reason"]} optionsClassName="mt-1 grid gap-x-6 gap-y-1 sm:grid-cols-2 xl:grid-cols-4">
        {() => BREACH_REASONS.map((r) => <Choice key={r} type="radio" name="data.reason" value={r} label={BREACH_REASON_LABELS[r]} idPrefix={`${prefix}-reason`} />)}
      </ChoiceGroup>
      <FormField id={`${prefix}-text`} label="Details" hint="Required for Other." errors={fields?.["data.text"]}>
        {(d, invalid) => <textarea id={`${prefix}-text`} name="data.text" rows={2} className={inputClass} aria-describedby={d} aria-invalid={invalid} />}
      </FormField>
      <button type="submit" disabled={pending} className={submitClass}>
        {pending ? "Saving…" : "Record the reason"}
        <span className="sr-only"> for the {clock.label} clock</span>
      </button>
    </form>
  );
}
