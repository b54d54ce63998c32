"use client";

import { useEffect, useRef } from "react";
import { toLondonLocalInput } from "@/lib/domain/time-format";

interface Props {
  id: string;
  name: string;
  /** The server's "now" in London, so the first render matches; the field then follows the clock. */
  defaultValue?: string;
  /** Keep showing the current time until the user changes it (for "when it happened", default now). */
  followNow?: boolean;
  describedBy?: string;
  invalid?: boolean;
  className?: string;
}

/**
 * A London date and time (datetime-local, read by the server as Europe/London). With followNow it starts at
 * now and keeps up with the clock until someone types in it, so a form left open does not record a stale
 * "now"; a reset form follows the clock again.
 */
export function DateTimeInput({ id, name, defaultValue, followNow = false, describedBy, invalid, className }: Props) {
  const ref = useRef<HTMLInputElement>(null);
  const edited = useRef(false);
  const firstDefault = useRef(defaultValue ?? "");

  useEffect(() => {
    const input = ref.current;
    if (!followNow || !input) return;
    const tick = () => {
      if (!edited.current) input.value = toLondonLocalInput(new Date());
    };
    const onEdit = () => {
      edited.current = true;
    };
    const onReset = () => {
      edited.current = false;
      setTimeout(tick, 0);
    };
    const form = input.form;
    input.addEventListener("input", onEdit);
    form?.addEventListener("reset", onReset);
    // Typed into before the page was ready: keep it.
    if (input.value !== firstDefault.current) edited.current = true;
    tick();
    const timer = setInterval(tick, 30_000);
    return () => {
      clearInterval(timer);
      input.removeEventListener("input", onEdit);
      form?.removeEventListener("reset", onReset);
    };
  }, [followNow]);

  return (
    <div className="flex flex-wrap items-center gap-2">
      <input
        ref={ref}
        id={id}
        name={name}
        type="datetime-local"
        defaultValue={defaultValue}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        className={className ?? "mt-1 block rounded border-2 border-gray-700 px-3 py-2 aria-[invalid=true]:border-nhs-red"}
      />
      {followNow ? (
        <button
          type="button"
          onClick={() => {
            if (!ref.current) return;
            ref.current.value = toLondonLocalInput(new Date());
            edited.current = false;
          }}
          className="mt-1 rounded border-2 border-gray-700 px-3 py-2 text-sm font-semibold hover:bg-gray-100"
        >
          Now<span className="sr-only">: use the current time</span>
        </button>
      ) : null}
    </div>
  );
}
