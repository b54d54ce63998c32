import { AUDIT_MEASURE_IDS, AUDIT_MEASURES, type AuditMeasureId, type TrendPoint } from "@/lib/domain/audit-metrics";
import { cellClass, ChartFigure, numberCellClass } from "./chart-figure";

// Colour, dash and marker shape together: each line can be told apart without colour.
const SERIES: Record<AuditMeasureId, { colour: string; dash: string; marker: "circle" | "square" | "triangle" | "diamond" | "cross" | "bar" | "ring" }> = {
  mri_suspected_mscc: { colour: "#005eb8", dash: "", marker: "circle" },
  plan_suspected_mscc: { colour: "#003087", dash: "6 3", marker: "square" },
  mri_pain_only: { colour: "#007f3b", dash: "", marker: "triangle" },
  plan_pain_only: { colour: "#00401e", dash: "6 3", marker: "diamond" },
  radiotherapy: { colour: "#7c2855", dash: "2 3", marker: "cross" },
  coordinator_assessment: { colour: "#b34700", dash: "", marker: "bar" },
  rehabilitation_at_discharge: { colour: "#425563", dash: "8 3 2 3", marker: "ring" },
};

const WIDTH = 640;
const HEIGHT = 260;
const LEFT = 44;
const RIGHT = 12;
const TOP = 12;
const BOTTOM = 40;

function Marker({ shape, x, y, colour }: { shape: (typeof SERIES)[AuditMeasureId]["marker"]; x: number; y: number; colour: string }) {
  switch (shape) {
    case "circle":
      return <circle cx={x} cy={y} r={4} fill={colour} />;
    case "ring":
      return <circle cx={x} cy={y} r={4} fill="white" stroke={colour} strokeWidth={2} />;
    case "square":
      return <rect x={x - 4} y={y - 4} width={8} height={8} fill={colour} />;
    case "triangle":
      return <path d={`M${x},${y - 5} L${x + 5},${y + 4} L${x - 5},${y + 4} Z`} fill={colour} />;
    case "diamond":
      return <path d={`M${x},${y - 5} L${x + 5},${y} L${x},${y + 5} L${x - 5},${y} Z`} fill={colour} />;
    case "cross":
      return <path d={`M${x - 4},${y - 4} L${x + 4},${y + 4} M${x + 4},${y - 4} L${x - 4},${y + 4}`} stroke={colour} strokeWidth={2} />;
    case "bar":
      return <rect x={x - 5} y={y - 2} width={10} height={4} fill={colour} />;
  }
}

export function MarkerKey({ id }: { id: AuditMeasureId }) {
  const s = SERIES[id];
  return (
    <svg width={28} height={12} aria-hidden="true" className="mr-2 inline-block align-middle">
      <line x1={0} y1={6} x2={28} y2={6} stroke={s.colour} strokeWidth={2} strokeDasharray={s.dash} />
      <Marker shape={s.marker} x={14} y={6} colour={s.colour} />
    </svg>
  );
}

const percent = (value: number | null) => (value === null ? "no data" : `${Math.round(value)} %`);

/** Each measure's percentage by month, the 12 months ending with the period's month. */
export function ComplianceTrendChart({ months, byMeasure }: { months: readonly string[]; byMeasure: Record<AuditMeasureId, readonly TrendPoint[]> }) {
  const x = (i: number) => LEFT + ((WIDTH - LEFT - RIGHT) * i) / Math.max(1, months.length - 1);
  const y = (pct: number) => TOP + ((HEIGHT - TOP - BOTTOM) * (100 - pct)) / 100;
  const labels = byMeasure.mri_suspected_mscc.map((p) => p.label);
  const first = labels[0] ?? "";
  const last = labels.at(-1) ?? "";
  const summary = `Line chart of monthly compliance, ${first} to ${last}. ${last}: ${AUDIT_MEASURE_IDS.map((id) => `${AUDIT_MEASURES[id].label}, ${percent(byMeasure[id].at(-1)?.percentage ?? null)}`).join("; ")}. The table beside gives every month.`;

  const chart = (
    <>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary} className="h-auto w-full" data-testid="trend-chart">
        {[0, 25, 50, 75, 100].map((pct) => (
          <g key={pct}>
            <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(pct)} y2={y(pct)} stroke="#d8dde0" />
            <text x={LEFT - 6} y={y(pct) + 4} textAnchor="end" fontSize={11} fill="#212b32">
              {pct} %
            </text>
          </g>
        ))}
        {months.map((month, i) => (
          <text key={month} x={x(i)} y={HEIGHT - BOTTOM + 16} textAnchor="middle" fontSize={10} fill="#212b32">
            {month.slice(5)}/{month.slice(2, 4)}
          </text>
        ))}
        {AUDIT_MEASURE_IDS.map((id) => {
          const s = SERIES[id];
          const points = byMeasure[id].map((p, i) => (p.percentage === null ? null : { x: x(i), y: y(p.percentage) }));
          // A month with no denominator breaks the line rather than pretending to be 0 %.
          const segments: { x: number; y: number }[][] = [];
          let current: { x: number; y: number }[] = [];
          for (const p of points) {
            if (p === null) {
              if (current.length) segments.push(current);
              current = [];
            } else current.push(p);
          }
          if (current.length) segments.push(current);
          return (
            <g key={id}>
              {segments.map((seg, k) => (
                <polyline key={k} points={seg.map((p) => `${p.x},${p.y}`).join(" ")} fill="none" stroke={s.colour} strokeWidth={2} strokeDasharray={s.dash} />
              ))}
              {points.map((p, i) => (p === null ? null : <Marker key={i} shape={s.marker} x={p.x} y={p.y} colour={s.colour} />))}
            </g>
          );
        })}
      </svg>
      <ul className="mt-2 grid gap-1 text-sm sm:grid-cols-2" aria-label="Key to the lines">
        {AUDIT_MEASURE_IDS.map((id) => (
          <li key={id}>
            <MarkerKey id={id} />
            {AUDIT_MEASURES[id].label}
          </li>
        ))}
      </ul>
    </>
  );

  const table = (
    <table className="w-full border-collapse text-left text-xs" data-testid="trend-table">
      <caption className="mb-1 text-left text-sm font-semibold">Percentage meeting each standard, by month (met / counted)</caption>
      <thead className="bg-gray-100">
        <tr>
          <th scope="col" className="px-2 py-1">
            Month
          </th>
          {AUDIT_MEASURE_IDS.map((id) => (
            <th key={id} scope="col" className="px-2 py-1 text-right">
              {AUDIT_MEASURES[id].label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {months.map((month, i) => (
          <tr key={month}>
            <th scope="row" className={`${cellClass} font-normal whitespace-nowrap`}>
              {labels[i]}
            </th>
            {AUDIT_MEASURE_IDS.map((id) => {
              const p = byMeasure[id][i];
              return (
                <td key={id} className={numberCellClass}>
                  {p === undefined || p.percentage === null ? "–" : `${Math.round(p.percentage)} % (${p.numerator}/${p.denominator})`}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );

  return <ChartFigure id="trend-heading" title="Monthly compliance trend" chart={chart} table={table} />;
}
