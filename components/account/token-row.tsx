"use client";

import { ActionMessage } from "@/components/ui/action-message";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ActionResult } from "@/lib/errors";

export interface TokenRowView {
  id: string;
  name: string;
  prefix: string;
  created: string;
  lastUsed: string | null;
  revoked: string | null;
}

interface Props {
  token: TokenRowView;
  revoke: (previous: unknown, formData: FormData) => Promise<ActionResult<{ id: string }>>;
}

/** One token, with its revoke button behind a confirmation: a revoked token stops working at once, for good. */
export function TokenRow({ token, revoke }: Props) {
  const action = useFormAction(revoke);
  return (
    <tr className="border-t border-gray-200 align-top">
      <td className="p-3 font-semibold">{token.name}</td>
      <td className="p-3 font-mono">{token.prefix}…</td>
      <td className="p-3">{token.created}</td>
      <td className="p-3">{token.lastUsed ?? "Never"}</td>
      <td className="p-3">
        {token.revoked ? (
          <span className="font-semibold text-gray-800">✕ Revoked {token.revoked}</span>
        ) : (
          <>
            <span className="mr-3 font-semibold text-nhs-green">✓ Active</span>
            <ConfirmDialog
              id={`revoke-${token.id}`}
              triggerLabel="Revoke"
              triggerSrLabel={token.name}
              title={`Revoke the token “${token.name}”?`}
              body="Anything using it stops working at once. This cannot be undone: to carry on, create a new token."
              confirmLabel="Revoke"
              tone="danger"
              fields={{ id: token.id }}
              onSubmit={action.onSubmit}
            />
          </>
        )}
        {action.state ? <ActionMessage state={action.state} /> : null}
      </td>
    </tr>
  );
}
