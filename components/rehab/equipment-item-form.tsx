"use client";

import { useState } from "react";
import { ReferralFormMessage, submitClass } from "@/components/referrals/referral-form";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormField, inputClass } from "@/components/ui/form-field";
import { allowedNextEquipmentStatuses, EQUIPMENT_STATUS_LABELS, equipmentItemName, type EquipmentStatus } from "@/lib/domain/equipment";
import type { ActionResult } from "@/lib/errors";
import type { EquipmentItem } from "@/db/schema/rehabilitation";
import { useReferralForm } from "@/components/referrals/referral-form";

export type EquipmentAction = (previous: unknown, formData: FormData) => Promise<ActionResult<{ id: string; version: number }>>;

type Item = Pick<
  EquipmentItem,
  "id" | "kind" | "description" | "status" | "supplier" | "owner" | "requestedOn" | "expectedOn" | "deliveredOn" | "installedOn" | "blocksDischarge" | "notes" | "version"
>;

/** The item's details as the server should keep them, for a submission that changes only its status (cancel). */
function currentFields(item: Item): Record<string, string> {
  return {
    equipmentItemId: item.id,
    expectedVersion: String(item.version),
    supplier: item.supplier ?? "",
    owner: item.owner ?? "",
    requestedOn: item.requestedOn ?? "",
    expectedOn: item.expectedOn ?? "",
    deliveredOn: item.deliveredOn ?? "",
    installedOn: item.installedOn ?? "",
    blocksDischarge: item.blocksDischarge ? "on" : "off",
    notes: item.notes ?? "",
  };
}

/** One item's update: its next status (only the allowed ones offered), dates, owner and notes; cancelling asks first. */
export function EquipmentItemForm({ action, item }: { action: EquipmentAction; item: Item }) {
  const { state, pending, onSubmit, formRef, fields } = useReferralForm(action, { resetOnSuccess: false });
  const [reason, setReason] = useState("");
  const id = `equipment-${item.id}`;
  const name = equipmentItemName(item);
  const next = allowedNextEquipmentStatuses(item.status).filter((s) => s !== "cancelled");
  const statuses: EquipmentStatus[] = [item.status, ...next];
  const canCancel = allowedNextEquipmentStatuses(item.status).includes("cancelled");
  const date = (field: "requestedOn" | "expectedOn" | "deliveredOn" | "installedOn", label: string, hint?: string) => (
    <FormField id={`${id}-${field}`} label={label} hint={hint} errors={fields?.[field]}>
      {(d, invalid) => <input id={`${id}-${field}`} name={field} type="date" defaultValue={item[field] ?? ""} className={`${inputClass} max-w-48`} aria-describedby={d} aria-invalid={invalid} />}
    </FormField>
  );
  const text = (field: "supplier" | "owner", label: string) => (
    <FormField id={`${id}-${field}`} label={label} errors={fields?.[field]}>
      {(d, invalid) => <input id={`${id}-${field}`} name={field} defaultValue={item[field] ?? ""} autoComplete="off" className={inputClass} aria-describedby={d} aria-invalid={invalid} />}
    </FormField>
  );
  return (
    <div className="space-y-4">
      <ReferralFormMessage state={state} />
      <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-3">
        <input type="hidden" name="equipmentItemId" value={item.id} />
        <input type="hidden" name="expectedVersion" value={item.version} />
        <FormField id={`${id}-status`} label={`Status of ${name}`} hint={next.length === 0 ? "This status is final." : undefined} errors={fields?.status}>
          {(d, invalid) => (
            <select id={`${id}-status`} name="status" defaultValue={item.status} className={inputClass} aria-describedby={d} aria-invalid={invalid}>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {s === item.status ? `${EQUIPMENT_STATUS_LABELS[s]} (now)` : EQUIPMENT_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <div className="grid gap-3 sm:grid-cols-2">
          {date("requestedOn", "Requested on")}
          {date("expectedOn", "Expected on")}
          {date("deliveredOn", "Delivered on", "Today if left blank when it arrives.")}
          {date("installedOn", "Installed on")}
          {text("supplier", "Supplier or service")}
          {text("owner", "Who owns it")}
        </div>
        <div className="flex items-center gap-2">
          <input id={`${id}-blocks`} type="checkbox" name="blocksDischarge" defaultChecked={item.blocksDischarge} className="h-6 w-6 accent-nhs-blue" />
          <label htmlFor={`${id}-blocks`}>Blocks discharge until delivered</label>
        </div>
        <FormField id={`${id}-notes`} label="Notes" errors={fields?.notes}>
          {(d, invalid) => <textarea id={`${id}-notes`} name="notes" rows={2} defaultValue={item.notes ?? ""} className={inputClass} aria-describedby={d} aria-invalid={invalid} />}
        </FormField>
        <button type="submit" disabled={pending} className={submitClass}>
          {pending ? "Saving…" : <>Save<span className="sr-only"> {name}</span></>}
        </button>
      </form>
      {canCancel ? (
        <div className="space-y-2 border-t border-gray-300 pt-3">
          <FormField id={`${id}-cancelledReason`} label="Reason for cancelling" errors={fields?.cancelledReason}>
            {(d, invalid) => (
              <input id={`${id}-cancelledReason`} value={reason} onChange={(e) => setReason(e.target.value)} autoComplete="off" className={inputClass} aria-describedby={d} aria-invalid={invalid} />
            )}
          </FormField>
          <ConfirmDialog
            id={`${id}-cancel`}
            triggerLabel="Cancel this item"
            triggerSrLabel={name}
            title={`Cancel ${name}?`}
            body={reason.trim() ? `It will be marked cancelled: "${reason.trim()}". A cancelled item cannot be reopened; add it again if it is needed after all.` : "Give the reason for cancelling first."}
            confirmLabel="Cancel the item"
            tone="danger"
            fields={{ ...currentFields(item), status: "cancelled", cancelledReason: reason }}
            onSubmit={onSubmit}
          />
        </div>
      ) : null}
    </div>
  );
}
