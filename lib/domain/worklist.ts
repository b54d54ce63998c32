/**
 * What the worklist needs of each referral, computed once when it changes (so the list can be sorted and
 * filtered by the database at hospital scale), and how a row's clock reads at any later instant (so the
 * browser can tick without asking the server). The clock rules themselves stay in clocks.ts.
 */
import { buildTimeline, CLOCK_LABELS, computeClocks, startedClockStatus, type ClockEvent, type ClockId, type SettingsVersion } from "./clocks";
import { pendingEscalation, type EscalationLevel } from "./escalation";
import { formatDuration } from "./time-format";
import type { ReferralCategory } from "./vocabulary";

/** A clock that has started and not stopped: it will fall due (or has). Instants as epoch milliseconds. */
export interface OpenClock {
  id: ClockId;
  dueAt: number;
  atRiskAt: number;
}

export interface WorklistSummary {
  /** Open clocks, the first to fall due first. */
  openClocks: OpenClock[];
  /** The earliest due instant of the open clocks: the first to breach, and the urgency order. */
  nextClockDueAt: Date | null;
  /** The earliest at-risk instant of the open clocks (a later-due clock with a long target can warn first). */
  clocksAtRiskAt: Date | null;
  dexamethasoneGivenAt: Date | null;
  dexamethasoneContraindicated: boolean;
  /** Advised and not lifted since. */
  immobilisedSince: Date | null;
  immobilisationLiftedAt: Date | null;
  /** Escalated and not acknowledged since. */
  awaitingAcknowledgementSince: Date | null;
  /** The first line's deadline to acknowledge (null when nothing waits). */
  acknowledgementDueAt: Date | null;
  /** 0: nothing waiting; 1: with the first line; 2: gone to the second line. */
  escalationLevel: 0 | EscalationLevel;
  /** Whom the waiting escalation is with now (null: nothing waits, or nobody was on the second line). */
  escalatedToId: string | null;
}

/** The summary of a referral's events as they stand after corrections. Open clocks do not depend on "now". */
export function worklistSummary(input: {
  category: ReferralCategory;
  receivedAt: Date;
  events: readonly ClockEvent[];
  settingsHistory: readonly SettingsVersion[];
}): WorklistSummary {
  // The instant only decides met/breached/at-risk, which the summary does not keep; open means started, not stopped.
  const clocks = computeClocks(input, input.receivedAt);
  const openClocks: OpenClock[] = clocks
    .filter((c) => c.startAt !== null && c.stopAt === null && c.dueAt !== null && c.atRiskAt !== null)
    .map((c) => ({ id: c.id, dueAt: (c.dueAt as Date).getTime(), atRiskAt: (c.atRiskAt as Date).getTime() }))
    .sort((a, b) => a.dueAt - b.dueAt || a.atRiskAt - b.atRiskAt);
  const first = openClocks[0];
  const earliestAtRisk = openClocks.reduce<number | null>((min, c) => (min === null || c.atRiskAt < min ? c.atRiskAt : min), null);

  const timeline = buildTimeline(input.events);
  const dexamethasone = timeline.find((e) => e.type === "dexamethasone_given");
  const contraindicated = timeline.some((e) => e.type === "decision" && e.data.decision === "dexamethasone_contraindicated");
  let immobilisedSince: Date | null = null;
  let liftedAt: Date | null = null;
  for (const e of timeline) {
    if (e.type === "immobilisation_advised") immobilisedSince ??= e.at;
    if (e.type === "immobilisation_lifted" && immobilisedSince !== null) {
      immobilisedSince = null;
      liftedAt = e.at;
    }
  }
  const pending = pendingEscalation({ category: input.category, timeline, settingsHistory: input.settingsHistory });
  return {
    openClocks,
    nextClockDueAt: first ? new Date(first.dueAt) : null,
    clocksAtRiskAt: earliestAtRisk === null ? null : new Date(earliestAtRisk),
    dexamethasoneGivenAt: dexamethasone?.at ?? null,
    dexamethasoneContraindicated: contraindicated,
    immobilisedSince,
    immobilisationLiftedAt: immobilisedSince === null ? liftedAt : null,
    awaitingAcknowledgementSince: pending?.escalatedAt ?? null,
    acknowledgementDueAt: pending?.acknowledgementDueAt ?? null,
    escalationLevel: pending?.level ?? 0,
    escalatedToId: pending?.toUserId ?? null,
  };
}

export const WORKLIST_CLOCK_STATES = ["breached", "at_risk", "running", "none"] as const;
export type WorklistClockState = (typeof WORKLIST_CLOCK_STATES)[number];

export const WORKLIST_CLOCK_STATE_LABELS: Record<WorklistClockState, string> = {
  breached: "Breached",
  at_risk: "At risk",
  running: "Running",
  none: "No clock running",
};

/** A referral's worst open clock at an instant, from the two stored instants (the database filters the same way). */
export function worklistClockState(row: { nextClockDueAt: number | null; clocksAtRiskAt: number | null }, now: number): WorklistClockState {
  if (row.nextClockDueAt === null || row.clocksAtRiskAt === null) return "none";
  return startedClockStatus({ dueAt: row.nextClockDueAt, atRiskAt: row.clocksAtRiskAt, stopAt: null }, now) as Exclude<WorklistClockState, "none">;
}

/** The status of one open clock at an instant. */
export function openClockState(clock: OpenClock, now: number): Exclude<WorklistClockState, "none"> {
  return startedClockStatus({ dueAt: clock.dueAt, atRiskAt: clock.atRiskAt, stopAt: null }, now) as Exclude<WorklistClockState, "none">;
}

/** "MRI due in 3 h 12 m", "MRI breached by 2 h 15 m". */
export function describeOpenClock(clock: OpenClock, now: number): string {
  const label = CLOCK_LABELS[clock.id];
  return openClockState(clock, now) === "breached"
    ? `${label} breached by ${formatDuration(now - clock.dueAt)}`
    : `${label} due in ${formatDuration(clock.dueAt - now)}`;
}

/**
 * The next instant after `now` at which any of these rows changes state (a clock turns at risk or breached):
 * the list must be fetched again then, since the server filters and counts by state.
 */
export function nextStateChange(rows: readonly { openClocks: readonly OpenClock[] }[], now: number): number | null {
  let next: number | null = null;
  for (const row of rows) {
    for (const c of row.openClocks) {
      for (const t of [c.atRiskAt, c.dueAt]) if (t > now && (next === null || t < next)) next = t;
    }
  }
  return next;
}

/** Ward-screen mode: initials only ("J S"). */
export function initialsOf(givenName: string, familyName: string): string {
  const initial = (s: string) => s.trim().charAt(0).toUpperCase();
  return [initial(givenName), initial(familyName)].filter(Boolean).join(" ");
}

/** Ward-screen mode: the last 4 digits of the NHS number only. */
export function lastFourOf(nhsNumber: string): string {
  return nhsNumber.replace(/\D/g, "").slice(-4);
}
