/**
 * Dexamethasone as pathway.md ("Treatment facts") and NG234 1.8 describe it: with neurology, 16 mg as soon as
 * possible then daily until surgery or radiotherapy; stop if MSCC is ruled out; not routine for pain only;
 * suspected lymphoma or myeloma discussed with a consultant/haematology first. The product records doses and
 * reminds; it never prescribes.
 */
import type { RuleCheck } from "./referral-rules";
import type { HaematologicalSuspicion, ReferralCategory } from "./vocabulary";

/** NG234: "16 mg daily": the next dose falls due 24 elapsed hours after the last one given. */
export const DEXAMETHASONE_INTERVAL_MS = 24 * 3_600_000;

export type DexamethasoneStop = "mscc_excluded" | "contraindicated" | "closed";

export const DEXAMETHASONE_STOP_LABELS: Record<DexamethasoneStop, string> = {
  mscc_excluded: "MSCC excluded",
  contraindicated: "dexamethasone contraindicated",
  closed: "the referral is closed",
};

/** Why no further daily dose is due, if so: MSCC ruled out, a decision that it is contraindicated, or the referral closed. */
export function dexamethasoneStop(input: { events: readonly { type: string; data: Record<string, unknown> }[]; active: boolean }): DexamethasoneStop | null {
  const decided = (decision: string) => input.events.some((e) => e.type === "decision" && e.data.decision === decision);
  if (decided("mscc_excluded")) return "mscc_excluded";
  if (decided("dexamethasone_contraindicated")) return "contraindicated";
  return input.active ? null : "closed";
}

export interface NextDose {
  dueAt: Date;
  overdue: boolean;
  /** How long past due, 0 when not overdue. */
  overdueByMs: number;
}

/** The next daily dose: the last dose given + 24 h, overdue once that instant has passed. None before a first dose or once stopped. */
export function nextDoseDue(input: { doseTimes: readonly Date[]; stop: DexamethasoneStop | null; now: Date }): NextDose | null {
  if (input.stop !== null || input.doseTimes.length === 0) return null;
  const last = Math.max(...input.doseTimes.map((t) => t.getTime()));
  const due = last + DEXAMETHASONE_INTERVAL_MS;
  const overdueByMs = Math.max(0, input.now.getTime() - due);
  return { dueAt: new Date(due), overdue: overdueByMs > 0, overdueByMs };
}

const HAEMATOLOGICAL_NAMES: Record<Exclude<HaematologicalSuspicion, "none">, string> = { lymphoma: "Lymphoma", myeloma: "Myeloma" };

/** Suspected lymphoma or myeloma and no dose yet: the first dose needs a reason for not discussing it first. */
export function overrideNeeded(input: { haematologicalSuspected: HaematologicalSuspicion | null; dosesGiven: number }): boolean {
  return input.dosesGiven === 0 && (input.haematologicalSuspected === "lymphoma" || input.haematologicalSuspected === "myeloma");
}

/** The server's check before a dose is recorded (called from the mutation, so the API is held to it too). */
export function checkDexamethasoneDose(input: { haematologicalSuspected: HaematologicalSuspicion | null; dosesGiven: number; overrideReason: unknown }): RuleCheck {
  if (!overrideNeeded(input)) return { ok: true };
  if (typeof input.overrideReason === "string" && input.overrideReason.trim() !== "") return { ok: true };
  const name = HAEMATOLOGICAL_NAMES[input.haematologicalSuspected as Exclude<HaematologicalSuspicion, "none">];
  return {
    ok: false,
    field: "data.overrideReason",
    message: `${name} is suspected: discuss with a consultant/haematology before a first dose. To record it anyway, give the reason.`,
  };
}

export type DexamethasoneCautionId = "discuss_haematology" | "not_routine_pain_only" | "gastric_protection" | "blood_glucose" | "stop_mscc_excluded";

export interface DexamethasoneCaution {
  id: DexamethasoneCautionId;
  /** "stop" and "warning" are shown in red and amber with an icon; "prompt" is a reminder. */
  tone: "stop" | "warning" | "prompt";
  text: string;
}

/** What to show beside the dose record, most urgent first. */
export function dexamethasoneCautions(input: {
  category: ReferralCategory;
  haematologicalSuspected: HaematologicalSuspicion | null;
  dosesGiven: number;
  stop: DexamethasoneStop | null;
}): DexamethasoneCaution[] {
  const cautions: DexamethasoneCaution[] = [];
  if (input.stop === "mscc_excluded") {
    if (input.dosesGiven > 0) cautions.push({ id: "stop_mscc_excluded", tone: "stop", text: "Stop dexamethasone: MSCC excluded." });
    return cautions;
  }
  if (overrideNeeded(input)) {
    const name = HAEMATOLOGICAL_NAMES[input.haematologicalSuspected as Exclude<HaematologicalSuspicion, "none">];
    cautions.push({
      id: "discuss_haematology",
      tone: "warning",
      text: `${name} suspected: discuss with a consultant/haematology first (steroids can spoil the diagnosis). A first dose needs the reason it was given before that discussion.`,
    });
  }
  if (input.category === "suspected_spinal_metastases") {
    cautions.push({ id: "not_routine_pain_only", tone: "warning", text: "Not routine for pain only (suspected spinal metastases without neurology): NG234." });
  }
  if (input.stop === null) {
    cautions.push({ id: "gastric_protection", tone: "prompt", text: "Gastric protection: consider a proton pump inhibitor (PPI) as trust policy says." });
    cautions.push({ id: "blood_glucose", tone: "prompt", text: "Monitor blood glucose while on dexamethasone." });
  }
  return cautions;
}
