import { describe, expect, it } from "vitest";
import { checkDischarge, CHECKLIST_ITEMS, openChecklistItems, type Checklist, type DischargeEquipment } from "./rehabilitation";
import { addCalendarDays, londonDate } from "@/lib/domain/time-format";

const ALL_DONE: Checklist = Object.fromEntries(CHECKLIST_ITEMS.map((item) => [item, { state: "done" }]));
const PRESSURE_OPEN: Checklist = { ...ALL_DONE, pressure_care: { state: "open" } };
const CHC_NOT_NEEDED: Checklist = { ...ALL_DONE, chc_fast_track: { state: "not_needed" } };

const item = (overrides: Partial<DischargeEquipment>): DischargeEquipment => ({
  id: "e1",
  kind: "hoist_slings",
  description: null,
  status: "ordered",
  blocksDischarge: true,
  expectedOn: "2026-12-02",
  ...overrides,
});

describe("checkDischarge", () => {
  it.each([
    { name: "everything done, home chosen", checklist: ALL_DONE, equipment: [], reasons: {}, destination: "home" },
    { name: "an item not needed counts as complete", checklist: CHC_NOT_NEEDED, equipment: [], reasons: {}, destination: "hospice" },
    { name: "an open item with a reason given now", checklist: PRESSURE_OPEN, equipment: [], reasons: { pressure_care: "Managed by the hospice" }, destination: "hospice" },
    { name: "blocking equipment delivered", checklist: ALL_DONE, equipment: [item({ status: "delivered" })], reasons: {}, destination: "home" },
    { name: "blocking equipment cancelled", checklist: ALL_DONE, equipment: [item({ status: "cancelled" })], reasons: {}, destination: "home" },
    { name: "outstanding equipment that does not block", checklist: ALL_DONE, equipment: [item({ blocksDischarge: false })], reasons: {}, destination: "home" },
  ] as const)("allowed: $name", ({ checklist, equipment, reasons, destination }) => {
    expect(checkDischarge({ checklist, equipment, reasons, destination })).toEqual({ ok: true });
  });

  it.each([
    {
      name: "an open item without a reason",
      input: { checklist: PRESSURE_OPEN, equipment: [], reasons: {}, destination: "home" },
      blockers: [{ field: "data.openItemReasons.pressure_care", message: "Pressure area care: not done; give a reason or complete it" }],
    },
    {
      name: "a reason of spaces is no reason",
      input: { checklist: PRESSURE_OPEN, equipment: [], reasons: { pressure_care: "  " }, destination: "home" },
      blockers: [{ field: "data.openItemReasons.pressure_care", message: "Pressure area care: not done; give a reason or complete it" }],
    },
    {
      name: "blocking equipment still ordered",
      input: { checklist: ALL_DONE, equipment: [item({})], reasons: {}, destination: "home" },
      blockers: [{ field: "equipment.e1", message: "Hoist and slings blocks discharge: ordered, expected 02/12/2026" }],
    },
    {
      name: "blocking equipment with no expected date",
      input: { checklist: ALL_DONE, equipment: [item({ kind: "other", description: "Bed lever", status: "needed", expectedOn: null })], reasons: {}, destination: "home" },
      blockers: [{ field: "equipment.e1", message: "Bed lever blocks discharge: needed, no expected date" }],
    },
    {
      name: "no destination",
      input: { checklist: ALL_DONE, equipment: [], reasons: {}, destination: null },
      blockers: [{ field: "data.destination", message: "Choose where the patient is discharged to" }],
    },
  ] as const)("blocked: $name", ({ input, blockers }) => {
    expect(checkDischarge(input)).toEqual({ ok: false, blockers });
  });

  it("a new plan (empty checklist) needs a reason for every item, in the checklist's order", () => {
    const result = checkDischarge({ checklist: {}, equipment: [], reasons: {}, destination: "home" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.blockers.map((b) => b.field)).toEqual(CHECKLIST_ITEMS.map((i) => `data.openItemReasons.${i}`));
  });
});

describe("openChecklistItems", () => {
  it.each([
    { name: "all done", checklist: ALL_DONE, open: [] },
    { name: "one open", checklist: PRESSURE_OPEN, open: ["pressure_care"] },
    { name: "not needed is not open", checklist: CHC_NOT_NEEDED, open: [] },
    { name: "missing entries are open", checklist: {}, open: [...CHECKLIST_ITEMS] },
  ])("$name", ({ checklist, open }) => {
    expect(openChecklistItems(checklist)).toEqual(open);
  });
});

describe("calendar dates", () => {
  it.each([
    { instant: "2026-11-24T23:30:00Z", date: "2026-11-24", why: "winter: London is UTC" },
    { instant: "2026-07-01T23:30:00Z", date: "2026-07-02", why: "summer: London is an hour ahead" },
  ])("londonDate($instant) = $date ($why)", ({ instant, date }) => {
    expect(londonDate(new Date(instant))).toBe(date);
  });
  it.each([
    { from: "2026-12-31", days: 1, to: "2027-01-01" },
    { from: "2026-03-28", days: 2, to: "2026-03-30" },
    { from: "2028-02-28", days: 366, to: "2029-02-28" },
  ])("addCalendarDays($from, $days) = $to", ({ from, days, to }) => {
    expect(addCalendarDays(from, days)).toBe(to);
  });
});
