"use client";

import { withIssuedReceipt } from "@/components/receipt/issued-receipt";
import { Choice, ChoiceGroup } from "@/components/ui/choice-group";
import { DateTimeInput } from "@/components/ui/date-time-input";
import { FormField, inputClass } from "@/components/ui/form-field";
import { ON_CALL } from "@/lib/validation/referral-forms";
import { REFERRAL_CATEGORIES, REFERRAL_CATEGORY_LABELS, TRIAGE_ADVICE, type ReferralCategory, type TriageAdvice } from "@/lib/domain/vocabulary";
import { ReferralFormMessage, submitClass, useReferralForm, type EventAction } from "./referral-form";

interface Props {
  action: EventAction;
  referralId: string;
  version: number;
  /** From the neurology recorded: preselected. */
  suggested: ReferralCategory;
  registrars: { id: string; name: string }[];
  /** Whoever is first on call on the rota now: the escalation goes to them unless another registrar is chosen. */
  onCallName: string | null;
  nowLocal: string;
}

/** The coordinator confirms the category, records the advice given and, if chosen, escalates to a registrar. */
export function TriageForm({ action, referralId, version, suggested, registrars, onCallName, nowLocal }: Props) {
  const { state, pending, onSubmit, formRef, fields } = useReferralForm(withIssuedReceipt(referralId, action));
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
      <FormField
        id="triage-escalate"
        label="Escalate to"
        hint={
          onCallName
            ? "The registrar first on call at the time of triage, who must acknowledge it; or choose another, or escalate later."
            : "Nobody is first on call on the rota now: choose the registrar, or escalate later."
        }
        errors={fields?.["data.toUserId"]}
      >
        {(d, invalid) => (
          <select id="triage-escalate" name="data.toUserId" defaultValue={onCallName ? ON_CALL : ""} className={inputClass} aria-describedby={d} aria-invalid={invalid}>
            {onCallName ? <option value={ON_CALL}>First on call: {onCallName}</option> : null}
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
