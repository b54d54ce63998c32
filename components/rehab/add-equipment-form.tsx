"use client";

import { ReferralFormMessage, submitClass } from "@/components/referrals/referral-form";
import { FormField, inputClass } from "@/components/ui/form-field";
import { EQUIPMENT_KIND_LABELS, EQUIPMENT_KINDS, EQUIPMENT_STATUS_LABELS, EQUIPMENT_STATUSES } from "@/lib/domain/equipment";
import type { EquipmentAction } from "./equipment-item-form";
import { useReferralForm } from "@/components/referrals/referral-form";

const ID = "add-equipment";

/** A new item (the list of pathway.md, or "other" described), where it stands, and whether it blocks discharge. */
export function AddEquipmentForm({ action, referralId }: { action: EquipmentAction; referralId: string }) {
  const { state, pending, onSubmit, formRef, fields } = useReferralForm(action);
  const text = (name: string, label: string, hint?: string) => (
    <FormField id={`${ID}-${name}`} label={label} hint={hint} errors={fields?.[name]}>
      {(d, invalid) => <input id={`${ID}-${name}`} name={name} autoComplete="off" className={inputClass} aria-describedby={d} aria-invalid={invalid} />}
    </FormField>
  );
  const date = (name: string, label: string) => (
    <FormField id={`${ID}-${name}`} label={label} errors={fields?.[name]}>
      {(d, invalid) => <input id={`${ID}-${name}`} name={name} type="date" className={`${inputClass} max-w-48`} aria-describedby={d} aria-invalid={invalid} />}
    </FormField>
  );
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-3">
      <ReferralFormMessage state={state} />
      <input type="hidden" name="referralId" value={referralId} />
      <FormField id={`${ID}-kind`} label="Equipment or adaptation" errors={fields?.kind}>
        {(d, invalid) => (
          <select id={`${ID}-kind`} name="kind" defaultValue="" className={inputClass} aria-describedby={d} aria-invalid={invalid}>
            <option value="" disabled>
              Choose the equipment or adaptation
            </option>
            {EQUIPMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {EQUIPMENT_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {text("description", "Description", 'Required for "Other"; a detail for the rest ("bariatric", "left side").')}
      <FormField id={`${ID}-status`} label="Where it stands" errors={fields?.status}>
        {(d, invalid) => (
          <select id={`${ID}-status`} name="status" defaultValue="needed" className={inputClass} aria-describedby={d} aria-invalid={invalid}>
            {EQUIPMENT_STATUSES.filter((s) => s !== "cancelled").map((s) => (
              <option key={s} value={s}>
                {EQUIPMENT_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <div className="grid gap-3 sm:grid-cols-2">
        {text("supplier", "Supplier or service")}
        {text("owner", "Who owns it")}
        {date("requestedOn", "Requested on")}
        {date("expectedOn", "Expected on")}
      </div>
      <div className="flex items-center gap-2">
        <input id={`${ID}-blocks`} type="checkbox" name="blocksDischarge" className="h-6 w-6 accent-nhs-blue" />
        <label htmlFor={`${ID}-blocks`}>Blocks discharge until delivered</label>
      </div>
      <FormField id={`${ID}-notes`} label="Notes" errors={fields?.notes}>
        {(d, invalid) => <textarea id={`${ID}-notes`} name="notes" rows={2} className={inputClass} aria-describedby={d} aria-invalid={invalid} />}
      </FormField>
      <button type="submit" disabled={pending} className={submitClass}>
        {pending ? "Adding…" : "Add the item"}
      </button>
    </form>
  );
}
