"use client";

import type { LiveList, LiveListData } from "./use-live-list";

/**
 * Why a live list stopped updating, next to the rows it last had: a failed fetch is an error, never an empty list.
 * Signed out: a link to sign in and come back to the same view; otherwise a way to try again now.
 */
export function LiveListError<T extends LiveListData>({ live, returnTo }: { live: LiveList<T>; returnTo: string }) {
  if (!live.error) return null;
  return (
    <div role="alert" className="mb-3 rounded border-l-8 border-nhs-red bg-white p-4 shadow">
      <p className="font-semibold">{live.error.message}</p>
      {live.error.signedOut ? (
        <a className="font-semibold text-nhs-blue underline" href={`/signin?callbackUrl=${encodeURIComponent(returnTo)}`}>
          Sign in again
        </a>
      ) : (
        <button type="button" onClick={live.refresh} className="mt-1 font-semibold text-nhs-blue underline">
          Try again now
        </button>
      )}
    </div>
  );
}

/**
 * Puts a list's query string in the address. Next's router follows the History API, so useSearchParams sees the
 * change without a round trip to the server; the list fetches its own rows.
 */
export function showInAddress(pathname: string, queryString: string, options: { replace?: boolean } = {}): void {
  const url = `${pathname}${queryString ? `?${queryString}` : ""}`;
  if (options.replace) window.history.replaceState(null, "", url);
  else window.history.pushState(null, "", url);
}
