import { WEEKDAYS, type ArrivalPattern } from "@/lib/domain/audit-metrics";
import { cellClass, ChartFigure, numberCellClass } from "./chart-figure";

const CELL_W = 24;
const CELL_H = 24;
const LEFT = 84;
const TOP = 20;

// Light to dark blue; every filled cell also shows its number, so the shade is never the only cue.
const SHADES = ["#f0f4f5", "#c6dbef", "#9cc3e6", "#6fa8dc", "#005eb8", "#003087"];

function shadeOf(count: number, max: number): { fill: string; text: string } {
  if (count === 0) return { fill: SHADES[0] as string, text: "#212b32" };
  const level = Math.min(SHADES.length - 1, 1 + Math.floor(((count - 1) / Math.max(1, max)) * (SHADES.length - 1)));
  return { fill: SHADES[level] as string, text: level >= 4 ? "#ffffff" : "#0b0c0c" };
}

const hourLabel = (h: number) => `${String(h).padStart(2, "0")}:00`;

/** Referrals received in the period by London weekday and hour: the Friday and out-of-hours peaks. */
export function ArrivalsHeatMap({ arrivals }: { arrivals: ArrivalPattern }) {
  const max = Math.max(0, ...arrivals.counts.flat());
  let busiest = { weekday: 0, hour: 0, count: 0 };
  arrivals.counts.forEach((hours, weekday) => hours.forEach((count, hour) => count > busiest.count && (busiest = { weekday, hour, count })));
  const peakDay = arrivals.byWeekday.indexOf(Math.max(...arrivals.byWeekday));
  const summary =
    arrivals.total === 0
      ? "Heat map of referrals by weekday and hour: none in this period."
      : `Heat map of ${arrivals.total} referrals by weekday and hour, London time. Busiest day ${WEEKDAYS[peakDay]} (${arrivals.byWeekday[peakDay]}); Friday ${arrivals.byWeekday[4]}; busiest hour ${WEEKDAYS[busiest.weekday]} ${hourLabel(busiest.hour)} (${busiest.count}); ${arrivals.outOfHours} out of hours. The table beside gives every count.`;
  const width = LEFT + 24 * CELL_W + 4;
  const height = TOP + 7 * CELL_H + 4;

  const chart = (
    <>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} className="h-auto w-full" data-testid="heat-map">
        {Array.from({ length: 24 }, (_, h) =>
          h % 3 === 0 ? (
            <text key={h} x={LEFT + h * CELL_W + CELL_W / 2} y={TOP - 6} textAnchor="middle" fontSize={10} fill="#212b32">
              {String(h).padStart(2, "0")}
            </text>
          ) : null,
        )}
        {arrivals.counts.map((hours, weekday) => (
          <g key={WEEKDAYS[weekday]}>
            <text x={LEFT - 6} y={TOP + weekday * CELL_H + CELL_H / 2 + 4} textAnchor="end" fontSize={11} fill="#212b32">
              {WEEKDAYS[weekday]}
            </text>
            {hours.map((count, hour) => {
              const shade = shadeOf(count, max);
              const x = LEFT + hour * CELL_W;
              const y = TOP + weekday * CELL_H;
              return (
                <g key={hour}>
                  <rect x={x} y={y} width={CELL_W - 2} height={CELL_H - 2} fill={shade.fill} />
                  {count > 0 ? (
                    <text x={x + (CELL_W - 2) / 2} y={y + CELL_H / 2 + 3} textAnchor="middle" fontSize={10} fill={shade.text}>
                      {count}
                    </text>
                  ) : null}
                </g>
              );
            })}
          </g>
        ))}
      </svg>
      <p className="mt-2 text-sm">
        Hours are London time (the hour the referral was received in). Out of hours (weekdays before 09:00 or from 17:00, and weekends):{" "}
        <strong>{arrivals.outOfHours}</strong> of {arrivals.total}.
      </p>
    </>
  );

  const table = (
    <table className="w-full border-collapse text-left text-xs" data-testid="heat-map-table">
      <caption className="mb-1 text-left text-sm font-semibold">Referrals by weekday and hour (London time)</caption>
      <thead className="bg-gray-100">
        <tr>
          <th scope="col" className="px-1 py-1">
            Day
          </th>
          {Array.from({ length: 24 }, (_, h) => (
            <th key={h} scope="col" className="px-1 py-1 text-right">
              <abbr title={hourLabel(h)}>{String(h).padStart(2, "0")}</abbr>
            </th>
          ))}
          <th scope="col" className="px-1 py-1 text-right">
            Total
          </th>
        </tr>
      </thead>
      <tbody>
        {arrivals.counts.map((hours, weekday) => (
          <tr key={WEEKDAYS[weekday]}>
            <th scope="row" className={`${cellClass} font-normal`}>
              {WEEKDAYS[weekday]}
            </th>
            {hours.map((count, hour) => (
              <td key={hour} className={numberCellClass}>
                {count}
              </td>
            ))}
            <td className={`${numberCellClass} font-semibold`}>{arrivals.byWeekday[weekday]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return <ChartFigure id="arrivals-heading" title="Referrals by weekday and hour" chart={chart} table={table} />;
}
