"use client";

import { CopyButton } from "./copy-button";

interface Props {
  id: string;
  /** Announced when it appears: what it is and that it is shown only now. */
  message: React.ReactNode;
  label: string;
  value: string;
  hint: React.ReactNode;
  copyLabel: string;
  /** More buttons beside Copy. */
  children?: React.ReactNode;
}

/** A secret shown once (a token, a status link): only its hash is kept, so this is the one chance to copy it. */
export function ShownOnce({ id, message, label, value, hint, copyLabel, children }: Props) {
  return (
    <div className="rounded border-l-4 border-nhs-green bg-green-50 p-4">
      <p role="status" className="font-semibold">
        {message}
      </p>
      <label htmlFor={id} className="mt-3 block font-semibold">
        {label}
      </label>
      <input
        id={id}
        readOnly
        value={value}
        onFocus={(e) => e.currentTarget.select()}
        aria-describedby={`${id}-hint`}
        className="mt-1 block w-full rounded border-2 border-gray-700 bg-white px-3 py-2 font-mono text-sm"
      />
      <p id={`${id}-hint`} className="mt-2 text-sm text-gray-800">
        {hint}
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <CopyButton value={value} label={copyLabel} />
        {children}
      </div>
    </div>
  );
}
