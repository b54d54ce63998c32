import Link from "next/link";
import { AUDIT_SET_LABELS, type AuditPeriod, type AuditSet, type MeasureResult } from "@/lib/domain/audit-metrics";
import { formatDuration } from "@/lib/domain/time-format";
import { auditReferralsHref } from "./audit-links";
import { cellClass, numberCellClass } from "./chart-figure";

const duration = (ms: number | null) => (ms === null ? "–" : formatDuration(ms));

/** The QS56 measures of the period; each count opens the list of the referrals behind it. */
export function MeasuresTable({ measures, period }: { measures: readonly MeasureResult[]; period: AuditPeriod }) {
  const count = (m: MeasureResult, set: AuditSet, value: number) =>
    value === 0 ? (
      <span>0</span>
    ) : (
      <Link href={auditReferralsHref(period, m.id, set)} className="font-semibold text-nhs-blue underline" aria-label={`${value} ${AUDIT_SET_LABELS[set]}: ${m.label}`}>
        {value}
      </Link>
    );
  return (
    <div className="mb-6 overflow-x-auto rounded bg-white shadow print-fit-table">
      <table className="w-full border-collapse text-left text-sm" data-testid="measures-table">
        <caption className="sr-only">QS56 measures for {period.label}</caption>
        <thead className="bg-gray-100">
          <tr>
            <th scope="col" className="p-2">
              Measure
            </th>
            <th scope="col" className="p-2 text-right">
              Met (numerator)
            </th>
            <th scope="col" className="p-2 text-right">
              Counted (denominator)
            </th>
            <th scope="col" className="p-2 text-right">
              Met %
            </th>
            <th scope="col" className="p-2 text-right">
              Breached
            </th>
            <th scope="col" className="p-2 text-right">
              Pending
            </th>
            <th scope="col" className="p-2 text-right">
              Median time
            </th>
            <th scope="col" className="p-2 text-right">
              90th percentile
            </th>
          </tr>
        </thead>
        <tbody>
          {measures.map((m) => (
            <tr key={m.id} data-measure={m.id}>
              <th scope="row" className={`${cellClass} p-2 font-normal`}>
                <span className="font-semibold">{m.label}</span>
                <span className="block text-xs text-gray-700">{m.standard}</span>
              </th>
              <td className={numberCellClass}>{count(m, "numerator", m.numerator)}</td>
              <td className={numberCellClass}>{count(m, "denominator", m.denominator)}</td>
              <td className={`${numberCellClass} font-semibold`}>{m.percentage === null ? "–" : `${m.percentage.toFixed(1)} %`}</td>
              <td className={numberCellClass}>{count(m, "breached", m.breached)}</td>
              <td className={numberCellClass}>{count(m, "pending", m.pending)}</td>
              <td className={numberCellClass}>{duration(m.medianMs)}</td>
              <td className={numberCellClass}>{duration(m.p90Ms)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="p-2 text-xs text-gray-800">
        A clock counts in the period it started in. Still running: pending, not counted until it stops or falls due; not stopped and past due: breached. Times are start to stop
        of the stopped clocks counted (median and 90th percentile interpolated between the closest ranks).
      </p>
    </div>
  );
}
