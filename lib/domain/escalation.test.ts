import { describe, expect, it } from "vitest";
import { DEFAULT_PATHWAY_SETTINGS, type SettingsVersion, type TimelineEvent } from "./clocks";
import {
  acknowledgementTargetMinutes,
  checkAcknowledger,
  needsSecondLine,
  onCallAt,
  onCallSpell,
  overlappingShift,
  pendingEscalation,
  rotaGaps,
  rotaOverlapMessage,
  type PendingEscalation,
  type RotaLine,
  type RotaShiftSpan,
} from "./escalation";
import type { ReferralCategory } from "./vocabulary";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A Tuesday in winter (London = UTC), far from any change of the clocks. */
const T0 = new Date("2026-11-24T08:00:00Z");
const at = (hours: number): Date => new Date(T0.getTime() + hours * HOUR);

// People on the rota.
const OKORO = "user-okoro";
const WALSH = "user-walsh";
const KHAN = "user-khan";

let nextShift = 0;
const shift = (line: RotaLine, userId: string, fromHours: number, toHours: number): RotaShiftSpan => ({
  id: `shift-${++nextShift}`,
  line,
  userId,
  startsAt: at(fromHours),
  endsAt: at(toHours),
});

// Named rotas. Days: 08:00 to 20:00 (hours 0 to 12), nights 20:00 to 08:00 (hours 12 to 24).
const DAY_OKORO = shift("first", OKORO, 0, 12);
const NIGHT_WALSH = shift("first", WALSH, 12, 24);
const NEXT_DAY_OKORO = shift("first", OKORO, 24, 36);
const KHAN_ALL_DAY = shift("second", KHAN, 0, 24);
const FULL_DAY: readonly RotaShiftSpan[] = [DAY_OKORO, NIGHT_WALSH, KHAN_ALL_DAY];
const WITH_HOLE: readonly RotaShiftSpan[] = [DAY_OKORO, shift("first", WALSH, 14, 24), KHAN_ALL_DAY];
const OKORO_TWICE: readonly RotaShiftSpan[] = [DAY_OKORO, shift("first", OKORO, 12, 24), NEXT_DAY_OKORO, KHAN_ALL_DAY];
const HANDOVER_OVERLAP: readonly RotaShiftSpan[] = [DAY_OKORO, shift("first", WALSH, 11, 24)];

describe("onCallAt", () => {
  it.each([
    { name: "the first instant of a shift", shifts: FULL_DAY, line: "first", when: at(0), expected: DAY_OKORO.id },
    { name: "inside a shift", shifts: FULL_DAY, line: "first", when: at(6), expected: DAY_OKORO.id },
    { name: "a shift's end belongs to the next shift", shifts: FULL_DAY, line: "first", when: at(12), expected: NIGHT_WALSH.id },
    { name: "the last millisecond of a shift", shifts: FULL_DAY, line: "first", when: new Date(at(12).getTime() - 1), expected: DAY_OKORO.id },
    { name: "after the last shift ends", shifts: FULL_DAY, line: "first", when: at(24), expected: null },
    { name: "before the first shift starts", shifts: FULL_DAY, line: "first", when: at(-1), expected: null },
    { name: "in a hole in the rota", shifts: WITH_HOLE, line: "first", when: at(13), expected: null },
    { name: "the second line is read on its own", shifts: FULL_DAY, line: "second", when: at(13), expected: KHAN_ALL_DAY.id },
    { name: "where two overlap, the one that started last", shifts: HANDOVER_OVERLAP, line: "first", when: at(11.5), expected: HANDOVER_OVERLAP[1]?.id },
    { name: "an empty rota", shifts: [], line: "second", when: at(1), expected: null },
  ] as const)("$name", ({ shifts, line, when, expected }) => {
    expect(onCallAt(shifts, line, when)?.id ?? null).toBe(expected);
  });
});

describe("onCallSpell: until when the same person holds the bleep", () => {
  it.each([
    { name: "one shift, handed to someone else at its end", shifts: FULL_DAY, line: "first", when: at(3), who: OKORO, until: at(12) },
    { name: "back-to-back shifts of one person run on", shifts: OKORO_TWICE, line: "first", when: at(3), who: OKORO, until: at(36) },
    { name: "a gap ends the spell even for the same person", shifts: [DAY_OKORO, NEXT_DAY_OKORO], line: "first", when: at(3), who: OKORO, until: at(12) },
    { name: "the second line", shifts: FULL_DAY, line: "second", when: at(20), who: KHAN, until: at(24) },
  ] as const)("$name", ({ shifts, line, when, who, until }) => {
    const spell = onCallSpell(shifts, line, when);
    expect(spell?.shift.userId).toBe(who);
    expect(spell?.until).toEqual(until);
  });

  it("is null when nobody is on call", () => {
    expect(onCallSpell(WITH_HOLE, "first", at(13))).toBeNull();
  });
});

