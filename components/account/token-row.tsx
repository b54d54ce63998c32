"use client";

import { useRef } from "react";
import { ActionMessage } from "@/components/ui/action-message";
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
  const dialogRef = useRef<HTMLDialogElement>(null);
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
            <button
              type="button"
              onClick={() => dialogRef.current?.showModal()}
              className="rounded border-2 border-gray-700 px-3 py-1 font-semibold hover:bg-gray-100"
            >
              Revoke<span className="sr-only"> {token.name}</span>
            </button>
            <dialog ref={dialogRef} aria-labelledby={`revoke-${token.id}`} className="m-auto max-w-md rounded-lg p-6 backdrop:bg-black/50">
              <h3 id={`revoke-${token.id}`} className="text-lg font-bold">
                Revoke the token “{token.name}”?
              </h3>
              <p className="mt-2">Anything using it stops working at once. This cannot be undone: to carry on, create a new token.</p>
              <form
                onSubmit={(e) => {
                  dialogRef.current?.close();
                  action.onSubmit(e);
                }}
                className="mt-4 flex gap-3"
              >
                <input type="hidden" name="id" value={token.id} />
                <button type="submit" className="rounded bg-nhs-red px-4 py-2 font-semibold text-white">
                  Revoke
                </button>
                <button type="button" onClick={() => dialogRef.current?.close()} className="rounded border-2 border-gray-700 px-4 py-2 font-semibold">
                  Cancel
                </button>
              </form>
            </dialog>
          </>
        )}
        {action.state ? <ActionMessage state={action.state} /> : null}
      </td>
    </tr>
  );
}
