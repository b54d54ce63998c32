"use client";

import { useState } from "react";
import { EventFormContext, NoteField, OccurredAtField, SelectField } from "@/components/referrals/event-fields";
import { ReferralFormMessage, submitClass, useReferralForm, type EventAction } from "@/components/referrals/referral-form";
import { FormField, inputClass } from "@/components/ui/form-field";
import { checkDischarge, CHECKLIST_ITEM_LABELS, DESTINATION_NAMES, DESTINATIONS, openChecklistItems, openItemReasonField, type Checklist, type ChecklistItem, type Destination, type DischargeEquipment } from "@/lib/domain/rehabilitation";
import { FRANKEL_LABELS } from "@/lib/domain/scores";
import { AMBULATORY_STATUS_LABELS } from "@/lib/domain/vocabulary";

const ID = "discharge";

interface Props {
  action: EventAction;
  referralId: string;
  version: number;
  nowLocal: string;
  checklist: Checklist;
  equipment: readonly DischargeEquipment[];
  plannedDestination: Destination | null;
}

/**
 * The discharge: destination, ambulatory status, Frankel grade and time, with a reason box for each checklist item
 * still open. What blocks it is listed as it changes; the button stays disabled until nothing does, and the server
 * applies the same rule (lib/domain/rehabilitation checkDischarge) whatever the browser sends.
 */
export function DischargeForm({ action, referralId, version, nowLocal, checklist, equipment, plannedDestination }: Props) {
  const { state, pending, onSubmit, formRef, fields } = useReferralForm(action);
  // Until someone chooses, the destination follows the plan's (which may be saved while this form is open).
  const [chosen, setChosen] = useState<Destination | "" | null>(null);
  const destination = chosen ?? plannedDestination ?? "";
  const [reasons, setReasons] = useState<Partial<Record<ChecklistItem, string>>>({});
  const open = openChecklistItems(checklist);
  const check = checkDischarge({ checklist, equipment, reasons, destination: destination || null });
  const blockers = check.ok ? [] : check.blockers;
  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      onReset={() => {
        setReasons({});
        setChosen(null);
      }}
      noValidate
      className="space-y-4"
    >
      <ReferralFormMessage state={state} />
      <EventFormContext referralId={referralId} version={version} fields={fields} />
      <section id={`${ID}-blockers`} aria-live="polite" aria-labelledby={`${ID}-blockers-heading`} className={blockers.length > 0 ? "rounded border-l-4 border-nhs-red bg-red-50 p-3" : "rounded border-l-4 border-nhs-green bg-green-50 p-3"}>
        <h4 id={`${ID}-blockers-heading`} className="font-bold">
          {blockers.length > 0 ? (
            <>
              <span aria-hidden>✕ </span>Discharge is blocked
            </>
          ) : (
            <>
              <span aria-hidden>✓ </span>Nothing blocks the discharge
            </>
          )}
        </h4>
        {blockers.length > 0 ? (
          <ul className="mt-1 list-disc pl-5">
            {blockers.map((b) => (
              <li key={b.field}>{b.message}</li>
            ))}
          </ul>
        ) : null}
      </section>

      <FormField id={`${ID}-destination`} label="Destination" hint={plannedDestination ? "From the plan; change it if it has changed." : undefined} errors={fields?.["data.destination"]}>
        {(d, invalid) => (
          <select
            id={`${ID}-destination`}
            name="data.destination"
            value={destination}
            onChange={(e) => setChosen(e.target.value as Destination | "")}
            className={inputClass}
            aria-describedby={d}
            aria-invalid={invalid}
          >
            <option value="" disabled>
              Choose the destination
            </option>
            {DESTINATIONS.map((dest) => (
              <option key={dest} value={dest}>
                {DESTINATION_NAMES[dest]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <SelectField idPrefix={ID} name="data.ambulatoryStatus" label="Ambulatory status at discharge" labels={AMBULATORY_STATUS_LABELS} placeholder="Choose the ambulatory status" fields={fields} />
      <SelectField idPrefix={ID} name="data.frankelGrade" label="Frankel grade at discharge (optional)" labels={FRANKEL_LABELS} placeholder="Not assessed" fields={fields} optional />
      <OccurredAtField idPrefix={ID} nowLocal={nowLocal} fields={fields} label="When the patient was discharged" />

      {open.length > 0 ? (
        <fieldset className="space-y-3">
          <legend className="font-bold">Checklist items still open: give the reason for each</legend>
          {open.map((item) => {
            const name = openItemReasonField(item);
            return (
              <FormField key={item} id={`${ID}-reason-${item}`} label={`Reason: ${CHECKLIST_ITEM_LABELS[item]}`} errors={fields?.[name]}>
                {(d, invalid) => (
                  <textarea
                    id={`${ID}-reason-${item}`}
                    name={name}
                    rows={2}
                    value={reasons[item] ?? ""}
                    onChange={(e) => setReasons((r) => ({ ...r, [item]: e.target.value }))}
                    className={inputClass}
                    aria-describedby={d}
                    aria-invalid={invalid}
                  />
                )}
              </FormField>
            );
          })}
        </fieldset>
      ) : null}
      <NoteField idPrefix={ID} fields={fields} label="Arrangements at home and notes (optional)" />
      <div className="space-y-1">
        <button type="submit" disabled={pending || blockers.length > 0} aria-describedby={blockers.length > 0 ? `${ID}-blocked-why` : undefined} className={submitClass}>
          {pending ? "Saving…" : "Discharge the patient"}
        </button>
        {blockers.length > 0 ? (
          <p id={`${ID}-blocked-why`} className="text-sm text-gray-800">
            Not yet: clear what blocks the discharge (listed above).
          </p>
        ) : null}
      </div>
    </form>
  );
}