describe("rotaGaps", () => {
  it.each([
    { name: "a fully covered day has none", shifts: FULL_DAY, line: "first", from: at(0), to: at(24), gaps: [] },
    { name: "a hole between two shifts", shifts: WITH_HOLE, line: "first", from: at(0), to: at(24), gaps: [[12, 14]] },
    { name: "uncovered before the first and after the last shift", shifts: FULL_DAY, line: "first", from: at(-2), to: at(30), gaps: [[-2, 0], [24, 30]] },
    { name: "an empty line is one gap over the whole window", shifts: [DAY_OKORO], line: "second", from: at(0), to: at(48), gaps: [[0, 48]] },
    { name: "shifts clipped to the window", shifts: WITH_HOLE, line: "first", from: at(6), to: at(13), gaps: [[12, 13]] },
    { name: "overlapping shifts leave no gap", shifts: HANDOVER_OVERLAP, line: "first", from: at(0), to: at(24), gaps: [] },
    { name: "shifts meeting end to start leave no gap", shifts: OKORO_TWICE, line: "first", from: at(0), to: at(36), gaps: [] },
  ] as const)("$name", ({ shifts, line, from, to, gaps }) => {
    expect(rotaGaps(shifts, line, from, to)).toEqual(gaps.map(([a, b]) => ({ line, from: at(a), to: at(b) })));
  });
});

describe("overlappingShift: shifts on one line may meet but not overlap", () => {
  it.each([
    { name: "meets the end of another", candidate: { line: "first", startsAt: at(24), endsAt: at(36) }, expected: null },
    { name: "ends where another starts", candidate: { line: "first", startsAt: at(-12), endsAt: at(0) }, expected: null },
    { name: "starts inside another", candidate: { line: "first", startsAt: at(11), endsAt: at(13) }, expected: DAY_OKORO.id },
    { name: "lies wholly inside another", candidate: { line: "first", startsAt: at(2), endsAt: at(3) }, expected: DAY_OKORO.id },
    { name: "covers two: the earlier is named", candidate: { line: "first", startsAt: at(-1), endsAt: at(30) }, expected: DAY_OKORO.id },
    { name: "the same times on the other line", candidate: { line: "second", startsAt: at(24), endsAt: at(30) }, expected: null },
    { name: "overlapping the second line", candidate: { line: "second", startsAt: at(23), endsAt: at(30) }, expected: KHAN_ALL_DAY.id },
  ] as const)("$name", ({ candidate, expected }) => {
    expect(overlappingShift(FULL_DAY, candidate)?.id ?? null).toBe(expected);
  });

  it("names the other shift's person, line and London times", () => {
    const summer = { line: "first" as const, userName: "Dr Emily Walsh", startsAt: new Date("2026-07-01T19:00:00Z"), endsAt: new Date("2026-07-02T07:00:00Z") };
    expect(rotaOverlapMessage(summer)).toBe(
      "This overlaps Dr Emily Walsh's shift as first on call (oncology registrar) from 01/07/2026 20:00 to 02/07/2026 08:00. Change the times, or remove that shift first.",
    );
  });
});

describe("acknowledgementTargetMinutes", () => {
  const settings = { ...DEFAULT_PATHWAY_SETTINGS, acknowledgementSuspectedMsccMinutes: 10, acknowledgementPainOnlyMinutes: 120 };
  it.each([
    { category: "suspected_mscc", defaults: 15, custom: 10 },
    { category: "suspected_spinal_metastases", defaults: 240, custom: 120 },
    { category: "not_mscc", defaults: 240, custom: 120 },
  ] as const)("$category: $defaults minutes by default, the setting when changed", ({ category, defaults, custom }) => {
    expect(acknowledgementTargetMinutes(DEFAULT_PATHWAY_SETTINGS, category)).toBe(defaults);
    expect(acknowledgementTargetMinutes(settings, category)).toBe(custom);
  });
});

type Step = Pick<TimelineEvent, "type" | "at" | "data">;
const escalated = (when: Date, data: Record<string, unknown> = {}): Step => ({ type: "escalated", at: when, data });
const acknowledged = (when: Date): Step => ({ type: "acknowledged", at: when, data: {} });
const note = (when: Date): Step => ({ type: "note", at: when, data: { text: "Phoned the ward" } });

