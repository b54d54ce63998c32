"use client";

import { useEffect, useRef, useState } from "react";
import { Choice, ChoiceGroup } from "@/components/ui/choice-group";
import { DateTimeInput } from "@/components/ui/date-time-input";
import { FormField, inputClass } from "@/components/ui/form-field";
import type { FieldErrors } from "@/lib/errors";
import { DECISION_LABELS, IMAGING_RESULT_LABELS, MODALITY_LABELS, type Decision, type DexamethasoneRoute } from "./event-labels";

/**
 * The fields of the referral page's event forms, named as the server's schema (lib/validation/referrals
 * EVENT_DATA) has them, so the general "Record an event" form and the focused forms (decisions, doses,
 * imaging, scores) ask the same questions. Each form passes its own idPrefix: ids stay unique on the page.
 */

const fieldId = (idPrefix: string, name: string) => `${idPrefix}-${name.replace("data.", "")}`;

function Options<K extends string>({ labels, placeholder, optional = false }: { labels: Record<K, string>; placeholder: string; optional?: boolean }) {
  return (
    <>
      <option value="" disabled={!optional}>
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

interface SelectProps<K extends string> {
  idPrefix: string;
  name: string;
  label: string;
  labels: Record<K, string>;
  placeholder: string;
  fields?: FieldErrors;
  hint?: string;
  /** For a form that shows other fields by the choice; the form clears its own state when it is reset. */
  onChange?: (value: K | "") => void;
  /** The placeholder may be sent (nothing chosen is an answer). */
  optional?: boolean;
}

export function SelectField<K extends string>({ idPrefix, name, label, labels, placeholder, fields, hint, onChange, optional }: SelectProps<K>) {
  const id = fieldId(idPrefix, name);
  return (
    <FormField id={id} label={label} hint={hint} errors={fields?.[name]}>
      {(d, invalid) => (
        <select
          id={id}
          name={name}
          defaultValue=""
          onChange={onChange ? (e) => onChange(e.target.value as K | "") : undefined}
          className={inputClass}
          aria-describedby={d}
          aria-invalid={invalid}
        >
          <Options labels={labels} placeholder={placeholder} optional={optional} />
        </select>
      )}
    </FormField>
  );
}

export function TextField({ idPrefix, name, label, hint, fields, multiline = false }: { idPrefix: string; name: string; label: string; hint?: string; fields?: FieldErrors; multiline?: boolean }) {
  const id = fieldId(idPrefix, name);
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

export const NoteField = ({ idPrefix, fields, label = "Note (optional)" }: { idPrefix: string; fields?: FieldErrors; label?: string }) => (
  <TextField idPrefix={idPrefix} name="data.note" label={label} fields={fields} multiline />
);

/** When it happened: London time, following the clock until typed into (DateTimeInput). */
export function OccurredAtField({ idPrefix, nowLocal, fields, label = "When it happened" }: { idPrefix: string; nowLocal: string; fields?: FieldErrors; label?: string }) {
  const id = `${idPrefix}-time`;
  return (
    <FormField id={id} label={label} hint="London time; it may be earlier than now." errors={fields?.occurredAt}>
      {(d, invalid) => <DateTimeInput id={id} name="occurredAt" defaultValue={nowLocal} followNow describedBy={d} invalid={invalid} />}
    </FormField>
  );
}

/** The version and referral the form was based on, and their errors (a stale version is a conflict, reported above). */
export function EventFormContext({ referralId, version, fields }: { referralId: string; version: number; fields?: FieldErrors }) {
  return (
    <>
      <input type="hidden" name="referralId" value={referralId} />
      <input type="hidden" name="expectedVersion" value={version} />
      {fields?.expectedVersion || fields?.referralId ? <p className="text-nhs-red">{[...(fields.expectedVersion ?? []), ...(fields.referralId ?? [])].join(". ")}</p> : null}
    </>
  );
}

/** A focused form has no "what happened" field: a refusal of the event itself is shown beside the field that chose it. */
export function typeErrorsOn(fields: FieldErrors | undefined, name: string): FieldErrors | undefined {
  if (!fields?.type) return fields;
  const { type, ...rest } = fields;
  return { ...rest, [name]: [...(rest[name] ?? []), ...type] };
}

const ROUTE_CHOICES: Record<DexamethasoneRoute, string> = { oral: "Oral", iv: "IV" };

/** Dose and route of dexamethasone given (NG234: 16 mg with neurology). Recorded, never prescribed. */
export function DoseFields({ idPrefix, fields }: { idPrefix: string; fields?: FieldErrors }) {
  const doseId = fieldId(idPrefix, "doseMg");
  return (
    <>
      <FormField id={doseId} label="Dose (mg)" hint="NG234: 16 mg for suspected MSCC with neurology. The dashboard records, it does not prescribe." errors={fields?.["data.doseMg"]}>
        {(d, invalid) => <input id={doseId} name="data.doseMg" inputMode="decimal" defaultValue="16" className={`${inputClass} max-w-32`} aria-describedby={d} aria-invalid={invalid} />}
      </FormField>
      <ChoiceGroup id={fieldId(idPrefix, "route")} legend="Route" errors={fields?.["data.route"]} optionsClassName="mt-1 flex flex-wrap gap-x-6">
        {() =>
          (Object.keys(ROUTE_CHOICES) as DexamethasoneRoute[]).map((r) => (
            <Choice key={r} type="radio" name="data.route" value={r} label={ROUTE_CHOICES[r]} idPrefix={fieldId(idPrefix, "route")} defaultChecked={r === "oral"} />
          ))
        }
      </ChoiceGroup>
    </>
  );
}

export type ImagingStep = "imaging_requested" | "imaging_performed" | "imaging_reported";

/** What each step of a scan records: the modality always; where the images are once performed; the result once reported. */
export function ImagingFields({ idPrefix, step, fields }: { idPrefix: string; step: ImagingStep; fields?: FieldErrors }) {
  const imageExchange = (
    <TextField idPrefix={idPrefix} name="data.imageExchange" label="Image exchange reference (optional)" hint="Where images held at another hospital can be found." fields={fields} />
  );
  return (
    <>
      <SelectField idPrefix={idPrefix} name="data.modality" label="Imaging" labels={MODALITY_LABELS} placeholder="Choose the imaging" fields={fields} />
      {step === "imaging_performed" ? (
        <>
          <TextField idPrefix={idPrefix} name="data.accession" label="PACS accession number (optional)" fields={fields} />
          {imageExchange}
        </>
      ) : null}
      {step === "imaging_reported" ? (
        <>
          <SelectField idPrefix={idPrefix} name="data.result" label="Result" labels={IMAGING_RESULT_LABELS} placeholder="Choose the result" fields={fields} />
          <TextField idPrefix={idPrefix} name="data.levels" label="Spinal levels (optional)" hint="For example T10–T11." fields={fields} />
          {imageExchange}
        </>
      ) : null}
    </>
  );
}

/** The decision; for radiotherapy planned, the decision-to-treat time that starts the radiotherapy clock (QS56 statement 6). */
export function DecisionFields({ idPrefix, fields }: { idPrefix: string; fields?: FieldErrors }) {
  const [decision, setDecision] = useState<Decision | "">("");
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const form = ref.current?.closest("form");
    const onReset = () => setDecision("");
    form?.addEventListener("reset", onReset);
    return () => form?.removeEventListener("reset", onReset);
  }, []);
  const decidedId = fieldId(idPrefix, "decidedAt");
  return (
    <div ref={ref} className="space-y-4">
      <SelectField idPrefix={idPrefix} name="data.decision" label="Decision" labels={DECISION_LABELS} placeholder="Choose the decision" fields={fields} onChange={setDecision} />
      {decision === "radiotherapy_planned" ? (
        <FormField
          id={decidedId}
          label="Decision to treat (optional)"
          hint="Starts the 24-hour radiotherapy clock. Leave blank if it is the time the decision was made, below."
          errors={fields?.["data.decidedAt"]}
        >
          {(d, invalid) => <DateTimeInput id={decidedId} name="data.decidedAt" describedBy={d} invalid={invalid} />}
        </FormField>
      ) : null}
    </div>
  );
}
