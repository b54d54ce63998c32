import Link from "next/link";
import type { AuditTrailRow } from "@/db/queries/audit-trail";
import { formatDateTimeSeconds } from "@/lib/domain/time-format";
import { describeAuditAction, describeAuditVia } from "./action-labels";

/** The referral a row is about: its entity, or the referral in its context (an equipment item's). */
function referralOf(row: AuditTrailRow): string | null {
  if (row.entityType === "referral" && row.entityId) return row.entityId;
  const fromContext = row.context?.referralId;
  return typeof fromContext === "string" ? fromContext : null;
}

function Entity({ row }: { row: AuditTrailRow }) {
  const referralId = referralOf(row);
  const own = row.entityType === "referral" ? null : `${row.entityType.replace(/_/g, " ")}${row.entityId ? ` ${row.entityId.slice(0, 8)}` : ""}`;
  return (
    <>
      {own ? <span className="block">{own}</span> : null}
      {referralId ? (
        <Link href={`/referrals/${referralId}`} className="font-semibold text-nhs-blue underline">
          Referral {referralId.slice(0, 8)}
        </Link>
      ) : null}
    </>
  );
}

/** One page of the trail; each row's values before and after, and its context, behind a disclosure. */
export function AuditTrailTable({ rows }: { rows: readonly AuditTrailRow[] }) {
  return (
    <div className="overflow-x-auto rounded bg-white shadow">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">The audit trail, newest first</caption>
        <thead className="bg-gray-100">
          <tr>
            <th scope="col" className="p-3">When (UK time)</th>
            <th scope="col" className="p-3">Who</th>
            <th scope="col" className="p-3">Action</th>
            <th scope="col" className="p-3">About</th>
            <th scope="col" className="p-3">Details</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const via = describeAuditVia(row.context);
            return (
              <tr key={row.id} className="border-t border-gray-300 align-top">
                <td className="whitespace-nowrap p-3 tabular-nums">{formatDateTimeSeconds(row.at)}</td>
                <td className="p-3">{row.actorName ?? (row.actorId ? "Unknown user" : "The system")}</td>
                <td className="p-3">
                  <span className="block font-semibold">{describeAuditAction(row.action)}</span>
                  {via ? <span className="block text-gray-800">{via}</span> : null}
                </td>
                <td className="p-3">
                  <Entity row={row} />
                </td>
                <td className="p-3">
                  <details>
                    <summary className="cursor-pointer font-semibold text-nhs-blue">
                      Details<span className="sr-only"> of row {row.id}</span>
                    </summary>
                    <pre className="mt-2 max-w-xl overflow-x-auto whitespace-pre-wrap break-all rounded bg-gray-100 p-2 text-xs">
                      {JSON.stringify({ action: row.action, before: row.before, after: row.after, context: row.context }, null, 2)}
                    </pre>
                  </details>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Previous and next page as links: the page is in the address like every other filter. */
export function AuditTrailPager({ page, pageCount, total, pageSize, hrefFor }: { page: number; pageCount: number; total: number; pageSize: number; hrefFor: (page: number) => string }) {
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const link = "rounded border-2 border-nhs-blue px-3 py-1.5 font-semibold text-nhs-blue";
  return (
    <nav aria-label="Pages of the audit trail" className="mt-3 flex flex-wrap items-center gap-3">
      <p aria-live="polite">
        Rows {first} to {last} of {total}. Page {page} of {pageCount}.
      </p>
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} className={link}>
          Previous page
        </Link>
      ) : null}
      {page < pageCount ? (
        <Link href={hrefFor(page + 1)} className={link}>
          Next page
        </Link>
      ) : null}
    </nav>
  );
}
