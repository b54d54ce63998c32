/**
 * The pathway clocks of pathway.md ("The clocks"), computed from a referral's category and its events.
 * Every duration is elapsed time between instants (24 h is 86 400 000 ms, whatever the clocks on the wall
 * did meanwhile); Europe/London appears only when a time is shown (time-format.ts).
 */
import type { ReferralEventType } from "./referral-events";
import type { ReferralCategory } from "./vocabulary";

export const CLOCK_IDS = [
  "triage",
  "dexamethasone",
  "mri",
  "treatment_plan",
  "radiotherapy",
  "physiotherapy_assessment",
  "occupational_therapy_assessment",
] as const;
export type ClockId = (typeof CLOCK_IDS)[number];

export const CLOCK_STATUSES = ["not_started", "running", "at_risk", "met", "breached", "not_applicable"] as const;
export type ClockStatus = (typeof CLOCK_STATUSES)[number];

// The coded reasons of pathway.md; "other" carries free text.
export const BREACH_REASONS = [
  "mri_capacity",
  "patient_unfit_or_declined",
  "awaiting_transfer",
  "clinical_decision",
  "information_missing",
  "out_of_hours_delay",
  "other",
] as const;
export type BreachReason = (typeof BREACH_REASONS)[number];

// The coded reasons of pathway.md, as the person recording a late event chooses them.
export const BREACH_REASON_LABELS: Record<BreachReason, string> = {
  mri_capacity: "MRI capacity",
  patient_unfit_or_declined: "Patient unfit or declined",
  awaiting_transfer: "Awaiting transfer",
  clinical_decision: "Clinical decision",
  information_missing: "Information missing",
  out_of_hours_delay: "Out-of-hours delay",
  other: "Other (give details)",
};

/** Targets in minutes and the at-risk fraction, as in force from an instant. Defaults and sources in DEFAULT_PATHWAY_SETTINGS. */
export interface PathwaySettings {
  atRiskFraction: number;
  triageNeurologyMinutes: number;
  triagePainOnlyMinutes: number;
  dexamethasoneMinutes: number;
  mriSuspectedMsccMinutes: number;
  mriPainOnlyMinutes: number;
  treatmentPlanSuspectedMsccMinutes: number;
  treatmentPlanPainOnlyMinutes: number;
  radiotherapyMinutes: number;
  physiotherapyMinutes: number;
  occupationalTherapyMinutes: number;
  acknowledgementSuspectedMsccMinutes: number;
  acknowledgementPainOnlyMinutes: number;
}

const HOUR_MINUTES = 60;
const DAY_MINUTES = 24 * HOUR_MINUTES;
const WEEK_MINUTES = 7 * DAY_MINUTES;

export const DEFAULT_PATHWAY_SETTINGS: PathwaySettings = Object.freeze({
  atRiskFraction: 0.75,
  triageNeurologyMinutes: HOUR_MINUTES,
  triagePainOnlyMinutes: DAY_MINUTES,
  dexamethasoneMinutes: HOUR_MINUTES,
  mriSuspectedMsccMinutes: DAY_MINUTES,
  mriPainOnlyMinutes: WEEK_MINUTES,
  treatmentPlanSuspectedMsccMinutes: DAY_MINUTES,
  treatmentPlanPainOnlyMinutes: WEEK_MINUTES,
  radiotherapyMinutes: DAY_MINUTES,
  physiotherapyMinutes: DAY_MINUTES,
  occupationalTherapyMinutes: 2 * DAY_MINUTES,
  acknowledgementSuspectedMsccMinutes: 15,
  acknowledgementPainOnlyMinutes: 4 * HOUR_MINUTES,
});

