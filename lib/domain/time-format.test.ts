import { describe, expect, it } from "vitest";
import {
  ageInYears,
  formatCalendarDate,
  formatDate,
  formatDateTime,
  formatDateTimeSeconds,
  formatDuration,
  formatTime,
  parseLondonLocalDateTime as p,
  toLondonLocalInput as f,
} from "./time-format";

/*
 * Every input here is an instant written in UTC ("...Z"), so the expectations hold whatever the machine's
 * time zone; the module must show Europe/London. Run with TZ=UTC and TZ=America/New_York to check.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe("formatDateTime (Europe/London, dd/MM/yyyy HH:mm, 24-hour)", () => {
  it.each([
    { name: "summer (BST, UTC+1)", instant: "2026-07-01T12:00:00Z", expected: "01/07/2026 13:00" },
    { name: "winter (GMT)", instant: "2026-12-01T23:30:00Z", expected: "01/12/2026 23:30" },
    { name: "end of BST: 00:30 UTC is 01:30 BST", instant: "2026-10-25T00:30:00Z", expected: "25/10/2026 01:30" },
    { name: "end of BST: 01:30 UTC is 01:30 GMT", instant: "2026-10-25T01:30:00Z", expected: "25/10/2026 01:30" },
    { name: "end of BST: last minute of BST", instant: "2026-10-25T00:59:00Z", expected: "25/10/2026 01:59" },
    { name: "end of BST: first minute of GMT", instant: "2026-10-25T01:00:00Z", expected: "25/10/2026 01:00" },
    { name: "start of BST: last minute of GMT", instant: "2026-03-29T00:59:00Z", expected: "29/03/2026 00:59" },
    { name: "start of BST: clocks jump to 02:00", instant: "2026-03-29T01:00:00Z", expected: "29/03/2026 02:00" },
    { name: "midnight on New Year's Day", instant: "2026-01-01T00:00:00Z", expected: "01/01/2026 00:00" },
    { name: "one minute before midnight", instant: "2025-12-31T23:59:00Z", expected: "31/12/2025 23:59" },
    { name: "BST midnight is 23:00 UTC the day before", instant: "2026-06-30T23:00:00Z", expected: "01/07/2026 00:00" },
    { name: "leap day", instant: "2028-02-29T10:00:00Z", expected: "29/02/2028 10:00" },
    { name: "afternoon is 24-hour", instant: "2026-11-25T14:05:00Z", expected: "25/11/2026 14:05" },
    { name: "seconds are dropped, not rounded", instant: "2026-11-25T14:05:59.999Z", expected: "25/11/2026 14:05" },
  ])("$name: $instant -> $expected", ({ instant, expected }) => {
    expect(formatDateTime(new Date(instant))).toBe(expected);
  });
});

describe("formatDateTimeSeconds (the audit trail's times)", () => {
  it.each([
    { name: "summer (BST)", instant: "2026-07-01T12:00:07Z", expected: "01/07/2026 13:00:07" },
    { name: "winter (GMT)", instant: "2026-12-01T23:30:59.999Z", expected: "01/12/2026 23:30:59" },
    { name: "midnight is 00, not 24", instant: "2026-06-30T23:00:00Z", expected: "01/07/2026 00:00:00" },
  ])("$name: $instant -> $expected", ({ instant, expected }) => {
    expect(formatDateTimeSeconds(new Date(instant))).toBe(expected);
  });
});

describe("formatDate and formatTime", () => {
  it.each([
    { instant: "2026-07-01T12:00:00Z", date: "01/07/2026", time: "13:00" },
    { instant: "2026-06-30T23:30:00Z", date: "01/07/2026", time: "00:30" },
    { instant: "2026-12-01T23:30:00Z", date: "01/12/2026", time: "23:30" },
    { instant: "2026-03-29T01:00:00Z", date: "29/03/2026", time: "02:00" },
    { instant: "2026-01-01T00:00:00Z", date: "01/01/2026", time: "00:00" },
  ])("$instant -> $date $time", ({ instant, date, time }) => {
    expect(formatDate(new Date(instant))).toBe(date);
    expect(formatTime(new Date(instant))).toBe(time);
  });
});

describe("formatDuration", () => {
  it.each([
    { name: "zero", ms: 0, expected: "0 m" },
    { name: "just under a minute", ms: 59_999, expected: "0 m" },
    { name: "one minute", ms: 60_000, expected: "1 m" },
    { name: "45 minutes", ms: 45 * MINUTE, expected: "45 m" },
    { name: "59 minutes 59 seconds", ms: HOUR - 1000, expected: "59 m" },
    { name: "exactly an hour", ms: HOUR, expected: "1 h 0 m" },
    { name: "3 h 12 m", ms: 3 * HOUR + 12 * MINUTE, expected: "3 h 12 m" },
    { name: "23 h 59 m", ms: DAY - MINUTE, expected: "23 h 59 m" },
    { name: "exactly a day", ms: DAY, expected: "1 d" },
    { name: "26 hours", ms: 26 * HOUR, expected: "1 d 2 h" },
    { name: "26 h 59 m drops the minutes", ms: 26 * HOUR + 59 * MINUTE, expected: "1 d 2 h" },
    { name: "48 hours", ms: 48 * HOUR, expected: "2 d" },
    { name: "2 d 4 h", ms: 52 * HOUR, expected: "2 d 4 h" },
    { name: "negative one minute", ms: -60_000, expected: "1 m" },
    { name: "negative just under a minute", ms: -59_999, expected: "0 m" },
    { name: "negative 3 h 12 m", ms: -(3 * HOUR + 12 * MINUTE), expected: "3 h 12 m" },
    { name: "negative 26 hours", ms: -26 * HOUR, expected: "1 d 2 h" },
    { name: "negative 48 hours", ms: -48 * HOUR, expected: "2 d" },
  ])("$name ($ms ms) -> $expected", ({ ms, expected }) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});

describe("formatCalendarDate", () => {
  it.each([
    { input: "1950-03-07", expected: "07/03/1950" },
    { input: "2000-02-29", expected: "29/02/2000" },
    { input: "2026-12-31", expected: "31/12/2026" },
    // Not yyyy-MM-dd: returned as given.
    { input: "07/03/1950", expected: "07/03/1950" },
    { input: "1950-3-7", expected: "1950-3-7" },
    { input: "", expected: "" },
  ])("$input -> $expected", ({ input, expected }) => {
    expect(formatCalendarDate(input)).toBe(expected);
  });
});

describe("ageInYears", () => {
  // Noon UTC is the same calendar day in London all year round.
  const ON = new Date("2026-07-15T12:00:00Z");

  it.each([
    { name: "birthday today", dob: "1950-07-15", on: ON, expected: 76 },
    { name: "birthday tomorrow", dob: "1950-07-16", on: ON, expected: 75 },
    { name: "birthday yesterday", dob: "1950-07-14", on: ON, expected: 76 },
    { name: "birthday next month", dob: "1950-08-15", on: ON, expected: 75 },
    { name: "birthday last month", dob: "1950-06-15", on: ON, expected: 76 },
    { name: "born today", dob: "2026-07-15", on: ON, expected: 0 },
    { name: "born yesterday", dob: "2026-07-14", on: ON, expected: 0 },
    { name: "first birthday tomorrow", dob: "2025-07-16", on: ON, expected: 0 },
    { name: "leap-day birthday, 28 Feb of a common year", dob: "2000-02-29", on: new Date("2027-02-28T12:00:00Z"), expected: 26 },
    { name: "leap-day birthday, 1 Mar of a common year", dob: "2000-02-29", on: new Date("2027-03-01T12:00:00Z"), expected: 27 },
    { name: "leap-day birthday, on a leap day", dob: "2000-02-29", on: new Date("2028-02-29T12:00:00Z"), expected: 28 },
    { name: "leap-day birthday, 28 Feb of a leap year", dob: "2000-02-29", on: new Date("2028-02-28T12:00:00Z"), expected: 27 },
    // The day is London's: 23:30 UTC on 14 July is 00:30 BST on 15 July.
    { name: "London has reached the birthday, UTC has not", dob: "1950-07-15", on: new Date("2026-07-14T23:30:00Z"), expected: 76 },
    { name: "London has not reached the birthday", dob: "1950-07-15", on: new Date("2026-07-14T22:30:00Z"), expected: 75 },
    // In winter London is UTC: 23:30 UTC on 14 January is still 14 January.
    { name: "winter, late evening before the birthday", dob: "1950-01-15", on: new Date("2026-01-14T23:30:00Z"), expected: 75 },
    { name: "winter, midnight of the birthday", dob: "1950-01-15", on: new Date("2026-01-15T00:00:00Z"), expected: 76 },
  ])("$name: $dob -> $expected", ({ dob, on, expected }) => {
    expect(ageInYears(dob, on)).toBe(expected);
  });

  it.each(["", "15/07/1950", "1950-7-15", "not a date"])("returns null for %j", (dob) => {
    expect(ageInYears(dob, ON)).toBeNull();
  });
});

describe("London wall-clock input", () => {
  it("parseLondonLocalDateTime and toLondonLocalInput across both ends of BST, leap days and bad input", () => {
    expect(p("2026-07-01T13:00")?.toISOString()).toBe("2026-07-01T12:00:00.000Z");
    expect(p("2026-12-01T23:30")?.toISOString()).toBe("2026-12-01T23:30:00.000Z");
    expect(p("2026-10-25T01:30")?.toISOString()).toBe("2026-10-25T00:30:00.000Z"); // first (BST)
    expect(p("2026-10-25T02:30")?.toISOString()).toBe("2026-10-25T02:30:00.000Z");
    expect(p("2026-03-29T01:30")?.toISOString()).toBe("2026-03-29T01:30:00.000Z"); // skipped -> 02:30 BST = 01:30Z
    expect(p("2026-03-29T00:59")?.toISOString()).toBe("2026-03-29T00:59:00.000Z");
    expect(p("2026-03-29T02:00")?.toISOString()).toBe("2026-03-29T01:00:00.000Z");
    expect(p("2028-02-29T10:00")?.toISOString()).toBe("2028-02-29T10:00:00.000Z");
    expect(p("2027-02-29T10:00")).toBeNull();
    expect(p("2026-13-01T10:00")).toBeNull();
    expect(p("nonsense")).toBeNull();
    expect(f(new Date("2026-10-25T00:30:00Z"))).toBe("2026-10-25T01:30");
  });
});