// Settings history: the suspected MSCC target cut from 15 to 5 minutes at hour 2.
const TIGHTENED: readonly SettingsVersion[] = [{ effectiveFrom: at(2), settings: { ...DEFAULT_PATHWAY_SETTINGS, acknowledgementSuspectedMsccMinutes: 5 } }];

describe("pendingEscalation", () => {
  const cases: {
    name: string;
    category?: ReferralCategory;
    timeline: readonly Step[];
    settingsHistory?: readonly SettingsVersion[];
    expected: PendingEscalation | null;
  }[] = [
    { name: "never escalated", timeline: [note(at(0))], expected: null },
    {
      name: "escalated to the first line: due 15 minutes later for suspected MSCC",
      timeline: [escalated(at(0), { toUserId: OKORO })],
      expected: { level: 1, toUserId: OKORO, firstLineUserId: OKORO, escalatedAt: at(0), secondLineAt: null, acknowledgementDueAt: new Date(at(0).getTime() + 15 * MINUTE) },
    },
    {
      name: "pain only: due 4 hours later",
      category: "suspected_spinal_metastases",
      timeline: [escalated(at(0), { toUserId: OKORO })],
      expected: { level: 1, toUserId: OKORO, firstLineUserId: OKORO, escalatedAt: at(0), secondLineAt: null, acknowledgementDueAt: at(4) },
    },
    { name: "acknowledged: nothing waits", timeline: [escalated(at(0), { toUserId: OKORO }), acknowledged(at(0.1))], expected: null },
    {
      name: "gone to the second line: with them, the first line remembered",
      timeline: [escalated(at(0), { toUserId: OKORO }), escalated(at(0.25), { level: 2, toUserId: KHAN })],
      expected: { level: 2, toUserId: KHAN, firstLineUserId: OKORO, escalatedAt: at(0), secondLineAt: at(0.25), acknowledgementDueAt: new Date(at(0).getTime() + 15 * MINUTE) },
    },
    {
      name: "gone to the second line with nobody on it",
      timeline: [escalated(at(0), { toUserId: OKORO }), escalated(at(0.25), { level: 2 })],
      expected: { level: 2, toUserId: null, firstLineUserId: OKORO, escalatedAt: at(0), secondLineAt: at(0.25), acknowledgementDueAt: new Date(at(0).getTime() + 15 * MINUTE) },
    },
    { name: "a second-line step with no escalation waiting means nothing", timeline: [escalated(at(0.25), { level: 2, toUserId: KHAN })], expected: null },
    {
      name: "a second-line step after the acknowledgement means nothing",
      timeline: [escalated(at(0), { toUserId: OKORO }), acknowledged(at(0.1)), escalated(at(0.25), { level: 2, toUserId: KHAN })],
      expected: null,
    },
    { name: "acknowledged at the second line", timeline: [escalated(at(0), { toUserId: OKORO }), escalated(at(0.25), { level: 2, toUserId: KHAN }), acknowledged(at(0.5))], expected: null },
    {
      name: "escalated again after an acknowledgement: a fresh escalation at level 1",
      timeline: [escalated(at(0), { toUserId: OKORO }), acknowledged(at(0.1)), escalated(at(5), { toUserId: WALSH })],
      expected: { level: 1, toUserId: WALSH, firstLineUserId: WALSH, escalatedAt: at(5), secondLineAt: null, acknowledgementDueAt: new Date(at(5).getTime() + 15 * MINUTE) },
    },
    {
      name: "re-escalated while at the second line: back to level 1 with the new registrar",
      timeline: [escalated(at(0), { toUserId: OKORO }), escalated(at(0.25), { level: 2, toUserId: KHAN }), escalated(at(1), { toUserId: WALSH })],
      expected: { level: 1, toUserId: WALSH, firstLineUserId: WALSH, escalatedAt: at(1), secondLineAt: null, acknowledgementDueAt: new Date(at(1).getTime() + 15 * MINUTE) },
    },
    {
      name: "no named registrar (an empty id counts as none)",
      timeline: [escalated(at(0), { toUserId: "" })],
      expected: { level: 1, toUserId: null, firstLineUserId: null, escalatedAt: at(0), secondLineAt: null, acknowledgementDueAt: new Date(at(0).getTime() + 15 * MINUTE) },
    },
    {
      name: "escalated before a settings change: the target in force at the escalation",
      settingsHistory: TIGHTENED,
      timeline: [escalated(at(1.9), { toUserId: OKORO })],
      expected: { level: 1, toUserId: OKORO, firstLineUserId: OKORO, escalatedAt: at(1.9), secondLineAt: null, acknowledgementDueAt: new Date(at(1.9).getTime() + 15 * MINUTE) },
    },
    {
      name: "escalated after a settings change: the new target",
      settingsHistory: TIGHTENED,
      timeline: [escalated(at(2), { toUserId: OKORO })],
      expected: { level: 1, toUserId: OKORO, firstLineUserId: OKORO, escalatedAt: at(2), secondLineAt: null, acknowledgementDueAt: new Date(at(2).getTime() + 5 * MINUTE) },
    },
  ];

  it.each(cases)("$name", ({ category, timeline, settingsHistory, expected }) => {
    expect(pendingEscalation({ category: category ?? "suspected_mscc", timeline, settingsHistory: settingsHistory ?? [] })).toEqual(expected);
  });
});

