import type { z } from "zod";
import { BREACH_REASON_LABELS, CLOCK_LABELS, type BreachReason, type ClockId } from "@/lib/domain/clocks";
import type { ReferralEventType } from "@/lib/domain/referral-events";
import { SCORE_SCALE_LABELS, SCORE_SCALES, type ScoreScale, type SinsBand, type TokuhashiBand } from "@/lib/domain/scores";
import { formatDateTime } from "@/lib/domain/time-format";
import {
  AMBULATORY_STATUS_LABELS,
  REFERRAL_CATEGORY_LABELS,
  REFERRAL_STATUS_LABELS,
  TRIAGE_ADVICE,
  type AmbulatoryStatus,
  type PatientLocation,
  type ReferralCategory,
  type ReferralStatus,
  type TriageAdvice,
} from "@/lib/domain/vocabulary";
import type { EVENT_DATA } from "@/lib/validation/referrals";

/**
 * How events read on the referral page, in the clinic's words. The option lists come from the schemas the
 * server validates with (lib/validation/referrals.ts), so a new option without a label fails the type check.
 */
type DataOf<T extends keyof typeof EVENT_DATA> = z.infer<(typeof EVENT_DATA)[T]>;
export type Modality = DataOf<"imaging_reported">["modality"];
export type ImagingResult = DataOf<"imaging_reported">["result"];
export type Decision = DataOf<"decision">["decision"];
export type Treatment = DataOf<"treatment_started">["treatment"];
export type DexamethasoneRoute = DataOf<"dexamethasone_given">["route"];
export type Destination = DataOf<"discharged">["destination"];

export const MODALITY_LABELS: Record<Modality, string> = {
  mri_whole_spine: "MRI whole spine",
  mri: "MRI (part of the spine)",
  ct: "CT",
  bone_scan: "Bone scan",
};

export const IMAGING_RESULT_LABELS: Record<ImagingResult, string> = {
  mscc_confirmed: "MSCC confirmed",
  spinal_metastases_without_compression: "Spinal metastases without compression",
  no_metastases: "No metastases",
  other: "Other",
};

export const DECISION_LABELS: Record<Decision, string> = {
  mri_urgency: "MRI urgency agreed",
  dexamethasone_prescribed: "Dexamethasone prescribed",
  dexamethasone_contraindicated: "Dexamethasone contraindicated",
  spinal_surgical_opinion_requested: "Spinal surgical opinion requested",
  radiotherapy_planned: "Radiotherapy planned (decision to treat)",
  surgery_planned: "Surgery planned",
  systemic_therapy: "Systemic therapy planned",
  best_supportive_care: "Best supportive care",
  mscc_excluded: "MSCC excluded",
  transfer: "Transfer",
};

export const TREATMENT_LABELS: Record<Treatment, string> = {
  radiotherapy: "Radiotherapy",
  surgery: "Surgery",
  systemic_therapy: "Systemic therapy",
};

export const ROUTE_LABELS: Record<DexamethasoneRoute, string> = { oral: "oral", iv: "IV" };

export const DESTINATION_LABELS: Record<Destination, string> = {
  home: "home",
  local_hospital: "a local hospital",
  specialist_rehab_unit: "a specialist rehabilitation unit",
  hospice: "a hospice",
  nursing_home: "a nursing home",
};

export const PATIENT_LOCATION_LABELS: Record<PatientLocation, string> = {
  home: "Home",
  ward: "Ward",
  other_hospital: "Other hospital",
};

export const EVENT_TYPE_LABELS: Record<ReferralEventType, string> = {
  received: "Referral received",
  triaged: "Triaged",
  escalated: "Escalated to a registrar",
  acknowledged: "Escalation acknowledged",
  status_changed: "Status changed",
  dexamethasone_given: "Dexamethasone given",
  immobilisation_advised: "Immobilisation advised",
  immobilisation_lifted: "Immobilisation lifted",
  imaging_requested: "Imaging requested",
  imaging_performed: "Imaging performed",
  imaging_reported: "Imaging reported",
  decision: "Decision",
  treatment_started: "Treatment started",
  breach_reason: "Breach reason",
  note: "Note",
  correction: "Correction",
  discharged: "Discharged",
  physiotherapy_assessed: "Physiotherapy assessment",
  occupational_therapy_assessed: "Occupational therapy assessment",
  admitted: "Admitted",
  score_recorded: "Score recorded",
};

