import type { ActionResult } from "@/lib/errors";

/** The summary line after a form is sent: success in green, a problem in red, both announced. */
export function ActionMessage({ state }: { state: ActionResult<unknown> | null }) {
  if (!state) return null;
  if (state.ok) {
    return state.message ? (
      <p role="status" className="rounded border-l-4 border-nhs-green bg-green-50 p-3">
        {state.message}
      </p>
    ) : null;
  }
  return (
    <p role="alert" className="rounded border-l-4 border-nhs-red bg-red-50 p-3 font-medium text-red-900">
      {state.error.message}
    </p>
  );
}
