"use client";

import { Choice, ChoiceGroup } from "@/components/ui/choice-group";
import { DateTimeInput } from "@/components/ui/date-time-input";
import { FormField, inputClass } from "@/components/ui/form-field";
import { REFERRAL_CATEGORIES, REFERRAL_CATEGORY_LABELS, TRIAGE_ADVICE, type ReferralCategory, type TriageAdvice } from "@/lib/domain/vocabulary";
import { ReferralFormMessage, submitClass, useReferralForm, type EventAction } from "./referral-form";

interface Props {
  action: EventAction;
  referralId: string;
  version: number;
  /** From the neurology recorded: preselected. */
  suggested: ReferralCategory;
  registrars: { id: string; name: string }[];
  nowLocal: string;
}

/** The coordinator confirms the category, records the advice given and, if chosen, escalates to a registrar. */
export function TriageForm({ action, referralId, version, suggested, registrars, nowLocal }: Props) {
  const { state, pending, onSubmit, formRef, fields } = useReferralForm(action);
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
      <ReferralFormMessage state={state} />
      <input type="hidden" name="referralId" value={referralId} />
      <input type="hidden" name="expectedVersion" value={version} />
      <ChoiceGroup id="triage-category" legend="Category" hint={`Suggested from the neurology recorded: ${REFERRAL_CATEGORY_LABELS[suggested]}.`} errors={fields?.["data.category"]}>
        {() =>
          REFERRAL_CATEGORIES.map((c) => (
            <Choice key={c} type="radio" name="data.category" value={c} label={REFERRAL_CATEGORY_LABELS[c]} idPrefix="triage-category" defaultChecked={c === suggested} />
          ))
        }
      </ChoiceGroup>
      <ChoiceGroup id="triage-advice" legend="Advice given" errors={fields?.["data.advice"]}>
        {() =>
          (Object.keys(TRIAGE_ADVICE) as TriageAdvice[]).map((a) => (
            <Choice key={a} type="checkbox" name="data.advice" value={a} label={TRIAGE_ADVICE[a]} idPrefix="triage-advice" />
          ))
        }
      </ChoiceGroup>
      <FormField id="triage-note" label="Note (optional)" errors={fields?.["data.note"]}>
        {(d, invalid) => <textarea id="triage-note" name="data.note" rows={2} className={inputClass} aria-describedby={d} aria-invalid={invalid} />}
      </FormField>
      <FormField id="triage-escalate" label="Escalate to" hint="The on-call registrar; leave as is to escalate later." errors={fields?.["data.toUserId"]}>
        {(d, invalid) => (
          <select id="triage-escalate" name="data.toUserId" defaultValue="" className={inputClass} aria-describedby={d} aria-invalid={invalid}>
            <option value="">Do not escalate now</option>
            {registrars.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id="triage-time" label="Time of triage" hint="London time." errors={fields?.occurredAt}>
        {(d, invalid) => <DateTimeInput id="triage-time" name="occurredAt" defaultValue={nowLocal} followNow describedBy={d} invalid={invalid} />}
      </FormField>
      {fields?.expectedVersion || fields?.referralId ? <p className="text-nhs-red">{[...(fields.expectedVersion ?? []), ...(fields.referralId ?? [])].join(". ")}</p> : null}
      <button type="submit" disabled={pending} className={submitClass}>
        {pending ? "Saving…" : "Record triage"}
      </button>
    </form>
  );
}
