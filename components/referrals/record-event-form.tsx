"use client";

import { useState } from "react";
import { Choice, ChoiceGroup } from "@/components/ui/choice-group";
import { DateTimeInput } from "@/components/ui/date-time-input";
import { FormField, inputClass } from "@/components/ui/form-field";
import type { FieldErrors } from "@/lib/errors";
import { REFERRAL_STATUS_LABELS, type ReferralStatus } from "@/lib/domain/vocabulary";
import { DECISION_LABELS, EVENT_TYPE_LABELS, IMAGING_RESULT_LABELS, MODALITY_LABELS, TREATMENT_LABELS, type DexamethasoneRoute } from "./event-labels";
import { ReferralFormMessage, submitClass, useReferralForm, type EventAction } from "./referral-form";

// What this form records; triage and escalation have their own form, breach reasons and corrections theirs.
const RECORDABLE = [
  "dexamethasone_given",
  "immobilisation_advised",
  "immobilisation_lifted",
  "imaging_requested",
  "imaging_performed",
  "imaging_reported",
  "decision",
  "treatment_started",
  "acknowledged",
  "note",
  "admitted",
  "physiotherapy_assessed",
  "occupational_therapy_assessed",
  "status_changed",
] as const;
type Recordable = (typeof RECORDABLE)[number];

const ROUTE_CHOICES: Record<DexamethasoneRoute, string> = { oral: "Oral", iv: "IV" };

interface Props {
  action: EventAction;
  referralId: string;
  version: number;
  /** The statuses this referral may move to next (lib/domain/referral-status). */
  nextStatuses: readonly ReferralStatus[];
  nowLocal: string;
}

function Options<K extends string>({ labels, placeholder }: { labels: Record<K, string>; placeholder: string }) {
  return (
    <>
      <option value="" disabled>
        {placeholder}
      </option>
      {(Object.keys(labels) as K[]).map((k) => (
        <option key={k} value={k}>
          {labels[k]}
        </option>
      ))}
    </>
  );
}

function Select<K extends string>({ name, label, labels, placeholder, fields }: { name: string; label: string; labels: Record<K, string>; placeholder: string; fields?: FieldErrors }) {
  const id = `event-${name.replace("data.", "")}`;
  return (
    <FormField id={id} label={label} errors={fields?.[name]}>
      {(d, invalid) => (
        <select id={id} name={name} defaultValue="" className={inputClass} aria-describedby={d} aria-invalid={invalid}>
          <Options labels={labels} placeholder={placeholder} />
        </select>
      )}
    </FormField>
  );
}

function TextInput({ name, label, hint, fields, multiline = false }: { name: string; label: string; hint?: string; fields?: FieldErrors; multiline?: boolean }) {
  const id = `event-${name.replace("data.", "")}`;
  return (
    <FormField id={id} label={label} hint={hint} errors={fields?.[name]}>
      {(d, invalid) =>
        multiline ? (
          <textarea id={id} name={name} rows={3} className={inputClass} aria-describedby={d} aria-invalid={invalid} />
        ) : (
          <input id={id} name={name} autoComplete="off" className={inputClass} aria-describedby={d} aria-invalid={invalid} />
        )
      }
    </FormField>
  );
}

