/**
 * Escalation by acknowledgement and the on-call rota (issue 5, items 1 and 2), as pure rules. An escalation goes
 * to whoever is first on call when it is made and must be acknowledged within a target (a pathway setting); not
 * acknowledged in time, it goes to the second line. Every step is an event; these functions read the events.
 */
import { settingsInForceAt, type PathwaySettings, type SettingsVersion, type TimelineEvent } from "./clocks";
import { formatDateTime } from "./time-format";
import type { ReferralCategory } from "./vocabulary";

/** How the system signs what it did on its own (an escalation sent on to the second line). */
export const SYSTEM_NAME = "The system (automatic escalation)";

export const ROTA_LINES = ["first", "second"] as const;
export type RotaLine = (typeof ROTA_LINES)[number];

export const ROTA_LINE_LABELS: Record<RotaLine, string> = {
  first: "First on call (oncology registrar)",
  second: "Second line (consultant or coordinator)",
};

/** Who may stand on each line: the first is always a registrar; the second a senior registrar/consultant or a coordinator. */
export const ROTA_LINE_ROLES: Record<RotaLine, readonly string[]> = {
  first: ["registrar"],
  second: ["registrar", "coordinator"],
};

export interface RotaShiftSpan {
  id: string;
  line: RotaLine;
  userId: string;
  startsAt: Date;
  endsAt: Date;
}

/** The shift covering an instant on a line; where shifts overlap (a handover), the one that started last. */
export function onCallAt<T extends RotaShiftSpan>(shifts: readonly T[], line: RotaLine, at: Date): T | null {
  const t = at.getTime();
  let found: T | null = null;
  for (const s of shifts) {
    if (s.line !== line || s.startsAt.getTime() > t || s.endsAt.getTime() <= t) continue;
    if (found === null || s.startsAt.getTime() > found.startsAt.getTime()) found = s;
  }
  return found;
}

/**
 * Who is on call on a line at an instant and until when they stay on: through back-to-back shifts of the same
 * person, so the header says when the bleep actually changes hands. Null when nobody is.
 */
export function onCallSpell<T extends RotaShiftSpan>(shifts: readonly T[], line: RotaLine, at: Date): { shift: T; until: Date } | null {
  const shift = onCallAt(shifts, line, at);
  if (shift === null) return null;
  let until = shift.endsAt;
  for (;;) {
    const next = onCallAt(shifts, line, until);
    if (next === null || next.userId !== shift.userId || next.endsAt.getTime() <= until.getTime()) return { shift, until };
    until = next.endsAt;
  }
}

/**
 * The shift on the same line that a new one would overlap, earliest first, or null. Shifts may meet end to start
 * but never overlap: two people each believing the other holds the bleep is how an escalation goes unanswered.
 */
export function overlappingShift<T extends RotaShiftSpan>(shifts: readonly T[], candidate: Pick<RotaShiftSpan, "line" | "startsAt" | "endsAt">): T | null {
  let found: T | null = null;
  for (const s of shifts) {
    if (s.line !== candidate.line || s.startsAt.getTime() >= candidate.endsAt.getTime() || s.endsAt.getTime() <= candidate.startsAt.getTime()) continue;
    if (found === null || s.startsAt.getTime() < found.startsAt.getTime()) found = s;
  }
  return found;
}

/** Why a shift is refused when it overlaps another: whose shift, on which line, and its times. */
export function rotaOverlapMessage(other: { line: RotaLine; userName: string; startsAt: Date; endsAt: Date }): string {
  return (
    `This overlaps ${other.userName}'s shift as ${ROTA_LINE_LABELS[other.line].toLowerCase()} from ${formatDateTime(other.startsAt)} ` +
    `to ${formatDateTime(other.endsAt)}. Change the times, or remove that shift first.`
  );
}

/** How far ahead the rota's gaps are flagged, in the header and on the rota page. */
export const ROTA_GAP_WARNING_DAYS = 7;

/** The longest shift the rota takes: longer cover is entered as several shifts, each checked on its own. */
export const MAX_SHIFT_DAYS = 7;

export interface RotaGap {
  line: RotaLine;
  from: Date;
  to: Date;
}