export const PATHWAY_SETTING_SOURCES: Record<keyof PathwaySettings, { label: string; source: string; localPractice: boolean }> = {
  atRiskFraction: {
    label: "At-risk warning (fraction of each target)",
    source: "pathway.md: a clock is at risk past a warning fraction of its target, default 75 %",
    localPractice: true,
  },
  triageNeurologyMinutes: {
    label: "Triage, suspected MSCC (neurology)",
    source: 'CG75/NG234: contact the coordinator "immediately"; the exact triage target is local practice',
    localPractice: true,
  },
  triagePainOnlyMinutes: {
    label: "Triage, suspected spinal metastases (pain only)",
    source: 'CG75/NG234: "within 24 hours"; the exact triage target is local practice',
    localPractice: true,
  },
  dexamethasoneMinutes: {
    label: "Dexamethasone, suspected MSCC",
    source: "NG234 1.8: as soon as possible unless contraindicated; the exact target is local practice",
    localPractice: true,
  },
  mriSuspectedMsccMinutes: {
    label: "MRI, suspected MSCC",
    source: 'NG234; QS56 statement 3: "as soon as possible and always within 24 hours"',
    localPractice: false,
  },
  mriPainOnlyMinutes: {
    label: "MRI, suspected spinal metastases (pain only)",
    source: "NG234; QS56 statement 2: within 1 week",
    localPractice: false,
  },
  treatmentPlanSuspectedMsccMinutes: {
    label: "Treatment plan, suspected MSCC",
    source: "QS56 statement 3: definitive treatment plan within 24 hours",
    localPractice: false,
  },
  treatmentPlanPainOnlyMinutes: {
    label: "Treatment plan, suspected spinal metastases (pain only)",
    source: "QS56 statement 2: plan within 1 week",
    localPractice: false,
  },
  radiotherapyMinutes: {
    label: "Radiotherapy, from the decision to treat",
    source: "QS56 statement 6: within 24 hours of the decision",
    localPractice: false,
  },
  physiotherapyMinutes: {
    label: "Physiotherapy assessment",
    source: "Local practice (The Christie): within 24 hours of MSCC confirmed or admission",
    localPractice: true,
  },
  occupationalTherapyMinutes: {
    label: "Occupational therapy assessment",
    source: "Local practice (The Christie): within 48 hours of MSCC confirmed or admission",
    localPractice: true,
  },
  acknowledgementSuspectedMsccMinutes: {
    label: "Registrar acknowledges an escalation, suspected MSCC",
    source: "Local practice (issue 5): 15 minutes by default, then the escalation goes to the second line",
    localPractice: true,
  },
  acknowledgementPainOnlyMinutes: {
    label: "Registrar acknowledges an escalation, pain only",
    source: "Local practice (issue 5): 4 hours by default, then the escalation goes to the second line",
    localPractice: true,
  },
};

/** Settings history: each version applies from effectiveFrom until the next one. */
export interface SettingsVersion {
  effectiveFrom: Date;
  settings: PathwaySettings;
}

/** The version with the latest effectiveFrom at or before the instant (of equal ones, the later listed). */
export function settingsInForceAt(history: readonly SettingsVersion[], instant: Date): PathwaySettings {
  let inForce: SettingsVersion | null = null;
  for (const version of history) {
    if (version.effectiveFrom.getTime() > instant.getTime()) continue;
    if (inForce === null || version.effectiveFrom.getTime() >= inForce.effectiveFrom.getTime()) inForce = version;
  }
  // A version saved before a setting existed takes that setting's default.
  return inForce === null ? DEFAULT_PATHWAY_SETTINGS : { ...DEFAULT_PATHWAY_SETTINGS, ...inForce.settings };
}

export interface ClockEvent {
  id: string;
  type: ReferralEventType;
  occurredAt: Date;
  data: Record<string, unknown>;
  correctsEventId?: string | null;
}

export interface Clock {
  id: ClockId;
  label: string;
  source: string;
  status: ClockStatus;
  startAt: Date | null;
  dueAt: Date | null;
  stopAt: Date | null;
  atRiskAt: Date | null;
  /** The target in force when the clock started. */
  targetMinutes: number | null;
  /** Running or at risk only: dueAt - now, always > 0. */
  timeLeftMs: number | null;
  /** Breached only: (stopAt ?? now) - dueAt; 0 at the due instant itself when unstopped, >= 1 ms when stopped late. */
  overrunMs: number | null;
  breachReason: { reason: BreachReason; text?: string; eventId: string } | null;
  /** Breached and no breach reason recorded yet. */
  reasonRequired: boolean;
}

export const CLOCK_LABELS: Record<ClockId, string> = {
  triage: "Triage",
  dexamethasone: "Dexamethasone",
  mri: "MRI",
  treatment_plan: "Treatment plan",
  radiotherapy: "Radiotherapy",
  physiotherapy_assessment: "Physiotherapy assessment",
  occupational_therapy_assessment: "Occupational therapy assessment",
};

// Decisions that are a definitive treatment plan (QS56 statement 3), ruling MSCC out included.
const PLAN_DECISIONS: readonly string[] = ["radiotherapy_planned", "surgery_planned", "systemic_therapy", "best_supportive_care", "mscc_excluded"];

