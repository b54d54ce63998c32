"use client";

import { ReferralFormMessage, submitClass } from "@/components/referrals/referral-form";
import { Choice, ChoiceGroup } from "@/components/ui/choice-group";
import { DateTimeInput } from "@/components/ui/date-time-input";
import { FormField, inputClass } from "@/components/ui/form-field";
import { CHECKLIST_ITEM_LABELS, CHECKLIST_ITEMS, CHECKLIST_STATE_LABELS, CHECKLIST_STATES, DESTINATION_NAMES, DESTINATIONS, type Checklist, type Destination } from "@/lib/domain/rehabilitation";
import { toLondonLocalInput } from "@/lib/domain/time-format";
import type { ActionResult } from "@/lib/errors";
import { useReferralForm } from "@/components/referrals/referral-form";

export interface PlanValues {
  version: number;
  keyWorkerName: string | null;
  keyWorkerContact: string | null;
  goals: string | null;
  medicallyFitAt: Date | null;
  checklist: Checklist;
  destination: Destination | null;
  expectedDischargeOn: string | null;
}

type SaveAction = (previous: unknown, formData: FormData) => Promise<ActionResult<{ version: number }>>;

const ID = "plan";

/** The plan: key worker, goals, medically fit, the checklist of pathway.md (state and note per item), destination and date. */
export function RehabPlanForm({ action, referralId, plan, nowLocal }: { action: SaveAction; referralId: string; plan: PlanValues | null; nowLocal: string }) {
  const { state, pending, onSubmit, formRef, fields } = useReferralForm(action, { resetOnSuccess: false });
  const text = (name: keyof PlanValues, label: string, hint?: string) => (
    <FormField id={`${ID}-${name}`} label={label} hint={hint} errors={fields?.[name]}>
      {(d, invalid) => <input id={`${ID}-${name}`} name={name} defaultValue={(plan?.[name] as string | null) ?? ""} autoComplete="off" className={inputClass} aria-describedby={d} aria-invalid={invalid} />}
    </FormField>
  );
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
      <ReferralFormMessage state={state} />
      <input type="hidden" name="referralId" value={referralId} />
      <input type="hidden" name="expectedVersion" value={plan?.version ?? ""} />
      {text("keyWorkerName", "Key worker")}
      {text("keyWorkerContact", "Key worker's phone or bleep")}
      <FormField id={`${ID}-goals`} label="Goals" hint="What the patient is working towards, in their words where possible." errors={fields?.goals}>
        {(d, invalid) => <textarea id={`${ID}-goals`} name="goals" rows={3} defaultValue={plan?.goals ?? ""} className={inputClass} aria-describedby={d} aria-invalid={invalid} />}
      </FormField>
      <ChoiceGroup id={`${ID}-medicallyFit`} legend="Medically fit for discharge?" errors={fields?.medicallyFit} optionsClassName="mt-1 flex flex-wrap gap-x-6">
        {() => (
          <>
            <Choice type="radio" name="medicallyFit" value="no" label="Not yet" idPrefix={`${ID}-medicallyFit`} defaultChecked={!plan?.medicallyFitAt} />
            <Choice type="radio" name="medicallyFit" value="yes" label="Yes" idPrefix={`${ID}-medicallyFit`} defaultChecked={Boolean(plan?.medicallyFitAt)} />
          </>
        )}
      </ChoiceGroup>
      <FormField id={`${ID}-medicallyFitAt`} label="Medically fit since" hint="London time; only used when medically fit is Yes." errors={fields?.medicallyFitAt}>
        {(d, invalid) => (
          <DateTimeInput id={`${ID}-medicallyFitAt`} name="medicallyFitAt" defaultValue={plan?.medicallyFitAt ? toLondonLocalInput(plan.medicallyFitAt) : nowLocal} describedBy={d} invalid={invalid} />
        )}
      </FormField>

      <fieldset className="space-y-3">
        <legend className="text-lg font-bold">Checklist</legend>
        {CHECKLIST_ITEMS.map((item) => {
          const entry = plan?.checklist[item];
          const stateId = `${ID}-${item}-state`;
          return (
            <div key={item} className="grid gap-2 border-t border-gray-300 pt-2 md:grid-cols-2 md:items-start">
              <ChoiceGroup id={stateId} legend={CHECKLIST_ITEM_LABELS[item]} errors={fields?.[`checklist.${item}.state`]} optionsClassName="mt-1 flex flex-wrap gap-x-4">
                {() =>
                  CHECKLIST_STATES.map((s) => (
                    <Choice key={s} type="radio" name={`checklist.${item}.state`} value={s} label={CHECKLIST_STATE_LABELS[s]} idPrefix={stateId} defaultChecked={(entry?.state ?? "open") === s} />
                  ))
                }
              </ChoiceGroup>
              <FormField id={`${ID}-${item}-note`} label={`Note: ${CHECKLIST_ITEM_LABELS[item]}`} errors={fields?.[`checklist.${item}.note`]}>
                {(d, invalid) => <input id={`${ID}-${item}-note`} name={`checklist.${item}.note`} defaultValue={entry?.note ?? ""} autoComplete="off" className={inputClass} aria-describedby={d} aria-invalid={invalid} />}
              </FormField>
            </div>
          );
        })}
      </fieldset>

      <FormField id={`${ID}-destination`} label="Destination" errors={fields?.destination}>
        {(d, invalid) => (
          <select id={`${ID}-destination`} name="destination" defaultValue={plan?.destination ?? ""} className={inputClass} aria-describedby={d} aria-invalid={invalid}>
            <option value="">Not decided yet</option>
            {DESTINATIONS.map((dest) => (
              <option key={dest} value={dest}>
                {DESTINATION_NAMES[dest]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id={`${ID}-expectedDischargeOn`} label="Expected discharge date" hint="Today or later, within a year." errors={fields?.expectedDischargeOn}>
        {(d, invalid) => (
          <input id={`${ID}-expectedDischargeOn`} name="expectedDischargeOn" type="date" defaultValue={plan?.expectedDischargeOn ?? ""} className={`${inputClass} max-w-48`} aria-describedby={d} aria-invalid={invalid} />
        )}
      </FormField>
      <button type="submit" disabled={pending} className={submitClass}>
        {pending ? "Saving…" : "Save the plan"}
      </button>
    </form>
  );
}
