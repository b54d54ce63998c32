"use client";

import { useState } from "react";
import { FormField, inputClass } from "@/components/ui/form-field";
import type { FieldErrors } from "@/lib/errors";
import { REFERRAL_STATUS_LABELS, type ReferralStatus } from "@/lib/domain/vocabulary";
import { DecisionFields, DoseFields, EventFormContext, ImagingFields, NoteField, OccurredAtField, SelectField, TextField } from "./event-fields";
import { EVENT_TYPE_LABELS, TREATMENT_LABELS } from "./event-labels";
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
  // Therapy assessments and the discharge are recorded in the rehabilitation section (the discharge team's).
  "status_changed",
] as const;
type Recordable = (typeof RECORDABLE)[number];

const ID = "event";

interface Props {
  action: EventAction;
  referralId: string;
  version: number;
  /** The statuses this referral may move to next (lib/domain/referral-status). */
  nextStatuses: readonly ReferralStatus[];
  nowLocal: string;
}

/** The fields each kind of event needs, named as the server's schema (lib/validation/referrals EVENT_DATA) has them. */
function EventFields({ type, fields, nextStatuses }: { type: Recordable; fields?: FieldErrors; nextStatuses: readonly ReferralStatus[] }) {
  const note = <NoteField idPrefix={ID} fields={fields} />;
  switch (type) {
    case "dexamethasone_given":
      return (
        <>
          <DoseFields idPrefix={ID} fields={fields} />
          <TextField idPrefix={ID} name="data.overrideReason" label="Reason for giving it before the haematology discussion (if lymphoma or myeloma is suspected)" fields={fields} multiline />
          {note}
        </>
      );
    case "imaging_requested":
    case "imaging_performed":
    case "imaging_reported":
      return (
        <>
          <ImagingFields idPrefix={ID} step={type} fields={fields} />
          {note}
        </>
      );
    case "decision":
      return (
        <>
          <DecisionFields idPrefix={ID} fields={fields} />
          {note}
        </>
      );
    case "treatment_started":
      return (
        <>
          <SelectField idPrefix={ID} name="data.treatment" label="Treatment" labels={TREATMENT_LABELS} placeholder="Choose the treatment" fields={fields} />
          {note}
        </>
      );
    case "note":
      return <TextField idPrefix={ID} name="data.text" label="Note" fields={fields} multiline />;
    case "status_changed":
      return (
        <>
          <SelectField
            idPrefix={ID}
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
      <EventFormContext referralId={referralId} version={version} fields={fields} />
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
      <OccurredAtField idPrefix={ID} nowLocal={nowLocal} fields={fields} />
      <button type="submit" disabled={pending} className={submitClass}>
        {pending ? "Saving…" : "Record"}
      </button>
    </form>
  );
}
