/**
 * Rules for what may be recorded on a referral, and what the record then means (issue 3, item 4). Pure: the
 * server calls these inside the transaction that writes the event.
 */
import { checkTransition, pathwayStepNumber } from "./referral-status";
import type { ReferralEventType } from "./referral-events";
import { formatDateTime } from "./time-format";
import type { AmbulatoryStatus, ReferralStatus } from "./vocabulary";

/** Clinical times may run up to this far ahead of the server's clock (a ward PC a little fast). */
export const CLOCK_SKEW_MS = 5 * 60_000;

export interface RecordedEvent {
  id: string;
  type: ReferralEventType;
  occurredAt: Date;
  data: Record<string, unknown>;
}

export interface NewEvent {
  type: ReferralEventType;
  occurredAt: Date;
  data: Record<string, unknown>;
  correctsEventId?: string | null;
}

export type RuleCheck = { ok: true } | { ok: false; field: string; message: string };

const modalityOf = (e: { data: Record<string, unknown> }) => (typeof e.data.modality === "string" ? e.data.modality : null);

const instantOf = (value: unknown): Date | null => {
  if (typeof value !== "string") return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
};

/** A radiotherapy decision's decision-to-treat time (data.decidedAt), or when it was recorded as happening. */
const decisionToTreatAt = (e: RecordedEvent): Date => instantOf(e.data.decidedAt) ?? e.occurredAt;

/**
 * A clinical time is refused when it is in the future (beyond the skew), before the referral was received, or
 * when the event would stop something before it started (an MRI reported before it was performed).
 */
export function checkNewEvent(input: { receivedAt: Date; events: readonly RecordedEvent[]; event: NewEvent; now: Date }): RuleCheck {
  const { receivedAt, events, event, now } = input;
  const at = event.occurredAt.getTime();
  if (Number.isNaN(at)) return { ok: false, field: "occurredAt", message: "Enter when it happened." };
  if (at > now.getTime() + CLOCK_SKEW_MS) {
    return { ok: false, field: "occurredAt", message: `The time is in the future (${formatDateTime(event.occurredAt)}): enter when it happened.` };
  }
  if (at < receivedAt.getTime()) {
    return {
      ok: false,
      field: "occurredAt",
      message: `The time is before the referral was received (${formatDateTime(receivedAt)}). What was done before the referral is recorded with the referral itself.`,
    };
  }
  if (event.type === "correction") {
    const target = events.find((e) => e.id === event.correctsEventId);
    if (!target) return { ok: false, field: "correctsEventId", message: "The event to correct is not on this referral." };
    if (target.type === "correction") return { ok: false, field: "correctsEventId", message: "Correct the original event, not a correction." };
    return { ok: true };
  }
  const before = (type: ReferralEventType, match: (e: RecordedEvent) => boolean = () => true) =>
    events.filter((e) => e.type === type && match(e)).sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())[0];

  switch (event.type) {
    case "imaging_reported": {
      const performed = before("imaging_performed", (e) => modalityOf(e) === modalityOf(event));
      if (!performed) return { ok: false, field: "type", message: "Record the scan as performed before its report." };
      if (performed.occurredAt.getTime() > at) {
        return { ok: false, field: "occurredAt", message: `The report cannot come before the scan was performed (${formatDateTime(performed.occurredAt)}).` };
      }
      return { ok: true };
    }
    case "acknowledged": {
      const escalated = before("escalated");
      if (!escalated) return { ok: false, field: "type", message: "Nothing has been escalated to acknowledge." };
      if (escalated.occurredAt.getTime() > at) {
        return { ok: false, field: "occurredAt", message: `An escalation cannot be acknowledged before it was made (${formatDateTime(escalated.occurredAt)}).` };
      }
      return { ok: true };
    }
    case "treatment_started": {
      if (event.data.treatment !== "radiotherapy") return { ok: true };
      const decided = events
        .filter((e) => e.type === "decision" && e.data.decision === "radiotherapy_planned")
        .map(decisionToTreatAt)
        .sort((a, b) => a.getTime() - b.getTime())[0];
      if (decided && decided.getTime() > at) {
        return { ok: false, field: "occurredAt", message: `Radiotherapy cannot start before the decision to treat (${formatDateTime(decided)}).` };
      }
      return { ok: true };
    }
    case "decision": {
      // The decision to treat starts the radiotherapy clock (QS56 statement 6): held to the same limits as any clinical time.
      const decidedAt = instantOf(event.data.decidedAt);
      if (decidedAt === null) return { ok: true };
      if (decidedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
        return { ok: false, field: "data.decidedAt", message: `The decision to treat is in the future (${formatDateTime(decidedAt)}): enter when it was made.` };
      }
      if (decidedAt.getTime() < receivedAt.getTime()) {
        return { ok: false, field: "data.decidedAt", message: `The decision to treat is before the referral was received (${formatDateTime(receivedAt)}).` };
      }
      return { ok: true };
    }
    case "immobilisation_lifted": {
      const advised = before("immobilisation_advised");
      if (advised && advised.occurredAt.getTime() > at) {
        return { ok: false, field: "occurredAt", message: `Immobilisation cannot be lifted before it was advised (${formatDateTime(advised.occurredAt)}).` };
      }
      return { ok: true };
    }
    case "received":
      return { ok: false, field: "type", message: "A referral is received once, when it is created." };
    case "triaged":
    case "escalated":
    case "status_changed":
    case "dexamethasone_given":
    case "immobilisation_advised":
    case "imaging_requested":
    case "imaging_performed":
    case "breach_reason":
    case "note":
    case "discharged":
    case "admitted":
    case "physiotherapy_assessed":
    case "occupational_therapy_assessed":
    case "score_recorded":
      return { ok: true };
    default: {
      const unhandled: never = event.type;
      return unhandled;
    }
  }
}

