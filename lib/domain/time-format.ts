/**
 * Every time the product shows is Europe/London, dd/MM/yyyy HH:mm on a 24-hour clock (house rule 9),
 * computed from instants; relative times come from formatDuration.
 */
const LONDON = "Europe/London";

const dateTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: LONDON,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
const dateOnly = new Intl.DateTimeFormat("en-GB", { timeZone: LONDON, day: "2-digit", month: "2-digit", year: "numeric" });
const timeOnly = new Intl.DateTimeFormat("en-GB", { timeZone: LONDON, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** "25/11/2026 14:05" */
export function formatDateTime(instant: Date): string {
  return dateTime.format(instant).replace(",", "");
}

const dateTimeSeconds = new Intl.DateTimeFormat("en-GB", {
  timeZone: LONDON,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** "25/11/2026 14:05:09": for the audit trail, where the order of events within a minute matters. */
export function formatDateTimeSeconds(instant: Date): string {
  return dateTimeSeconds.format(instant).replace(",", "");
}

/** "25/11/2026" */
export function formatDate(instant: Date): string {
  return dateOnly.format(instant);
}

/** A calendar date stored as yyyy-MM-dd (date of birth) shown as dd/MM/yyyy, with no time zone involved. */
export function formatCalendarDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : isoDate;
}

/** "14:05" */
export function formatTime(instant: Date): string {
  return timeOnly.format(instant);
}

/** "3 h 12 m", "2 d 4 h", "45 m", "0 m": always positive; the caller says "in" or "ago" or "overdue by". */
export function formatDuration(ms: number): string {
  const totalMinutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(totalMinutes / (24 * 60));
  const hours = Math.floor((totalMinutes % (24 * 60)) / 60);
  const minutes = totalMinutes % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return `${hours} h ${minutes} m`;
  return `${minutes} m`;
}

/** Age in whole years on a date, from a yyyy-MM-dd date of birth. */
export function ageInYears(isoDateOfBirth: string, on: Date): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDateOfBirth);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: LONDON, year: "numeric", month: "numeric", day: "numeric" })
      .formatToParts(on)
      .map((p) => [p.type, Number(p.value)]),
  ) as { year: number; month: number; day: number };
  let age = parts.year - y;
  if (parts.month < m || (parts.month === m && parts.day < d)) age--;
  return age;
}

function londonOffsetMs(instant: number): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: LONDON, year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric", hourCycle: "h23" })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  const asUtc = Date.UTC(parts.year as number, (parts.month as number) - 1, parts.day as number, parts.hour as number, parts.minute as number, parts.second as number);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * A wall-clock time typed in London ("2026-10-25T01:30", as a datetime-local field sends it) as an instant.
 * In the hour that happens twice when BST ends the first (BST) one is meant; a time in the hour skipped when
 * BST starts is read as the hour after. Returns null for anything that is not such a time.
 */
export function parseLondonLocalDateTime(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  // Try the offsets in force an hour either side; the earliest instant that shows this wall time wins.
  const candidates = [londonOffsetMs(wall - 3_600_000), londonOffsetMs(wall + 3_600_000)]
    .map((offset) => wall - offset)
    .filter((instant) => londonOffsetMs(instant) === wall - instant)
    .sort((a, b) => a - b);
  if (candidates[0] !== undefined) return new Date(candidates[0]);
  // Skipped hour (clocks go forward): read with the offset before the change, it lands in the hour after.
  return new Date(wall - londonOffsetMs(wall - 3_600_000));
}

/** An instant as a datetime-local field's value in London ("2026-11-25T14:05"). */
export function toLondonLocalInput(instant: Date): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: LONDON, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(instant)
      .map((x) => [x.type, x.value]),
  ) as Record<string, string>;
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** The calendar date (yyyy-MM-dd) in London at an instant: what "today" means for equipment and discharge dates. */
export function londonDate(instant: Date): string {
  return toLondonLocalInput(instant).slice(0, 10);
}

/** yyyy-MM-dd plus whole days, on the calendar (no time zone involved). */
export function addCalendarDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
