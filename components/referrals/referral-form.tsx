"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { ActionMessage } from "@/components/ui/action-message";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ActionResult } from "@/lib/errors";

export type EventAction = (previous: unknown, formData: FormData) => Promise<ActionResult<{ eventId: string; version: number; status: string }>>;

/**
 * A form on the referral page: sent without losing what was typed when refused; on success it is cleared (unless
 * it edits a record in place, like the rehabilitation plan) and the page reloads its data (clocks, timeline, the
 * new version for every form).
 */
export function useReferralForm<T>(action: (previous: unknown, formData: FormData) => Promise<ActionResult<T>>, options: { resetOnSuccess?: boolean } = { resetOnSuccess: true }) {
  const router = useRouter();
  const form = useFormAction(action, options);
  const { state } = form;
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  return form;
}

/**
 * The form's outcome. A version conflict (someone else changed the referral) offers to load their change:
 * the page's data is refreshed, this form keeps what was typed and takes the new version, so it can be sent again.
 */
export function ReferralFormMessage({ state }: { state: ActionResult<unknown> | null }) {
  const router = useRouter();
  return (
    <div className="space-y-2">
      <ActionMessage state={state} />
      {state && !state.ok && state.error.code === "conflict" ? (
        <button type="button" onClick={() => router.refresh()} className="rounded border-2 border-nhs-blue px-3 py-1 font-semibold text-nhs-blue hover:bg-blue-50">
          Load their change (keeps what you typed)
        </button>
      ) : null}
    </div>
  );
}

export const submitClass = "rounded bg-nhs-green px-4 py-2 font-semibold text-white hover:bg-green-800 disabled:opacity-60";
export const formCardClass = "no-print space-y-4 rounded bg-white p-4 shadow sm:p-6";