const PLAN_DECISIONS = ["radiotherapy_planned", "surgery_planned", "systemic_therapy", "best_supportive_care"];

/** The status an event asks for, if any. */
function statusAskedFor(event: NewEvent): ReferralStatus | null {
  switch (event.type) {
    case "triaged":
      return "triaged";
    case "imaging_requested":
      return "awaiting_imaging";
    case "imaging_reported":
      return "imaging_reported";
    case "decision":
      if (event.data.decision === "mscc_excluded") return "mscc_excluded";
      return PLAN_DECISIONS.includes(String(event.data.decision)) ? "treatment_planned" : null;
    case "treatment_started":
      return "in_treatment";
    case "discharged":
      return "discharged";
    case "status_changed":
      return typeof event.data.to === "string" ? (event.data.to as ReferralStatus) : null;
    default:
      return null;
  }
}

export const DISCHARGE_BY_FORM = "Discharge with the discharge form: it records the destination and ambulatory status";

export type StatusOutcome = { ok: true; status: ReferralStatus } | { ok: false; message: string };

/**
 * The referral's status after an event. Events along the main path move it forward only (a CT requested
 * after the plan does not send it back to awaiting imaging); a plan change during treatment goes back to
 * treatment planned. An explicit change of status, MSCC excluded or a discharge must be a legal step, or it
 * is refused with the steps that are allowed.
 */
export function statusAfterEvent(current: ReferralStatus, event: NewEvent): StatusOutcome {
  const asked = statusAskedFor(event);
  if (asked === null || asked === current) return { ok: true, status: current };
  const explicit = event.type === "status_changed" || asked === "mscc_excluded" || asked === "discharged";
  const check = checkTransition(current, asked);
  if (explicit && !check.ok) return { ok: false, message: check.message };
  // Discharge goes through its own rule (checklist, equipment, destination): never a bare change of status.
  if (event.type === "status_changed" && asked === "discharged") return { ok: false, message: DISCHARGE_BY_FORM };
  if (explicit) return { ok: true, status: asked };
  const planChange = current === "in_treatment" && asked === "treatment_planned";
  const from = pathwayStepNumber(current);
  const to = pathwayStepNumber(asked);
  const forward = from !== null && to !== null && to > from;
  return check.ok && (forward || planChange) ? { ok: true, status: asked } : { ok: true, status: current };
}

/** What the minimum data set still lacks (shown as "incomplete", never blocking an emergency). */
export interface ReferralDataForCompleteness {
  hospitalNumber: string | null;
  phone: string | null;
  referrerContact: string | null;
  neurology: readonly string[];
  neurologyOnsetAt: Date | null;
  ambulatoryStatus: AmbulatoryStatus | null;
  primaryCancer: string | null;
  haematologicalSuspected: string | null;
  previousSpinalRadiotherapy: boolean | null;
}

export function missingReferralData(r: ReferralDataForCompleteness): string[] {
  const missing: string[] = [];
  if (!r.hospitalNumber) missing.push("Hospital number");
  if (!r.phone) missing.push("Patient's phone");
  if (!r.referrerContact) missing.push("Referrer's phone or bleep");
  if (r.neurology.length > 0 && !r.neurologyOnsetAt) missing.push("Onset of neurological symptoms");
  if (!r.ambulatoryStatus) missing.push("Ambulatory status");
  if (!r.primaryCancer) missing.push("Primary cancer");
  if (!r.haematologicalSuspected) missing.push("Lymphoma or myeloma suspected?");
  if (r.previousSpinalRadiotherapy === null) missing.push("Previous spinal radiotherapy?");
  return missing;
}