const labelOf = <K extends string>(labels: Record<K, string>, value: unknown): string | null =>
  typeof value === "string" && value in labels ? labels[value as K] : null;

const text = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value : null);

/**
 * One line saying what happened: "MRI whole spine performed", "Dexamethasone 16 mg oral",
 * "Triaged: Suspected MSCC; advice: Dexamethasone". Notes are left to the caller.
 */
export function describeEvent(event: { type: ReferralEventType; data: Record<string, unknown> }, names: { userName: (id: string) => string | null }): string {
  const d = event.data;
  const modality = labelOf(MODALITY_LABELS, d.modality) ?? "Imaging";
  switch (event.type) {
    case "received":
      return "Referral received";
    case "triaged": {
      const category = labelOf(REFERRAL_CATEGORY_LABELS as Record<ReferralCategory, string>, d.category) ?? "category not given";
      const advice = Array.isArray(d.advice) ? d.advice.map((a) => labelOf(TRIAGE_ADVICE as Record<TriageAdvice, string>, a) ?? String(a)) : [];
      return `Triaged: ${category}; advice: ${advice.length > 0 ? advice.join(", ") : "none recorded"}`;
    }
    case "escalated": {
      const name = typeof d.toUserId === "string" ? names.userName(d.toUserId) : null;
      if (d.level === 2) {
        return typeof d.toUserId === "string"
          ? `Not acknowledged in time: escalated to the second line, ${name ?? "a clinician"}`
          : "Not acknowledged in time, and nobody was on the second line of the rota";
      }
      return name ? `Escalated to ${name}` : "Escalated to the on-call registrar";
    }
    case "acknowledged":
      return "Escalation acknowledged";
    case "status_changed":
      return `Status changed to ${labelOf(REFERRAL_STATUS_LABELS as Record<ReferralStatus, string>, d.to) ?? "another status"}`;
    case "dexamethasone_given": {
      const dose = typeof d.doseMg === "number" ? `${d.doseMg} mg` : "dose not recorded";
      const route = labelOf(ROUTE_LABELS, d.route);
      const override = text(d.overrideReason) ? `; given before the haematology discussion: ${text(d.overrideReason)}` : "";
      return `Dexamethasone ${dose}${route ? ` ${route}` : ""}${d.beforeReferral === true ? " (given before the referral)" : ""}${override}`;
    }
    case "immobilisation_advised":
      return `Immobilisation advised${d.beforeReferral === true ? " (before the referral)" : ""}`;
    case "immobilisation_lifted":
      return "Immobilisation lifted";
    case "imaging_requested":
      return `${modality} requested`;
    case "imaging_performed":
      return `${modality} performed${imageReferences(d)}`;
    case "imaging_reported": {
      const result = labelOf(IMAGING_RESULT_LABELS, d.result) ?? "result not given";
      return `${modality} reported: ${result}${text(d.levels) ? ` at ${text(d.levels)}` : ""}${imageReferences(d)}`;
    }
    case "decision": {
      const decidedAt = typeof d.decidedAt === "string" ? ` at ${formatDateTime(new Date(d.decidedAt))}` : "";
      return `Decision: ${labelOf(DECISION_LABELS, d.decision) ?? "not given"}${decidedAt}`;
    }
    case "treatment_started":
      return `${labelOf(TREATMENT_LABELS, d.treatment) ?? "Treatment"} started`;
    case "breach_reason": {
      const clock = labelOf(CLOCK_LABELS as Record<ClockId, string>, d.clock) ?? "a";
      const reason = labelOf(BREACH_REASON_LABELS as Record<BreachReason, string>, d.reason) ?? "not given";
      return `Breach reason for the ${clock} clock: ${d.reason === "other" && text(d.text) ? `Other: ${text(d.text)}` : reason}`;
    }
    case "note":
      return "Note";
    case "correction": {
      if (d.retract === true) return "Correction: the event was withdrawn";
      return typeof d.occurredAt === "string" ? `Correction: the time was ${formatDateTime(new Date(d.occurredAt))}` : "Correction";
    }
    case "discharged": {
      const where = labelOf(DESTINATION_LABELS, d.destination);
      const walks = labelOf(AMBULATORY_STATUS_LABELS as Record<AmbulatoryStatus, string>, d.ambulatoryStatus);
      return `Discharged${where ? ` to ${where}` : ""}${walks ? `; ${walks.toLowerCase()}` : ""}`;
    }
    case "physiotherapy_assessed":
      return "Physiotherapy assessment done";
    case "occupational_therapy_assessed":
      return "Occupational therapy assessment done";
    case "admitted":
      return "Admitted";
    case "score_recorded":
      return describeScore(d);
    default: {
      const unhandled: never = event.type;
      return String(unhandled);
    }
  }
}

