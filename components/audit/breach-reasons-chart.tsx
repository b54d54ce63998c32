import type { BreachReasonKey, BreachRow } from "@/lib/domain/audit-metrics";
import { CLOCK_LABELS } from "@/lib/domain/clocks";
import { BREACH_REASON_KEY_LABELS } from "@/lib/audit/csv";
import { cellClass, ChartFigure, numberCellClass } from "./chart-figure";

const WIDTH = 560;
const ROW = 28;
const LEFT = 190;
const RIGHT = 40;

/** Breached clocks that started in the period, by coded reason; "no reason given" is hatched as well as grey. */
export function BreachReasonsChart({ byReason, breaches }: { byReason: readonly { reason: BreachReasonKey; count: number }[]; breaches: readonly BreachRow[] }) {
  const total = byReason.reduce((sum, r) => sum + r.count, 0);
  const max = Math.max(1, ...byReason.map((r) => r.count));
  const summary =
    total === 0
      ? "Bar chart of breach reasons: no breached clock in this period."
      : `Bar chart of ${total} breached clocks by reason: ${byReason
          .filter((r) => r.count > 0)
          .map((r) => `${BREACH_REASON_KEY_LABELS[r.reason]} ${r.count}`)
          .join(", ")}. The table beside gives each clock.`;
  const height = byReason.length * ROW + 8;

  const chart = (
    <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={summary} className="h-auto w-full" data-testid="breach-chart">
      <defs>
        <pattern id="no-reason-hatch" width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width={6} height={6} fill="#aeb7bd" />
          <line x1={0} y1={0} x2={0} y2={6} stroke="#212b32" strokeWidth={2} />
        </pattern>
      </defs>
      {byReason.map((r, i) => {
        const y = 4 + i * ROW;
        const w = ((WIDTH - LEFT - RIGHT) * r.count) / max;
        return (
          <g key={r.reason}>
            <text x={LEFT - 8} y={y + ROW / 2 + 2} textAnchor="end" fontSize={12} fill="#212b32">
              {BREACH_REASON_KEY_LABELS[r.reason]}
            </text>
            <rect x={LEFT} y={y + 4} width={Math.max(r.count > 0 ? 2 : 0, w)} height={ROW - 10} fill={r.reason === "none" ? "url(#no-reason-hatch)" : "#d5281b"} />
            <text x={LEFT + w + 6} y={y + ROW / 2 + 2} fontSize={12} fill="#212b32">
              {r.count}
            </text>
          </g>
        );
      })}
    </svg>
  );

  const table = (
    <table className="w-full border-collapse text-left text-sm" data-testid="breach-table">
      <caption className="mb-1 text-left text-sm font-semibold">Breached clocks by clock and reason</caption>
      <thead className="bg-gray-100">
        <tr>
          <th scope="col" className="px-2 py-1">
            Clock
          </th>
          <th scope="col" className="px-2 py-1">
            Reason
          </th>
          <th scope="col" className="px-2 py-1 text-right">
            Breaches
          </th>
        </tr>
      </thead>
      <tbody>
        {breaches.length === 0 ? (
          <tr>
            <td colSpan={3} className={cellClass}>
              No breached clock started in this period.
            </td>
          </tr>
        ) : (
          breaches.map((b) => (
            <tr key={`${b.clock}:${b.reason}`}>
              <th scope="row" className={`${cellClass} font-normal`}>
                {CLOCK_LABELS[b.clock]}
              </th>
              <td className={cellClass}>{BREACH_REASON_KEY_LABELS[b.reason]}</td>
              <td className={numberCellClass}>{b.count}</td>
            </tr>
          ))
        )}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={2} className={`${cellClass} text-left`}>
            All breaches
          </th>
          <td className={`${numberCellClass} font-semibold`}>{total}</td>
        </tr>
      </tfoot>
    </table>
  );

  return <ChartFigure id="breaches-heading" title="Breaches by reason" chart={chart} table={table} />;
}
