"use client";

import { useRef } from "react";

interface Props {
  id: string;
  /** The button that opens the dialog, and what it says (with words for screen readers). */
  triggerLabel: string;
  triggerSrLabel?: string;
  title: string;
  body: string;
  confirmLabel: string;
  tone: "danger" | "safe";
  /** The form's fields, sent with the confirmation. */
  fields: Record<string, string | number>;
  onSubmit: (event: React.FormEvent<HTMLFormElement>) => void;
}

/** Asks before anything that cannot be undone (deactivating an account, revoking a token); Escape cancels. */
export function ConfirmDialog({ id, triggerLabel, triggerSrLabel, title, body, confirmLabel, tone, fields, onSubmit }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = `${id}-title`;
  return (
    <>
      <button
        type="button"
        onClick={() => dialogRef.current?.showModal()}
        className="rounded border-2 border-gray-700 px-3 py-1 font-semibold hover:bg-gray-100"
      >
        {triggerLabel}
        {triggerSrLabel ? <span className="sr-only"> {triggerSrLabel}</span> : null}
      </button>
      <dialog ref={dialogRef} aria-labelledby={titleId} className="m-auto max-w-md rounded-lg p-6 backdrop:bg-black/50">
        <h3 id={titleId} className="text-lg font-bold">
          {title}
        </h3>
        <p className="mt-2">{body}</p>
        <form
          onSubmit={(e) => {
            dialogRef.current?.close();
            onSubmit(e);
          }}
          className="mt-4 flex gap-3"
        >
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <button type="submit" className={`rounded px-4 py-2 font-semibold text-white ${tone === "danger" ? "bg-nhs-red" : "bg-nhs-green"}`}>
            {confirmLabel}
          </button>
          <button type="button" onClick={() => dialogRef.current?.close()} className="rounded border-2 border-gray-700 px-4 py-2 font-semibold">
            Cancel
          </button>
        </form>
      </dialog>
    </>
  );
}