const FIRST_LINE: PendingEscalation = {
  level: 1,
  toUserId: OKORO,
  firstLineUserId: OKORO,
  escalatedAt: at(0),
  secondLineAt: null,
  acknowledgementDueAt: new Date(at(0).getTime() + 15 * MINUTE),
};
const SECOND_LINE: PendingEscalation = { ...FIRST_LINE, level: 2, toUserId: KHAN, secondLineAt: new Date(at(0).getTime() + 15 * MINUTE) };
const SECOND_LINE_EMPTY: PendingEscalation = { ...SECOND_LINE, toUserId: null };

describe("needsSecondLine", () => {
  it.each([
    { name: "nothing waiting", pending: null, now: at(5), expected: false },
    { name: "before the deadline", pending: FIRST_LINE, now: new Date(FIRST_LINE.acknowledgementDueAt.getTime() - 1), expected: false },
    { name: "at the deadline itself", pending: FIRST_LINE, now: FIRST_LINE.acknowledgementDueAt, expected: true },
    { name: "long after the deadline", pending: FIRST_LINE, now: at(10), expected: true },
    { name: "already with the second line", pending: SECOND_LINE, now: at(10), expected: false },
  ])("$name", ({ pending, now, expected }) => {
    expect(needsSecondLine(pending, now)).toBe(expected);
  });
});

describe("checkAcknowledger", () => {
  const names: Record<string, string> = { [OKORO]: "Dr James Okoro", [KHAN]: "Aisha Khan" };
  const nameOf = (id: string) => names[id] ?? "someone";
  it.each([
    { name: "nothing waiting", pending: null, user: { id: OKORO, role: "registrar" }, expected: "Nothing is waiting to be acknowledged on this referral." },
    { name: "the first-line registrar it is with", pending: FIRST_LINE, user: { id: OKORO, role: "registrar" }, expected: null },
    { name: "another registrar at level 1", pending: FIRST_LINE, user: { id: WALSH, role: "registrar" }, expected: "This escalation is with Dr James Okoro: only they can acknowledge it." },
    { name: "a coordinator at level 1", pending: FIRST_LINE, user: { id: KHAN, role: "coordinator" }, expected: "This escalation is with Dr James Okoro: only they can acknowledge it." },
    { name: "the second line it went to", pending: SECOND_LINE, user: { id: KHAN, role: "coordinator" }, expected: null },
    { name: "the first-line registrar, still reviewing, at level 2", pending: SECOND_LINE, user: { id: OKORO, role: "registrar" }, expected: null },
    {
      name: "someone else at level 2",
      pending: SECOND_LINE,
      user: { id: WALSH, role: "registrar" },
      expected: "This escalation is with Aisha Khan: only they or the first-line registrar can acknowledge it.",
    },
    { name: "any registrar when nobody was on the second line", pending: SECOND_LINE_EMPTY, user: { id: WALSH, role: "registrar" }, expected: null },
    { name: "any coordinator when nobody was on the second line", pending: SECOND_LINE_EMPTY, user: { id: "user-other", role: "coordinator" }, expected: null },
    {
      name: "but not the discharge team",
      pending: SECOND_LINE_EMPTY,
      user: { id: "user-discharge", role: "discharge" },
      expected: "This escalation is with Dr James Okoro: only they or the first-line registrar can acknowledge it.",
    },
    { name: "addressed to nobody", pending: { ...FIRST_LINE, toUserId: null, firstLineUserId: null }, user: { id: WALSH, role: "registrar" }, expected: "This escalation is not addressed to you." },
  ])("$name", ({ pending, user, expected }) => {
    const result = checkAcknowledger(pending, user, nameOf);
    expect(result).toEqual(expected === null ? { ok: true } : { ok: false, message: expected });
  });
});
