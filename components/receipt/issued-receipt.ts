"use client";

import { useSyncExternalStore } from "react";
import type { ActionResult } from "@/lib/errors";

export interface IssuedReceipt {
  reference: string;
  token: string;
}

type Held = IssuedReceipt & { referralId: string };

/**
 * The status link just issued, held in this tab's memory only, never stored: it is shown once. It lives outside the
 * triage form because that form is replaced when the page reloads the triaged referral; the receipt panel shows it.
 */
let held: Held | null = null;
const listeners = new Set<() => void>();

function hold(next: Held | null): void {
  held = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useIssuedReceipt(referralId: string): IssuedReceipt | null {
  const current = useSyncExternalStore(
    subscribe,
    () => held,
    () => null,
  );
  return current?.referralId === referralId ? current : null;
}

export function forgetIssuedReceipt(): void {
  hold(null);
}

function isIssuedReceipt(value: unknown): value is IssuedReceipt {
  return typeof value === "object" && value !== null && typeof (value as IssuedReceipt).reference === "string" && typeof (value as IssuedReceipt).token === "string";
}

/**
 * The action, passing on the receipt in its result (`data.receipt`) as soon as it arrives: before the page's new
 * data is drawn, which replaces the triage form in the same update, so the form itself never sees its result.
 */
export function withIssuedReceipt<T>(referralId: string, action: (previous: unknown, formData: FormData) => Promise<ActionResult<T>>) {
  return async (previous: unknown, formData: FormData): Promise<ActionResult<T>> => {
    const result = await action(previous, formData);
    const receipt: unknown = result.ok ? (result.data as { receipt?: unknown } | null)?.receipt : undefined;
    if (isIssuedReceipt(receipt)) hold({ referralId, reference: receipt.reference, token: receipt.token });
    return result;
  };
}
