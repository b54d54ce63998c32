"use client";

// A failed query shows this, never an empty list that could be read as "no patients".
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-2xl p-8" role="alert">
      <h1 className="text-2xl font-bold text-nhs-red">This page could not be loaded</h1>
      <p className="mt-4">
        The information could not be fetched, so nothing is shown rather than something incomplete. Try again; if it keeps
        failing, use the paper downtime procedure and call the MSCC coordinator.
      </p>
      {error.digest ? <p className="mt-2 text-sm text-nhs-grey-1">Reference: {error.digest}</p> : null}
      <button type="button" onClick={reset} className="mt-6 rounded bg-nhs-blue px-4 py-2 font-semibold text-white hover:bg-nhs-dark-blue">
        Try again
      </button>
    </main>
  );
}
