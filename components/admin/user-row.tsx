"use client";

import { useRef } from "react";
import { ActionMessage } from "@/components/ui/action-message";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ActionResult } from "@/lib/errors";

type Action = (previous: unknown, formData: FormData) => Promise<ActionResult<{ version: number }>>;

interface Props {
  user: { id: string; name: string; email: string; role: string; active: boolean; version: number };
  isMe: boolean;
  roles: { value: string; label: string }[];
  changeRole: Action;
  setActive: Action;
}

export function UserRow({ user, isMe, roles, changeRole, setActive }: Props) {
  const role = useFormAction(changeRole);
  const active = useFormAction(setActive);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const roleLabel = roles.find((r) => r.value === user.role)?.label ?? user.role;
  const selectId = `role-${user.id}`;

  return (
    <tr className="border-t border-gray-200 align-top">
      <td className="p-3 font-semibold">
        {user.name}
        {isMe ? <span className="ml-2 font-normal text-gray-700">(you)</span> : null}
      </td>
      <td className="p-3">{user.email}</td>
      <td className="p-3">
        <form onSubmit={role.onSubmit} className="flex flex-wrap items-center gap-2">
          <input type="hidden" name="id" value={user.id} />
          <input type="hidden" name="version" value={user.version} />
          <label htmlFor={selectId} className="sr-only">
            Role of {user.name}
          </label>
          <select id={selectId} name="role" defaultValue={user.role} className="rounded border-2 border-gray-700 px-2 py-1">
            {roles.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
          <button type="submit" disabled={role.pending} className="rounded border-2 border-nhs-blue px-3 py-1 font-semibold text-nhs-blue hover:bg-blue-50">
            {role.pending ? "Saving…" : "Save role"}
            <span className="sr-only"> for {user.name}</span>
          </button>
        </form>
        <ActionMessage state={role.state} />
      </td>
      <td className="p-3">
        <p className="mb-2">
          {user.active ? (
            <span className="font-semibold text-nhs-green">✓ Active</span>
          ) : (
            <span className="font-semibold text-gray-800">✕ Deactivated</span>
          )}
          <span className="sr-only"> ({roleLabel})</span>
        </p>
        <button
          type="button"
          onClick={() => dialogRef.current?.showModal()}
          className="rounded border-2 border-gray-700 px-3 py-1 font-semibold hover:bg-gray-100"
        >
          {user.active ? "Deactivate" : "Reactivate"}
          <span className="sr-only"> {user.name}</span>
        </button>
        {active.state && !active.state.ok ? <ActionMessage state={active.state} /> : null}
        <dialog ref={dialogRef} aria-labelledby={`confirm-${user.id}`} className="m-auto max-w-md rounded-lg p-6 backdrop:bg-black/50">
          <h3 id={`confirm-${user.id}`} className="text-lg font-bold">
            {user.active ? `Deactivate ${user.name}?` : `Reactivate ${user.name}?`}
          </h3>
          <p className="mt-2">
            {user.active
              ? "They are signed out at once and cannot sign in until an administrator reactivates the account. Their records stay."
              : "They will be able to sign in again with their existing password."}
          </p>
          <form
            onSubmit={(e) => {
              dialogRef.current?.close();
              active.onSubmit(e);
            }}
            className="mt-4 flex gap-3"
          >
            <input type="hidden" name="id" value={user.id} />
            <input type="hidden" name="version" value={user.version} />
            <input type="hidden" name="active" value={user.active ? "false" : "true"} />
            <button type="submit" className={`rounded px-4 py-2 font-semibold text-white ${user.active ? "bg-nhs-red" : "bg-nhs-green"}`}>
              {user.active ? "Deactivate" : "Reactivate"}
            </button>
            <button type="button" onClick={() => dialogRef.current?.close()} className="rounded border-2 border-gray-700 px-4 py-2 font-semibold">
              Cancel
            </button>
          </form>
        </dialog>
      </td>
    </tr>
  );
}
