"use client";

import { ActionMessage } from "@/components/ui/action-message";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
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
        <ConfirmDialog
          id={`confirm-${user.id}`}
          triggerLabel={user.active ? "Deactivate" : "Reactivate"}
          triggerSrLabel={user.name}
          title={user.active ? `Deactivate ${user.name}?` : `Reactivate ${user.name}?`}
          body={
            user.active
              ? "They are signed out at once and cannot sign in until an administrator reactivates the account. Their records stay."
              : "They will be able to sign in again with their existing password."
          }
          confirmLabel={user.active ? "Deactivate" : "Reactivate"}
          tone={user.active ? "danger" : "safe"}
          fields={{ id: user.id, version: user.version, active: user.active ? "false" : "true" }}
          onSubmit={active.onSubmit}
        />
        {active.state && !active.state.ok ? <ActionMessage state={active.state} /> : null}
      </td>
    </tr>
  );
}