/** An event as it stands after corrections, ordered on the timeline by clinical time. */
export interface TimelineEvent {
  id: string;
  type: ReferralEventType;
  at: Date;
  data: Record<string, unknown>;
  /** A correction replaced its time, which then outranks any time inside its data. */
  timeCorrected: boolean;
}

type ClockRule =
  | { kind: "not_applicable" }
  | { kind: "not_started" }
  | {
      kind: "started";
      startAt: Date;
      stopAt: Date | null;
      target: (settings: PathwaySettings) => number;
      /** Dexamethasone given by the referrer before receipt counts at its own time (NG234 1.8). */
      stopMayPrecedeStart: boolean;
    };

export function computeClocks(
  input: { category: ReferralCategory; receivedAt: Date; events: readonly ClockEvent[]; settingsHistory: readonly SettingsVersion[] },
  now: Date,
): Clock[] {
  const timeline = buildTimeline(input.events);
  return CLOCK_IDS.map((id) => {
    const rule = clockRule(id, input.category, input.receivedAt, timeline);
    return evaluateClock(id, clockSource(id, input.category), rule, latestBreachReason(id, timeline), input.settingsHistory, now);
  });
}

/** The clock still waiting for its stop that falls due first (a breached one, most overdue first), for worklists. */
export function nextClockDue(clocks: readonly Clock[]): Clock | null {
  let next: Clock | null = null;
  for (const clock of clocks) {
    if (!isAwaitingStop(clock) || clock.dueAt === null) continue;
    if (next === null || next.dueAt === null || clock.dueAt.getTime() < next.dueAt.getTime()) next = clock;
  }
  return next;
}

function isAwaitingStop(clock: Clock): boolean {
  switch (clock.status) {
    case "running":
    case "at_risk":
      return true;
    case "breached":
      return clock.stopAt === null;
    case "not_started":
    case "met":
    case "not_applicable":
      return false;
    default:
      return assertNever(clock.status);
  }
}

function clockRule(id: ClockId, category: ReferralCategory, receivedAt: Date, timeline: readonly TimelineEvent[]): ClockRule {
  const fromReceipt = (stop: TimelineEvent | undefined, target: (s: PathwaySettings) => number, stopMayPrecedeStart = false): ClockRule => ({
    kind: "started",
    startAt: receivedAt,
    stopAt: stop?.at ?? null,
    target,
    stopMayPrecedeStart,
  });
  switch (id) {
    case "triage":
      return fromReceipt(
        timeline.find((e) => e.type === "triaged"),
        (s) => (category === "suspected_mscc" ? s.triageNeurologyMinutes : s.triagePainOnlyMinutes),
      );
    case "dexamethasone": {
      if (category !== "suspected_mscc") return { kind: "not_applicable" };
      if (timeline.some((e) => e.type === "decision" && e.data.decision === "dexamethasone_contraindicated")) return { kind: "not_applicable" };
      return fromReceipt(
        timeline.find((e) => e.type === "dexamethasone_given"),
        (s) => s.dexamethasoneMinutes,
        true,
      );
    }
    case "mri": {
      const target = byCategory(category, (s) => s.mriSuspectedMsccMinutes, (s) => s.mriPainOnlyMinutes);
      if (target === null) return { kind: "not_applicable" };
      return fromReceipt(
        timeline.find((e) => e.type === "imaging_performed" && stringField(e.data, "modality")?.startsWith("mri") === true),
        target,
      );
    }
    case "treatment_plan": {
      const target = byCategory(category, (s) => s.treatmentPlanSuspectedMsccMinutes, (s) => s.treatmentPlanPainOnlyMinutes);
      if (target === null) return { kind: "not_applicable" };
      return fromReceipt(
        timeline.find((e) => e.type === "decision" && isPlanDecision(e.data.decision)),
        target,
      );
    }
    case "radiotherapy": {
      if (category === "not_mscc") return { kind: "not_applicable" };
      const starts = timeline
        .filter((e) => e.type === "decision" && e.data.decision === "radiotherapy_planned")
        .map(decisionInstant)
        .sort((a, b) => a.getTime() - b.getTime());
      const startAt = starts[0];
      if (startAt === undefined) {
        // Another definitive plan means radiotherapy is not part of this patient's pathway.
        const otherPlan = timeline.some((e) => e.type === "decision" && isPlanDecision(e.data.decision));
        return { kind: otherPlan ? "not_applicable" : "not_started" };
      }
      const stop = timeline.find(
        (e) => e.type === "treatment_started" && e.data.treatment === "radiotherapy" && e.at.getTime() >= startAt.getTime(),
      );
      return { kind: "started", startAt, stopAt: stop?.at ?? null, target: (s) => s.radiotherapyMinutes, stopMayPrecedeStart: false };
    }
    case "physiotherapy_assessment":
    case "occupational_therapy_assessment": {
      if (category === "not_mscc") return { kind: "not_applicable" };
      const start =
        timeline.find((e) => e.type === "admitted") ??
        timeline.find((e) => e.type === "imaging_reported" && e.data.result === "mscc_confirmed");
      if (start === undefined) return { kind: "not_started" };
      const physiotherapy = id === "physiotherapy_assessment";
      const assessed = physiotherapy ? "physiotherapy_assessed" : "occupational_therapy_assessed";
      // The discharge closes an assessment clock still open (issue 6, item 4), met or breached by the usual rule.
      const stop = timeline.find((e) => e.type === assessed || e.type === "discharged");
      return {
        kind: "started",
        startAt: start.at,
        stopAt: stop?.at ?? null,
        target: (s) => (physiotherapy ? s.physiotherapyMinutes : s.occupationalTherapyMinutes),
        stopMayPrecedeStart: false,
      };
    }
    default:
      return assertNever(id);
  }
}