/** The stretches of [from, to) that no shift on the line covers, earliest first. */
export function rotaGaps(shifts: readonly RotaShiftSpan[], line: RotaLine, from: Date, to: Date): RotaGap[] {
  const spans = shifts
    .filter((s) => s.line === line && s.endsAt.getTime() > from.getTime() && s.startsAt.getTime() < to.getTime())
    .map((s) => [Math.max(s.startsAt.getTime(), from.getTime()), Math.min(s.endsAt.getTime(), to.getTime())] as const)
    .sort((a, b) => a[0] - b[0]);
  const gaps: RotaGap[] = [];
  let covered = from.getTime();
  for (const [start, end] of spans) {
    if (start > covered) gaps.push({ line, from: new Date(covered), to: new Date(start) });
    covered = Math.max(covered, end);
  }
  if (covered < to.getTime()) gaps.push({ line, from: new Date(covered), to: new Date(to.getTime()) });
  return gaps;
}

/** How long the escalated clinician has to acknowledge: suspected MSCC is an emergency, pain only is not. */
export function acknowledgementTargetMinutes(settings: PathwaySettings, category: ReferralCategory): number {
  switch (category) {
    case "suspected_mscc":
      return settings.acknowledgementSuspectedMsccMinutes;
    case "suspected_spinal_metastases":
    case "not_mscc":
      return settings.acknowledgementPainOnlyMinutes;
    default: {
      const unhandled: never = category;
      throw new Error(`Unknown category: ${String(unhandled)}`);
    }
  }
}

export type EscalationLevel = 1 | 2;

/** An escalation waiting for its acknowledgement. */
export interface PendingEscalation {
  level: EscalationLevel;
  /** Whom it is with now: the first-line registrar, then the second line (null: nobody was on the second line). */
  toUserId: string | null;
  firstLineUserId: string | null;
  escalatedAt: Date;
  /** When it went to the second line (level 2 only). */
  secondLineAt: Date | null;
  /** The first line's deadline: escalated at + the target in force then. */
  acknowledgementDueAt: Date;
}

const stringOrNull = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/** The escalation now waiting, from the timeline as it stands after corrections; null when none is. */
export function pendingEscalation(input: {
  category: ReferralCategory;
  timeline: readonly Pick<TimelineEvent, "type" | "at" | "data">[];
  settingsHistory: readonly SettingsVersion[];
}): PendingEscalation | null {
  let pending = null as PendingEscalation | null;
  for (const e of input.timeline) {
    if (e.type === "acknowledged") pending = null;
    if (e.type !== "escalated") continue;
    if (e.data.level === 2) {
      // A second-line step belongs to the escalation waiting at the time; on its own it means nothing.
      if (pending) pending = { ...pending, level: 2, toUserId: stringOrNull(e.data.toUserId), secondLineAt: e.at };
      continue;
    }
    const target = acknowledgementTargetMinutes(settingsInForceAt(input.settingsHistory, e.at), input.category);
    const to = stringOrNull(e.data.toUserId);
    pending = { level: 1, toUserId: to, firstLineUserId: to, escalatedAt: e.at, secondLineAt: null, acknowledgementDueAt: new Date(e.at.getTime() + target * 60_000) };
  }
  return pending;
}

/** Not acknowledged by its deadline and still with the first line: it must go to the second line now. */
export function needsSecondLine(pending: PendingEscalation | null, now: Date): boolean {
  return pending !== null && pending.level === 1 && now.getTime() >= pending.acknowledgementDueAt.getTime();
}

export type AcknowledgeCheck = { ok: true } | { ok: false; message: string };

/**
 * Who may acknowledge: the clinician it is with, or the first-line registrar it started with (still the one
 * reviewing the patient). With nobody on the second line, any registrar or coordinator may take it.
 */
export function checkAcknowledger(pending: PendingEscalation | null, user: { id: string; role: string }, nameOf: (id: string) => string): AcknowledgeCheck {
  if (pending === null) return { ok: false, message: "Nothing is waiting to be acknowledged on this referral." };
  if (user.id === pending.toUserId || user.id === pending.firstLineUserId) return { ok: true };
  if (pending.level === 2 && pending.toUserId === null && (user.role === "registrar" || user.role === "coordinator")) return { ok: true };
  const holder = pending.toUserId ?? pending.firstLineUserId;
  return {
    ok: false,
    message: holder
      ? `This escalation is with ${nameOf(holder)}: only they${pending.level === 1 ? "" : " or the first-line registrar"} can acknowledge it.`
      : "This escalation is not addressed to you.",
  };
}
