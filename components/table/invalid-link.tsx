import Link from "next/link";

/** A list's address with filters that are not valid: said so, with each problem, never shown as an empty list. */
export function InvalidListLink({ what, issues, resetHref, resetLabel }: { what: string; issues: readonly { path: PropertyKey[]; message: string }[]; resetHref: string; resetLabel: string }) {
  return (
    <div role="alert" className="rounded border-l-8 border-nhs-red bg-white p-4 shadow">
      <p className="font-semibold">This {what} link has filters that are not valid, so it cannot be shown as asked:</p>
      <ul className="ml-6 mt-2 list-disc">
        {issues.map((issue) => (
          <li key={`${issue.path.join(".")}:${issue.message}`}>
            {issue.path.join(".") || "link"}: {issue.message}
          </li>
        ))}
      </ul>
      <Link href={resetHref} className="mt-3 inline-block font-semibold text-nhs-blue underline">
        {resetLabel}
      </Link>
    </div>
  );
}
