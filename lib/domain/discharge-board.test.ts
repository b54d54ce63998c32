import { describe, expect, it } from "vitest";
import { dischargeBlockers, dueWhen, equipmentDue, isDischargeBlocked, nextLondonMidnight, type BoardEquipment } from "./discharge-board";
import { addCalendarDays, londonDate } from "@/lib/domain/time-format";
import { CHECKLIST_ITEMS, type Checklist } from "./rehabilitation";

const TODAY = "2026-11-20";

const item = (name: string, o: Partial<BoardEquipment> = {}): BoardEquipment & { name: string } => ({ name, status: "ordered", blocksDischarge: false, expectedOn: null, ...o });
const names = (xs: readonly { name: string }[]) => xs.map((x) => x.name);

describe("londonDate and nextLondonMidnight", () => {
  it.each([
    ["winter: London is UTC", "2026-11-20T23:59:00Z", "2026-11-20", "2026-11-21T00:00:00.000Z"],
    ["summer: 23:30 UTC is already tomorrow in London", "2026-07-01T23:30:00Z", "2026-07-02", "2026-07-02T23:00:00.000Z"],
    ["the night BST ends: midnight is still BST", "2026-10-24T12:00:00Z", "2026-10-24", "2026-10-24T23:00:00.000Z"],
    ["the day BST ends: the next midnight is GMT", "2026-10-25T12:00:00Z", "2026-10-25", "2026-10-26T00:00:00.000Z"],
  ])("%s", (_name, instant, date, midnight) => {
    expect(londonDate(new Date(instant))).toBe(date);
    expect(nextLondonMidnight(new Date(instant)).toISOString()).toBe(midnight);
  });

  it("adds calendar days across a month and a year end", () => {
    expect(addCalendarDays("2026-11-28", 7)).toBe("2026-12-05");
    expect(addCalendarDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});

describe("dueWhen: this week is today and the six days after", () => {
  it.each([
    ["2026-11-19", "past"],
    ["2026-11-20", "this_week"],
    ["2026-11-26", "this_week"],
    ["2026-11-27", "later"],
  ] as const)("%s is %s", (date, when) => {
    expect(dueWhen(date, TODAY)).toBe(when);
  });
});

describe("equipmentDue", () => {
  it("overdue: expected before today and still to come; due this week: still to come and expected within the week", () => {
    const equipment = [
      item("late and ordered", { expectedOn: "2026-11-19" }),
      item("late but delivered", { expectedOn: "2026-11-19", status: "delivered" }),
      item("late but cancelled", { expectedOn: "2026-11-10", status: "cancelled" }),
      item("today", { expectedOn: TODAY, status: "requested" }),
      item("in six days", { expectedOn: "2026-11-26", status: "needed" }),
      item("in seven days", { expectedOn: "2026-11-27" }),
      item("installed this week", { expectedOn: "2026-11-22", status: "installed" }),
      item("no date"),
    ];
    const due = equipmentDue(equipment, TODAY);
    expect(names(due.overdue)).toEqual(["late and ordered"]);
    expect(names(due.dueThisWeek)).toEqual(["today", "in six days"]);
  });
});

describe("dischargeBlockers", () => {
  const allDone: Checklist = Object.fromEntries(CHECKLIST_ITEMS.map((i) => [i, { state: "done" }]));

  it.each([
    ["no plan: the whole checklist is open", null, [], [], [...CHECKLIST_ITEMS], true],
    ["checklist done or not needed, nothing blocking", { ...allDone, chc_fast_track: { state: "not_needed" } }, [item("hoist", { blocksDischarge: true, status: "delivered" })], [], [], false],
    [
      "blocking equipment still to come, and one open item",
      { ...allDone, pressure_care: { state: "open", note: "awaiting tissue viability" } },
      [item("hoist", { blocksDischarge: true, status: "needed" }), item("rails", { blocksDischarge: false }), item("bed", { blocksDischarge: true, status: "cancelled" })],
      ["hoist"],
      ["pressure_care"],
      true,
    ],
    ["an item never recorded counts as open", { ...allDone, vte_prophylaxis: undefined }, [], [], ["vte_prophylaxis"], true],
  ] as const)("%s", (_name, checklist, equipment, blockingNames, openItems, blocked) => {
    const blockers = dischargeBlockers({ checklist: checklist as Checklist | null, equipment });
    expect(names(blockers.equipment)).toEqual(blockingNames);
    expect(blockers.checklist).toEqual(openItems);
    expect(isDischargeBlocked({ checklist: checklist as Checklist | null, equipment })).toBe(blocked);
  });
});