/** The suspected MSCC or pain-only target; null when the category has no such clock. */
function byCategory(
  category: ReferralCategory,
  suspectedMscc: (s: PathwaySettings) => number,
  painOnly: (s: PathwaySettings) => number,
): ((s: PathwaySettings) => number) | null {
  switch (category) {
    case "suspected_mscc":
      return suspectedMscc;
    case "suspected_spinal_metastases":
      return painOnly;
    case "not_mscc":
      return null;
    default:
      return assertNever(category);
  }
}

function clockSource(id: ClockId, category: ReferralCategory): string {
  const painOnly = category === "suspected_spinal_metastases";
  switch (id) {
    case "triage":
      return 'CG75/NG234 "contact the coordinator immediately" for neurology, "within 24 h" for pain; the exact triage target is local practice';
    case "dexamethasone":
      return "NG234 1.8; the exact target is local practice";
    case "mri":
      return painOnly ? "NG234; QS56 statement 2" : "NG234; QS56 statement 3";
    case "treatment_plan":
      return painOnly ? "QS56 statement 2" : "QS56 statement 3";
    case "radiotherapy":
      return "QS56 statement 6";
    case "physiotherapy_assessment":
    case "occupational_therapy_assessment":
      return "Local practice (The Christie)";
    default:
      return assertNever(id);
  }
}

/** A started clock's instants, as epoch milliseconds. */
export interface ClockInstants {
  dueAt: number;
  atRiskAt: number;
  stopAt: number | null;
}

/**
 * The status of a started clock at an instant: met if stopped by its due instant, else breached; unstopped,
 * breached from the due instant itself (from then on it can only be late), at risk from the warning instant.
 * The one statement of this rule: the engine uses it, and so does the browser's ticking countdown.
 */
export function startedClockStatus(clock: ClockInstants, now: number): "met" | "breached" | "at_risk" | "running" {
  if (clock.stopAt !== null) return clock.stopAt <= clock.dueAt ? "met" : "breached";
  if (now >= clock.dueAt) return "breached";
  if (now >= clock.atRiskAt) return "at_risk";
  return "running";
}

/** A computed clock's status at a later instant (no request needed): only a started, unstopped clock moves on. */
export function clockStatusAt(clock: { status: ClockStatus; dueAt: number | null; atRiskAt: number | null; stopAt: number | null }, now: number): ClockStatus {
  switch (clock.status) {
    case "not_started":
    case "not_applicable":
      return clock.status;
    case "running":
    case "at_risk":
    case "met":
    case "breached":
      if (clock.dueAt === null || clock.atRiskAt === null) return clock.status;
      return startedClockStatus({ dueAt: clock.dueAt, atRiskAt: clock.atRiskAt, stopAt: clock.stopAt }, now);
    default:
      return assertNever(clock.status);
  }
}

