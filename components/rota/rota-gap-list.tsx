import { ROTA_GAP_WARNING_DAYS, type RotaGap, type RotaLine } from "@/lib/domain/escalation";
import { formatDateTime } from "@/lib/domain/time-format";

const NOBODY: Record<RotaLine, string> = {
  first: "No first on-call registrar",
  second: "Nobody on the second line",
};

/** "No first on-call registrar from 01/12/2026 08:00 to 01/12/2026 20:00", said plainly when it is now or open-ended. */
export function describeGap(gap: RotaGap, now: Date, horizon: Date): string {
  const from = gap.from.getTime() <= now.getTime() ? "now" : `from ${formatDateTime(gap.from)}`;
  const to = gap.to.getTime() >= horizon.getTime() ? `onwards: nothing on the rota in the next ${ROTA_GAP_WARNING_DAYS} days` : `to ${formatDateTime(gap.to)}`;
  return `${NOBODY[gap.line]} ${from} ${to}`;
}

/** The rota's gaps in the days ahead, each with an icon and words (never colour alone), or that there are none. */
export function RotaGapList({ gaps, now, horizon }: { gaps: readonly RotaGap[]; now: Date; horizon: Date }) {
  if (gaps.length === 0) {
    return (
      <p className="rounded border-l-4 border-nhs-green bg-green-50 p-3 font-semibold">
        <span aria-hidden>✓ </span>Both lines are covered for the next {ROTA_GAP_WARNING_DAYS} days.
      </p>
    );
  }
  return (
    <ul className="space-y-2">
      {gaps.map((gap) => (
        <li key={`${gap.line}-${gap.from.toISOString()}`} className="rounded border-l-4 border-nhs-red bg-red-50 p-3 font-semibold text-red-950">
          <span aria-hidden>▲ </span>
          {describeGap(gap, now, horizon)}
        </li>
      ))}
    </ul>
  );
}
