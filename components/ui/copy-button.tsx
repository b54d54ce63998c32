"use client";

import { useState } from "react";

/** Copies a value to the clipboard and says whether it worked, with the way to do it by hand if not. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  return (
    <>
      <button
        type="button"
        onClick={() =>
          navigator.clipboard.writeText(value).then(
            () => setCopied("yes"),
            () => setCopied("no"),
          )
        }
        className="rounded border-2 border-nhs-blue bg-white px-3 py-1 font-semibold text-nhs-blue hover:bg-blue-50"
      >
        {label}
      </button>
      <span aria-live="polite" className="ml-3 text-sm">
        {copied === "yes" ? "Copied." : copied === "no" ? "Could not copy: select the text and press Ctrl+C." : ""}
      </span>
    </>
  );
}