function evaluateClock(
  id: ClockId,
  source: string,
  rule: ClockRule,
  breachReason: Clock["breachReason"],
  settingsHistory: readonly SettingsVersion[],
  now: Date,
): Clock {
  const base = { id, label: CLOCK_LABELS[id], source, breachReason };
  const idle = { startAt: null, dueAt: null, stopAt: null, atRiskAt: null, targetMinutes: null, timeLeftMs: null, overrunMs: null, reasonRequired: false };
  switch (rule.kind) {
    case "not_applicable":
    case "not_started":
      return { ...base, ...idle, status: rule.kind };
    case "started":
      break;
    default:
      return assertNever(rule);
  }

  // A clock keeps the settings in force when it started, so a later change never rewrites it.
  const settings = settingsInForceAt(settingsHistory, rule.startAt);
  const targetMinutes = rule.target(settings);
  const start = rule.startAt.getTime();
  const targetMs = targetMinutes * 60_000;
  const due = start + targetMs;
  const atRisk = start + Math.round(targetMs * Math.min(1, Math.max(0, settings.atRiskFraction)));
  // A stop before the start is refused on the server; if one gets through it counts as at the start.
  const stop = rule.stopAt === null ? null : rule.stopMayPrecedeStart ? rule.stopAt.getTime() : Math.max(rule.stopAt.getTime(), start);

  const status = startedClockStatus({ dueAt: due, atRiskAt: atRisk, stopAt: stop }, now.getTime());

  return {
    ...base,
    status,
    startAt: new Date(start),
    dueAt: new Date(due),
    stopAt: stop === null ? null : new Date(stop),
    atRiskAt: new Date(atRisk),
    targetMinutes,
    timeLeftMs: status === "running" || status === "at_risk" ? due - now.getTime() : null,
    overrunMs: status === "breached" ? (stop ?? now.getTime()) - due : null,
    reasonRequired: status === "breached" && breachReason === null,
  };
}

/**
 * Applies corrections (house rule 6: a correction is a new event naming the one it corrects) in the order of
 * their own clinical time, then orders the surviving events by clinical time, ties in the order given.
 * Corrections of corrections are not supported and are ignored.
 */
export function buildTimeline(events: readonly ClockEvent[]): TimelineEvent[] {
  const valid = events.filter((e) => isValidInstant(e.occurredAt));
  const timeline = new Map<string, TimelineEvent>();
  for (const e of valid) {
    if (e.type === "correction" || timeline.has(e.id)) continue;
    timeline.set(e.id, { id: e.id, type: e.type, at: e.occurredAt, data: e.data, timeCorrected: false });
  }
  const corrections = valid.filter((e) => e.type === "correction").sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  for (const correction of corrections) {
    const target = correction.correctsEventId == null ? undefined : timeline.get(correction.correctsEventId);
    if (target === undefined) continue;
    if (correction.data.retract === true) {
      timeline.delete(target.id);
      continue;
    }
    const at = parseInstant(correction.data.occurredAt);
    if (at !== null) timeline.set(target.id, { ...target, at, timeCorrected: true });
  }
  return [...timeline.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** When radiotherapy was decided: data.decidedAt if given, unless a correction has since moved the event. */
function decisionInstant(decision: TimelineEvent): Date {
  if (decision.timeCorrected) return decision.at;
  return parseInstant(decision.data.decidedAt) ?? decision.at;
}

function latestBreachReason(id: ClockId, timeline: readonly TimelineEvent[]): Clock["breachReason"] {
  const event = timeline.findLast((e) => e.type === "breach_reason" && e.data.clock === id && isBreachReason(e.data.reason));
  if (event === undefined || !isBreachReason(event.data.reason)) return null;
  const text = stringField(event.data, "text");
  return text === undefined ? { reason: event.data.reason, eventId: event.id } : { reason: event.data.reason, text, eventId: event.id };
}

function isBreachReason(value: unknown): value is BreachReason {
  return typeof value === "string" && (BREACH_REASONS as readonly string[]).includes(value);
}

function isPlanDecision(value: unknown): boolean {
  return typeof value === "string" && PLAN_DECISIONS.includes(value);
}

function stringField(data: Record<string, unknown>, key: string): string | undefined {
  const value = data[key];
  return typeof value === "string" ? value : undefined;
}

// Instants only: a time without an offset would be read in the server's zone, a wall-clock error (house rule 9).
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function parseInstant(value: unknown): Date | null {
  if (typeof value !== "string" || !ISO_INSTANT.test(value)) return null;
  const instant = new Date(value);
  return isValidInstant(instant) ? instant : null;
}

function isValidInstant(value: Date): boolean {
  return Number.isFinite(value.getTime());
}

function assertNever(value: never): never {
  throw new Error(`Unhandled value: ${JSON.stringify(value)}`);
}
