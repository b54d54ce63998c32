import { describe, expect, it } from "vitest";
import {
  allowedNextEquipmentStatuses,
  blocksDischargeNow,
  checkEquipmentStatusChange,
  daysBlocking,
  equipmentItemName,
  EQUIPMENT_STATUSES,
  isEquipmentOverdue,
  isOutstanding,
  type EquipmentStatus,
} from "./equipment";

const HOIST = "Hoist and slings";

describe("checkEquipmentStatusChange: the status path", () => {
  it.each([
    { from: "needed", to: "requested" },
    { from: "requested", to: "ordered" },
    { from: "ordered", to: "delivered" },
    { from: "delivered", to: "installed" },
    { from: "needed", to: "delivered", why: "a loan store delivers the same day" },
    { from: "needed", to: "installed" },
    { from: "requested", to: "installed" },
    { from: "ordered", to: "ordered", why: "no change of status (dates or notes only)" },
    { from: "installed", to: "installed" },
  ] as const)("allows $from -> $to", ({ from, to }) => {
    expect(checkEquipmentStatusChange({ kind: HOIST, from, to })).toEqual({ ok: true });
  });

  it.each([
    { from: "ordered", to: "requested", message: "Hoist and slings cannot go from Ordered to Requested. From Ordered it can next be: Delivered, Installed, Cancelled." },
    { from: "delivered", to: "ordered", message: "Hoist and slings cannot go from Delivered to Ordered. From Delivered it can next be: Installed." },
    { from: "installed", to: "delivered", message: "Hoist and slings cannot go from Installed to Delivered. Installed is final: it cannot change status." },
    { from: "cancelled", to: "needed", message: "Hoist and slings cannot go from Cancelled to Needed. Cancelled is final: it cannot change status." },
  ] as const)("refuses $from -> $to, naming the allowed next statuses", ({ from, to, message }) => {
    expect(checkEquipmentStatusChange({ kind: HOIST, from, to })).toEqual({ ok: false, field: "status", message });
  });

  it.each([
    { from: "needed", ok: true },
    { from: "requested", ok: true },
    { from: "ordered", ok: true },
    { from: "delivered", ok: false },
    { from: "installed", ok: false },
  ] as const)("cancelled with a reason from $from: $ok (only while outstanding)", ({ from, ok }) => {
    expect(checkEquipmentStatusChange({ kind: HOIST, from, to: "cancelled", cancelledReason: "Family bought one" }).ok).toBe(ok);
  });

  it.each([undefined, null, "", "   "])("cancelling needs a reason (%j)", (cancelledReason) => {
    expect(checkEquipmentStatusChange({ kind: HOIST, from: "ordered", to: "cancelled", cancelledReason })).toEqual({
      ok: false,
      field: "cancelledReason",
      message: "Give the reason it is cancelled",
    });
  });

  it("never allows a step back along the path, for every pair of statuses", () => {
    const path: readonly EquipmentStatus[] = ["needed", "requested", "ordered", "delivered", "installed"];
    for (const from of EQUIPMENT_STATUSES) {
      for (const to of allowedNextEquipmentStatuses(from)) {
        if (to === "cancelled") expect(isOutstanding({ status: from })).toBe(true);
        else expect(path.indexOf(to)).toBeGreaterThan(path.indexOf(from));
      }
    }
  });
});

describe("the helpers", () => {
  it.each([
    { status: "needed", outstanding: true },
    { status: "requested", outstanding: true },
    { status: "ordered", outstanding: true },
    { status: "delivered", outstanding: false },
    { status: "installed", outstanding: false },
    { status: "cancelled", outstanding: false },
  ] as const)("isOutstanding($status) = $outstanding; blocks only when marked", ({ status, outstanding }) => {
    expect(isOutstanding({ status })).toBe(outstanding);
    expect(blocksDischargeNow({ status, blocksDischarge: true })).toBe(outstanding);
    expect(blocksDischargeNow({ status, blocksDischarge: false })).toBe(false);
  });

  it.each([
    { name: "expected yesterday, still ordered", status: "ordered", expectedOn: "2026-12-01", overdue: true },
    { name: "expected today", status: "ordered", expectedOn: "2026-12-02", overdue: false },
    { name: "expected yesterday, delivered", status: "delivered", expectedOn: "2026-12-01", overdue: false },
    { name: "expected yesterday, cancelled", status: "cancelled", expectedOn: "2026-12-01", overdue: false },
    { name: "no expected date", status: "needed", expectedOn: null, overdue: false },
  ] as const)("isEquipmentOverdue: $name", ({ status, expectedOn, overdue }) => {
    expect(isEquipmentOverdue({ status, expectedOn }, "2026-12-02")).toBe(overdue);
  });

  it.each([
    { name: "not blocking", since: null, now: "2026-12-02T10:00:00Z", days: null },
    { name: "since a moment ago", since: "2026-12-02T09:00:00Z", now: "2026-12-02T10:00:00Z", days: 0 },
    { name: "a day and a bit", since: "2026-12-01T09:00:00Z", now: "2026-12-02T10:00:00Z", days: 1 },
    { name: "not quite 3 days", since: "2026-11-29T10:00:01Z", now: "2026-12-02T10:00:00Z", days: 2 },
    { name: "a clock running behind", since: "2026-12-02T11:00:00Z", now: "2026-12-02T10:00:00Z", days: 0 },
  ])("daysBlocking: $name", ({ since, now, days }) => {
    expect(daysBlocking({ blockingSince: since === null ? null : new Date(since) }, new Date(now))).toBe(days);
  });

  it.each([
    { kind: "hoist_slings", description: null, name: "Hoist and slings" },
    { kind: "hoist_slings", description: " bariatric ", name: "Hoist and slings (bariatric)" },
    { kind: "other", description: "Bed lever", name: "Bed lever" },
  ] as const)("equipmentItemName: $name", ({ kind, description, name }) => {
    expect(equipmentItemName({ kind, description })).toBe(name);
  });
});