/** Where the images are held: "(accession RX123; image exchange IEP-9)", or nothing. */
function imageReferences(d: Record<string, unknown>): string {
  const refs = [text(d.accession) ? `accession ${text(d.accession)}` : null, text(d.imageExchange) ? `image exchange ${text(d.imageExchange)}` : null].filter(Boolean);
  return refs.length > 0 ? ` (${refs.join("; ")})` : "";
}

/** A score's value in words: a total or grade as it is, an ambulatory status by its label. */
export function scoreValueLabel(scale: ScoreScale, value: unknown): string {
  if (scale === "ambulatory") return labelOf(AMBULATORY_STATUS_LABELS as Record<AmbulatoryStatus, string>, value) ?? "not given";
  return value === undefined || value === null ? "not given" : String(value);
}

/** "SINS 9: potentially unstable; surgical opinion advised", "Frankel grade C", "Ambulatory status: walks with aid". */
export function describeScore(d: Record<string, unknown>): string {
  const scale = (SCORE_SCALES as readonly unknown[]).includes(d.scale) ? (d.scale as ScoreScale) : null;
  if (scale === null) return "Score recorded";
  const name = SCORE_SCALE_LABELS[scale];
  switch (scale) {
    case "sins": {
      const band = labelOf(SINS_BAND_WORDS, d.band);
      return `${name} ${scoreValueLabel(scale, d.total)}${band ? `: ${band}` : ""}${d.surgicalOpinionAdvised === true ? "; surgical opinion advised" : ""}`;
    }
    case "tokuhashi": {
      const band = labelOf(TOKUHASHI_BAND_WORDS, d.band);
      return `${name} ${scoreValueLabel(scale, d.total)}${band ? `: ${band}` : ""}`;
    }
    case "ambulatory":
      return `${name}: ${scoreValueLabel(scale, d.value).toLowerCase()}`;
    case "frankel":
    case "asia":
    case "ecog":
    case "karnofsky":
      return `${name} ${scoreValueLabel(scale, d.value)}`;
    default: {
      const unhandled: never = scale;
      return String(unhandled);
    }
  }
}

export const SINS_BAND_WORDS: Record<SinsBand, string> = { stable: "stable", potentially_unstable: "potentially unstable", unstable: "unstable" };
export const TOKUHASHI_BAND_WORDS: Record<TokuhashiBand, string> = {
  under_6_months: "predicted survival under 6 months",
  "6_months_or_more": "predicted survival 6 months or more",
  a_year_or_more: "predicted survival a year or more",
};

/** The free text an event carries (its note, or a note event's text, or a correction's reason), if any. */
export function eventNote(event: { type: ReferralEventType; data: Record<string, unknown> }): string | null {
  if (event.type === "note") return text(event.data.text);
  if (event.type === "correction") return text(event.data.reason) ? `Reason: ${text(event.data.reason)}` : null;
  if (event.type === "breach_reason") return event.data.reason === "other" ? null : text(event.data.text);
  return text(event.data.note);
}
