import { describe, expect, it } from "vitest";
import { checkDexamethasoneDose, dexamethasoneCautions, dexamethasoneStop, nextDoseDue, overrideNeeded, type DexamethasoneCautionId } from "./dexamethasone";

const HOUR = 3_600_000;
const FIRST = new Date("2026-10-24T08:00:00Z");
const hoursAfter = (hours: number) => new Date(FIRST.getTime() + hours * HOUR);

describe("next daily dose", () => {
  it.each([
    { name: "no dose yet", doses: [], stop: null, now: 1, expected: null },
    { name: "one dose, 1 h later", doses: [0], stop: null, now: 1, expected: { dueAt: hoursAfter(24), overdue: false, overdueByMs: 0 } },
    { name: "due exactly now is not yet overdue", doses: [0], stop: null, now: 24, expected: { dueAt: hoursAfter(24), overdue: false, overdueByMs: 0 } },
    { name: "two hours past due", doses: [0], stop: null, now: 26, expected: { dueAt: hoursAfter(24), overdue: true, overdueByMs: 2 * HOUR } },
    { name: "from the latest dose, whatever the order given", doses: [23, 0], stop: null, now: 30, expected: { dueAt: hoursAfter(47), overdue: false, overdueByMs: 0 } },
    { name: "none once MSCC is excluded", doses: [0], stop: "mscc_excluded", now: 30, expected: null },
    { name: "none once the referral is closed", doses: [0], stop: "closed", now: 30, expected: null },
  ] as const)("$name", ({ doses, stop, now, expected }) => {
    expect(nextDoseDue({ doseTimes: doses.map(hoursAfter), stop, now: hoursAfter(now) })).toEqual(expected);
  });

  it("24 elapsed hours across the end of British Summer Time (25/10/2026)", () => {
    // 01:30 BST on 25/10 plus 24 h is 00:30 GMT on 26/10: elapsed time, not the same wall-clock hour.
    const given = new Date("2026-10-25T00:30:00Z");
    expect(nextDoseDue({ doseTimes: [given], stop: null, now: given })?.dueAt).toEqual(new Date("2026-10-26T00:30:00Z"));
  });
});

describe("why no further dose is due", () => {
  const decision = (d: string) => ({ type: "decision", data: { decision: d } });
  it.each([
    { events: [], active: true, expected: null },
    { events: [decision("radiotherapy_planned")], active: true, expected: null },
    { events: [decision("mscc_excluded")], active: false, expected: "mscc_excluded" },
    { events: [decision("dexamethasone_contraindicated")], active: true, expected: "contraindicated" },
    { events: [{ type: "note", data: { decision: "mscc_excluded" } }], active: true, expected: null },
    { events: [], active: false, expected: "closed" },
  ])("$events.0.data.decision (active $active) → $expected", ({ events, active, expected }) => {
    expect(dexamethasoneStop({ events, active })).toBe(expected);
  });
});

describe("lymphoma or myeloma: the first dose needs an override reason", () => {
  it.each([
    { suspected: "lymphoma", doses: 0, reason: undefined, needed: true, ok: false },
    { suspected: "myeloma", doses: 0, reason: "   ", needed: true, ok: false },
    { suspected: "myeloma", doses: 0, reason: "Cord compression progressing; haematology unreachable", needed: true, ok: true },
    { suspected: "lymphoma", doses: 1, reason: undefined, needed: false, ok: true },
    { suspected: "none", doses: 0, reason: undefined, needed: false, ok: true },
    { suspected: null, doses: 0, reason: undefined, needed: false, ok: true },
  ] as const)("$suspected, $doses dose(s) before, reason $reason: ok $ok", ({ suspected, doses, reason, needed, ok }) => {
    expect(overrideNeeded({ haematologicalSuspected: suspected, dosesGiven: doses })).toBe(needed);
    const check = checkDexamethasoneDose({ haematologicalSuspected: suspected, dosesGiven: doses, overrideReason: reason });
    expect(check.ok).toBe(ok);
    if (!check.ok) {
      expect(check.field).toBe("data.overrideReason");
      expect(check.message).toMatch(/^(Lymphoma|Myeloma) is suspected: discuss with a consultant\/haematology before a first dose/);
    }
  });
});

describe("cautions", () => {
  it.each<{ name: string; input: Parameters<typeof dexamethasoneCautions>[0]; ids: DexamethasoneCautionId[] }>([
    {
      name: "suspected MSCC, nothing suspected, no dose yet",
      input: { category: "suspected_mscc", haematologicalSuspected: "none", dosesGiven: 0, stop: null },
      ids: ["gastric_protection", "blood_glucose"],
    },
    {
      name: "lymphoma suspected before a first dose",
      input: { category: "suspected_mscc", haematologicalSuspected: "lymphoma", dosesGiven: 0, stop: null },
      ids: ["discuss_haematology", "gastric_protection", "blood_glucose"],
    },
    {
      name: "lymphoma suspected after a first dose: the discussion caution has done its work",
      input: { category: "suspected_mscc", haematologicalSuspected: "lymphoma", dosesGiven: 1, stop: null },
      ids: ["gastric_protection", "blood_glucose"],
    },
    {
      name: "pain only",
      input: { category: "suspected_spinal_metastases", haematologicalSuspected: null, dosesGiven: 0, stop: null },
      ids: ["not_routine_pain_only", "gastric_protection", "blood_glucose"],
    },
    {
      name: "MSCC excluded after doses: stop, and nothing else",
      input: { category: "suspected_mscc", haematologicalSuspected: "myeloma", dosesGiven: 2, stop: "mscc_excluded" },
      ids: ["stop_mscc_excluded"],
    },
    {
      name: "MSCC excluded with no dose given: nothing to stop",
      input: { category: "suspected_mscc", haematologicalSuspected: "none", dosesGiven: 0, stop: "mscc_excluded" },
      ids: [],
    },
    {
      name: "contraindicated: no dose prompts",
      input: { category: "suspected_mscc", haematologicalSuspected: "none", dosesGiven: 0, stop: "contraindicated" },
      ids: [],
    },
  ])("$name", ({ input, ids }) => {
    expect(dexamethasoneCautions(input).map((c) => c.id)).toEqual(ids);
  });

  it("says stop in words, in the stop tone", () => {
    expect(dexamethasoneCautions({ category: "suspected_mscc", haematologicalSuspected: null, dosesGiven: 1, stop: "mscc_excluded" })).toEqual([
      { id: "stop_mscc_excluded", tone: "stop", text: "Stop dexamethasone: MSCC excluded." },
    ]);
  });
});