/** The fields each kind of event needs, named as the server's schema (lib/validation/referrals EVENT_DATA) has them. */
function EventFields({ type, fields, nextStatuses }: { type: Recordable; fields?: FieldErrors; nextStatuses: readonly ReferralStatus[] }) {
  const note = <TextInput name="data.note" label="Note (optional)" fields={fields} multiline />;
  switch (type) {
    case "dexamethasone_given":
      return (
        <>
          <FormField id="event-doseMg" label="Dose (mg)" hint="NG234: 16 mg for suspected MSCC with neurology. The dashboard records, it does not prescribe." errors={fields?.["data.doseMg"]}>
            {(d, invalid) => (
              <input id="event-doseMg" name="data.doseMg" inputMode="decimal" defaultValue="16" className={`${inputClass} max-w-32`} aria-describedby={d} aria-invalid={invalid} />
            )}
          </FormField>
          <ChoiceGroup id="event-route" legend="Route" errors={fields?.["data.route"]}>
            {() =>
              (Object.keys(ROUTE_CHOICES) as DexamethasoneRoute[]).map((r) => (
                <Choice key={r} type="radio" name="data.route" value={r} label={ROUTE_CHOICES[r]} idPrefix="event-route" defaultChecked={r === "oral"} />
              ))
            }
          </ChoiceGroup>
          {note}
        </>
      );
    case "imaging_requested":
      return (
        <>
          <Select name="data.modality" label="Imaging" labels={MODALITY_LABELS} placeholder="Choose the imaging" fields={fields} />
          {note}
        </>
      );
    case "imaging_performed":
      return (
        <>
          <Select name="data.modality" label="Imaging" labels={MODALITY_LABELS} placeholder="Choose the imaging" fields={fields} />
          <TextInput name="data.accession" label="PACS accession number (optional)" fields={fields} />
          {note}
        </>
      );
    case "imaging_reported":
      return (
        <>
          <Select name="data.modality" label="Imaging" labels={MODALITY_LABELS} placeholder="Choose the imaging" fields={fields} />
          <Select name="data.result" label="Result" labels={IMAGING_RESULT_LABELS} placeholder="Choose the result" fields={fields} />
          <TextInput name="data.levels" label="Spinal levels (optional)" hint="For example T10–T11." fields={fields} />
          {note}
        </>
      );
    case "decision":
      return (
        <>
          <Select name="data.decision" label="Decision" labels={DECISION_LABELS} placeholder="Choose the decision" fields={fields} />
          {note}
        </>
      );
    case "treatment_started":
      return (
        <>
          <Select name="data.treatment" label="Treatment" labels={TREATMENT_LABELS} placeholder="Choose the treatment" fields={fields} />
          {note}
        </>
      );
    case "note":
      return <TextInput name="data.text" label="Note" fields={fields} multiline />;
    case "status_changed":
      return (
        <>
          <Select
            name="data.to"
            label="New status"
            labels={Object.fromEntries(nextStatuses.map((s) => [s, REFERRAL_STATUS_LABELS[s]])) as Record<ReferralStatus, string>}
            placeholder={nextStatuses.length > 0 ? "Choose the new status" : "No change of status is possible"}
            fields={fields}
          />
          {note}
        </>
      );
    case "immobilisation_advised":
    case "immobilisation_lifted":
    case "acknowledged":
    case "admitted":
    case "physiotherapy_assessed":
    case "occupational_therapy_assessed":
      return note;
    default: {
      const unhandled: never = type;
      return unhandled;
    }
  }
}

/** Record what happened, at the clinical time it happened (which may be earlier than now). */
export function RecordEventForm({ action, referralId, version, nextStatuses, nowLocal }: Props) {
  const { state, pending, onSubmit, formRef, fields } = useReferralForm(action);
  const [type, setType] = useState<Recordable | "">("");
  return (
    <form ref={formRef} onSubmit={onSubmit} onReset={() => setType("")} noValidate className="space-y-4">
      <ReferralFormMessage state={state} />
      <input type="hidden" name="referralId" value={referralId} />
      <input type="hidden" name="expectedVersion" value={version} />
      <FormField id="event-type" label="What happened" errors={fields?.type}>
        {(d, invalid) => (
          <select
            id="event-type"
            name="type"
            value={type}
            onChange={(e) => setType(e.target.value as Recordable | "")}
            className={inputClass}
            aria-describedby={d}
            aria-invalid={invalid}
          >
            <option value="" disabled>
              Choose what to record
            </option>
            {RECORDABLE.map((t) => (
              <option key={t} value={t}>
                {EVENT_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {type ? <EventFields key={type} type={type} fields={fields} nextStatuses={nextStatuses} /> : null}
      <FormField id="event-time" label="When it happened" hint="London time; it may be earlier than now." errors={fields?.occurredAt}>
        {(d, invalid) => <DateTimeInput id="event-time" name="occurredAt" defaultValue={nowLocal} followNow describedBy={d} invalid={invalid} />}
      </FormField>
      {fields?.expectedVersion || fields?.referralId ? <p className="text-nhs-red">{[...(fields.expectedVersion ?? []), ...(fields.referralId ?? [])].join(". ")}</p> : null}
      <button type="submit" disabled={pending} className={submitClass}>
        {pending ? "Saving…" : "Record"}
      </button>
    </form>
  );
}
