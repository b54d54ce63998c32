import type { ReactNode } from "react";

/**
 * A chart with its numbers beside it: the picture (an inline SVG with role="img" and a summary as its name) for
 * those who would rather look, the table for those who would rather read or use a screen reader. Both print.
 */
export function ChartFigure({ title, id, chart, table }: { title: string; id: string; chart: ReactNode; table: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mb-6 break-inside-avoid rounded bg-white p-4 shadow">
      <h2 id={id} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      <div className="grid gap-4 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] print:grid-cols-1">
        <div>{chart}</div>
        {/* Focusable, so a keyboard can scroll a table wider than its column (WCAG 2.1.1). */}
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={`${title}: the numbers`}>
          {table}
        </div>
      </div>
    </section>
  );
}

/** Small tables beside the charts share one look. */
export const cellClass = "border-t border-gray-200 px-2 py-1";
export const numberCellClass = `${cellClass} text-right tabular-nums`;
