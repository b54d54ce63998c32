import { describe, expect, it } from "vitest";
import type { BoardEquipmentJson, DischargeBoardItemJson } from "@/lib/api/schemas";
import { blockedByText, boardState, destinationText, dueThisWeek, equipmentName, keyWorkerText, overdue, therapyText } from "./present";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse("2026-11-20T12:00:00Z");

const equipment = (o: Partial<BoardEquipmentJson>): BoardEquipmentJson => ({
  id: "e",
  kind: "hoist_slings",
  description: null,
  status: "ordered",
  expectedOn: null,
  blockingSince: null,
  daysBlocking: null,
  ...o,
});

const blockedItem = {
  hasPlan: true,
  blocked: true,
  blockingEquipment: [equipment({ blockingSince: new Date(NOW - 3 * DAY - HOUR).toISOString() }), equipment({ kind: "ramps", blockingSince: new Date(NOW - 2 * HOUR).toISOString() })],
  openChecklistItems: ["pressure_care"],
} satisfies Partial<DischargeBoardItemJson>;

describe("the board's words", () => {
  it("names each blocker with its days, then the open checklist items", () => {
    expect(blockedByText(blockedItem, NOW)).toBe("Blocked by: Hoist and slings (3 days), Ramps (under a day), Pressure area care");
    // The days move on with the browser's clock, with no new answer from the server.
    expect(blockedByText(blockedItem, NOW + DAY)).toBe("Blocked by: Hoist and slings (4 days), Ramps (1 day), Pressure area care");
    expect(blockedByText({ ...blockedItem, hasPlan: false, blockingEquipment: [] }, NOW)).toBe("Blocked by: No rehabilitation plan yet (the whole checklist is open)");
    expect(blockedByText({ ...blockedItem, blocked: false, blockingEquipment: [], openChecklistItems: [] }, NOW)).toBe("Nothing blocking discharge");
  });

  it.each([
    [null, true, "not_fit"],
    [null, false, "not_fit"],
    ["2026-11-18T10:00:00.000Z", true, "blocked_fit"],
    ["2026-11-18T10:00:00.000Z", false, "ready"],
  ] as const)("medically fit at %s, blocked %s: %s", (medicallyFitAt, blocked, state) => {
    expect(boardState({ medicallyFitAt, blocked })).toBe(state);
  });

  it("equipment names: the kind, its detail, or an other item's description", () => {
    expect(equipmentName({ kind: "hoist_slings", description: "bariatric" })).toBe("Hoist and slings, bariatric");
    expect(equipmentName({ kind: "other", description: "Bed lever" })).toBe("Bed lever");
  });

  it("due this week and overdue, in UK dates", () => {
    const item = {
      equipmentDueThisWeek: [equipment({ kind: "commode", expectedOn: "2026-11-22" })],
      overdueEquipment: [equipment({ kind: "rails", expectedOn: "2026-11-18" })],
      expectedDischargeOn: "2026-11-21",
      expectedDischargeDue: "this_week",
    } satisfies Partial<DischargeBoardItemJson>;
    expect(dueThisWeek(item)).toEqual(["Commode expected 22/11/2026", "Discharge expected 21/11/2026"]);
    expect(overdue(item)).toEqual(["Rails was expected 18/11/2026"]);
    expect(overdue({ ...item, expectedDischargeDue: "past" })).toEqual(["Rails was expected 18/11/2026", "Discharge was expected 21/11/2026"]);
    expect(dueThisWeek({ ...item, expectedDischargeDue: "later" })).toEqual(["Commode expected 22/11/2026"]);
  });

  it("destination, key worker and therapy clocks", () => {
    expect(destinationText({ destination: "hospice", expectedDischargeOn: "2026-11-25" })).toBe("Hospice; expected 25/11/2026");
    expect(destinationText({ destination: null, expectedDischargeOn: null })).toBe("Destination not decided; no expected date");
    expect(keyWorkerText({ hasPlan: true, keyWorker: { name: "Kim", contact: "Bleep 4411" } })).toBe("Kim, Bleep 4411");
    expect(keyWorkerText({ hasPlan: false, keyWorker: null })).toBe("No plan yet");
    expect(therapyText({ therapyClocks: [] }, NOW)).toEqual(["No assessment waiting"]);
    expect(therapyText({ therapyClocks: [{ id: "physiotherapy_assessment", dueAt: NOW - 6 * HOUR, atRiskAt: NOW - 12 * HOUR }] }, NOW)).toEqual(["Physiotherapy assessment breached by 6 h 0 m"]);
  });
});
