"use client";

import { DoseFields, EventFormContext, NoteField, OccurredAtField, TextField } from "./event-fields";
import { ReferralFormMessage, submitClass, useReferralForm, type EventAction } from "./referral-form";

const ID = "dose";

interface Props {
  action: EventAction;
  referralId: string;
  version: number;
  nowLocal: string;
  /** Lymphoma or myeloma suspected and no dose yet (lib/domain/dexamethasone overrideNeeded); the server checks it again. */
  overrideNeeded: boolean;
}

/** A dose given (drug, mg, route, time; the signer is the user): recorded, never prescribed. */
export function DexamethasoneForm({ action, referralId, version, nowLocal, overrideNeeded }: Props) {
  const { state, pending, onSubmit, formRef, fields } = useReferralForm(action);
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
      <ReferralFormMessage state={state} />
      <EventFormContext referralId={referralId} version={version} fields={fields} />
      <input type="hidden" name="type" value="dexamethasone_given" />
      <p>
        <span className="font-semibold">Drug:</span> dexamethasone
      </p>
      <DoseFields idPrefix={ID} fields={fields} />
      {overrideNeeded || fields?.["data.overrideReason"] ? (
        <TextField
          idPrefix={ID}
          name="data.overrideReason"
          label="Reason for giving it before the haematology discussion"
          hint="Needed for a first dose while lymphoma or myeloma is suspected."
          fields={fields}
          multiline
        />
      ) : null}
      <OccurredAtField idPrefix={ID} nowLocal={nowLocal} fields={fields} label="When it was given" />
      <NoteField idPrefix={ID} fields={fields} />
      <button type="submit" disabled={pending} className={submitClass}>
        {pending ? "Saving…" : "Record the dose"}
      </button>
    </form>
  );
}
