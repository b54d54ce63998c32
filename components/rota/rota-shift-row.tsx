"use client";

import { ActionMessage } from "@/components/ui/action-message";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ActionResult } from "@/lib/errors";

export type RemoveShiftAction = (previous: unknown, formData: FormData) => Promise<ActionResult<{ id: string }>>;

interface Props {
  shift: { id: string; lineLabel: string; userName: string; userActive: boolean; from: string; to: string; onCallNow: boolean };
  remove: RemoveShiftAction;
}

export function RotaShiftRow({ shift, remove }: Props) {
  const { state, onSubmit, pending } = useFormAction(remove);
  const what = `${shift.userName}, ${shift.lineLabel.toLowerCase()}, ${shift.from} to ${shift.to}`;
  return (
    <tr className="border-t border-gray-200 align-top">
      <td className="p-3">{shift.lineLabel}</td>
      <td className="p-3 font-semibold">
        {shift.userName}
        {shift.onCallNow ? (
          <span className="ml-2 inline-block rounded bg-nhs-blue px-2 text-sm font-semibold text-white">
            <span aria-hidden>● </span>On call now
          </span>
        ) : null}
        {shift.userActive ? null : (
          <span className="mt-1 block text-sm font-semibold text-nhs-red">
            <span aria-hidden>▲ </span>Account deactivated: this shift covers nobody
          </span>
        )}
      </td>
      <td className="whitespace-nowrap p-3">{shift.from}</td>
      <td className="whitespace-nowrap p-3">{shift.to}</td>
      <td className="p-3">
        <ConfirmDialog
          id={`remove-${shift.id}`}
          triggerLabel={pending ? "Removing…" : "Remove"}
          triggerSrLabel={`shift: ${what}`}
          title={`Remove ${shift.userName}'s shift?`}
          body={
            shift.onCallNow
              ? `${shift.userName} is on call now. Removing the shift leaves the line with nobody until another shift is added; escalations go to whoever the rota then names.`
              : `${shift.userName} will no longer be ${shift.lineLabel.toLowerCase()} from ${shift.from} to ${shift.to}. The removal is kept in the audit trail.`
          }
          confirmLabel="Remove shift"
          tone="danger"
          fields={{ id: shift.id }}
          onSubmit={onSubmit}
        />
        {state && !state.ok ? <ActionMessage state={state} /> : null}
      </td>
    </tr>
  );
}
