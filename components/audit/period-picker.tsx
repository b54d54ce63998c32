import { monthPeriod, monthsEnding, quarterOf, quarterPeriod, type AuditPeriod } from "@/lib/domain/audit-metrics";
import { addCalendarDays } from "@/lib/domain/time-format";
import { auditPeriodSearchParams } from "@/lib/validation/audit";

/**
 * The period as a GET form, so the address holds it and a link or a bookmark reproduces the page: the last 12
 * months, the last 4 quarters, or custom dates (London calendar dates, both included).
 */
export function PeriodPicker({ period, today }: { period: AuditPeriod; today: string }) {
  const months = monthsEnding(today, 12).reverse();
  const quarters = Array.from(new Set(monthsEnding(today, 12).map((m) => quarterOf(`${m}-01`)))).reverse().slice(0, 4);
  const selected = auditPeriodSearchParams(period).get("period") ?? "";
  const options = [
    ...(selected !== "custom" && !months.includes(selected) && !quarters.includes(selected) ? [{ value: selected, label: period.label }] : []),
    ...months.map((m) => ({ value: m, label: monthPeriod(m)?.label ?? m })),
    ...quarters.map((q) => ({ value: q, label: quarterPeriod(q)?.label ?? q })),
    { value: "custom", label: "Custom dates (below)" },
  ];
  return (
    <form method="get" action="/audit" className="no-print mb-4 flex flex-wrap items-end gap-4 rounded bg-white p-4 shadow" aria-label="Audit period">
      <div>
        <label htmlFor="audit-period" className="block font-semibold">
          Period
        </label>
        <select id="audit-period" name="period" defaultValue={selected} className="mt-1 rounded border-2 border-gray-700 bg-white p-2">
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="audit-from" className="block font-semibold">
          From (custom)
        </label>
        <input id="audit-from" name="from" type="date" defaultValue={period.kind === "custom" ? period.from : ""} max={addCalendarDays(today, 366)} className="mt-1 rounded border-2 border-gray-700 p-2" />
      </div>
      <div>
        <label htmlFor="audit-to" className="block font-semibold">
          To (custom)
        </label>
        <input id="audit-to" name="to" type="date" defaultValue={period.kind === "custom" ? period.to : ""} max={addCalendarDays(today, 366)} className="mt-1 rounded border-2 border-gray-700 p-2" />
      </div>
      <button type="submit" className="rounded bg-nhs-green px-4 py-2 font-semibold text-white">
        Show
      </button>
    </form>
  );
}
