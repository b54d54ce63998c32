"use client";

import { useState } from "react";
import { EventFormContext, ImagingFields, NoteField, OccurredAtField, SelectField, type ImagingStep } from "./event-fields";
import { ReferralFormMessage, submitClass, useReferralForm, type EventAction } from "./referral-form";

const ID = "imaging";
const STEPS: Record<ImagingStep, string> = { imaging_requested: "Requested", imaging_performed: "Performed", imaging_reported: "Reported" };

/** One step of a scan. A report before the scan was performed is refused on the server, beside the step. */
export function ImagingForm({ action, referralId, version, nowLocal }: { action: EventAction; referralId: string; version: number; nowLocal: string }) {
  const { state, pending, onSubmit, formRef, fields } = useReferralForm(action);
  const [step, setStep] = useState<ImagingStep | "">("");
  return (
    <form ref={formRef} onSubmit={onSubmit} onReset={() => setStep("")} noValidate className="space-y-4">
      <ReferralFormMessage state={state} />
      <EventFormContext referralId={referralId} version={version} fields={fields} />
      <SelectField idPrefix={ID} name="type" label="Step" labels={STEPS} placeholder="Choose the step" fields={fields} onChange={setStep} />
      {step ? <ImagingFields idPrefix={ID} step={step} fields={fields} /> : null}
      <OccurredAtField idPrefix={ID} nowLocal={nowLocal} fields={fields} />
      <NoteField idPrefix={ID} fields={fields} />
      <button type="submit" disabled={pending} className={submitClass}>
        {pending ? "Saving…" : "Record the imaging step"}
      </button>
    </form>
  );
}
