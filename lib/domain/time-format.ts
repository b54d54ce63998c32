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
