"use client";

import { DateTimeInput } from "@/components/ui/date-time-input";
import { FormField, inputClass } from "@/components/ui/form-field";
import { ReferralFormMessage, submitClass, useReferralForm, type EventAction } from "./referral-form";

interface Props {
  action: EventAction;
  referralId: string;
  version: number;
  /** The events that may be corrected, as the timeline shows them. */
  events: { id: string; label: string }[];
}

/**
 * A correction is a new event naming the one it corrects (house rule 6): a corrected clinical time, or the
 * event withdrawn as recorded in error, always with a reason. Nothing is edited in place.
 */
export function CorrectEventForm({ action, referralId, version, events }: Props) {
  const { state, pending, onSubmit, formRef, fields } = useReferralForm(action);
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
      <ReferralFormMessage state={state} />
      <input type="hidden" name="referralId" value={referralId} />
      <input type="hidden" name="expectedVersion" value={version} />
      <input type="hidden" name="type" value="correction" />
      <FormField id="correct-event" label="Event to correct" errors={fields?.correctsEventId}>
        {(d, invalid) => (
          <select id="correct-event" name="correctsEventId" defaultValue="" className={inputClass} aria-describedby={d} aria-invalid={invalid}>
            <option value="" disabled>
              Choose the event
            </option>
            {events.map((e) => (
              <option key={e.id} value={e.id}>
                {e.label}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id="correct-time" label="Corrected time" hint="London time. Leave empty when withdrawing the event." errors={fields?.["data.occurredAt"]}>
        {(d, invalid) => <DateTimeInput id="correct-time" name="data.occurredAt" describedBy={d} invalid={invalid} />}
      </FormField>
      <div className="flex items-center gap-2">
        <input id="correct-retract" type="checkbox" name="data.retract" value="true" className="h-6 w-6 shrink-0 accent-nhs-blue" />
        <label htmlFor="correct-retract">Withdraw the event: it was recorded in error (it stays on the timeline, struck through)</label>
      </div>
      <FormField id="correct-reason" label="Reason for the correction" errors={fields?.["data.reason"]}>
        {(d, invalid) => <textarea id="correct-reason" name="data.reason" rows={2} className={inputClass} aria-describedby={d} aria-invalid={invalid} />}
      </FormField>
      {fields?.occurredAt ? <p className="font-semibold text-nhs-red">{fields.occurredAt.join(". ")}</p> : null}
      <button type="submit" disabled={pending} className={submitClass}>
        {pending ? "Saving…" : "Record the correction"}
      </button>
    </form>
  );
}
