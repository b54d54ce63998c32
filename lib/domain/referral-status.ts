/**
 * The referral status state machine (issue 3, item 4). The server refuses any change of status that this table does
 * not allow, and tells the user which next steps are allowed.
 *
 * Main path: new → triaged → awaiting imaging → imaging reported → treatment planned → in treatment →
 * rehabilitation and discharge planning → discharged → closed. Exits: MSCC excluded and withdrawn.
 *
 * Closed, MSCC excluded and withdrawn are final. An administrator-only "reopen" of a final referral is deliberately
 * not modelled here: it would be its own audited action, never an ordinary status change.
 */

import { REFERRAL_STATUS_LABELS, type ReferralStatus } from "./vocabulary";

/**
 * Every allowed change of status, in one place. Each list keeps the order of REFERRAL_STATUSES so that the next
 * steps read along the pathway.
 *
 * - Withdrawn is reachable from every active status: sent in error, the patient died, or was admitted elsewhere.
 * - MSCC excluded from triage until the plan: imaging (or a review of imaging already done) shows no compression.
 *   Not from new: excluding MSCC is a triage decision, so the referral is triaged first.
 * - Triaged may skip to treatment planned (imaging came with the referral) or be closed (not MSCC, advice only).
 * - Imaging reported never skips to rehabilitation: a plan is made first.
 * - In treatment may go back to treatment planned when the plan changes (radiotherapy to surgery).
 * - Discharged is off the worklist but not final: it is closed afterwards. It is no longer active, so it does not
 *   go to withdrawn.
 */
export const REFERRAL_TRANSITIONS: Record<ReferralStatus, readonly ReferralStatus[]> = {
  new: ["triaged", "withdrawn"],
  triaged: ["awaiting_imaging", "treatment_planned", "closed", "mscc_excluded", "withdrawn"],
  awaiting_imaging: ["imaging_reported", "mscc_excluded", "withdrawn"],
  imaging_reported: ["treatment_planned", "mscc_excluded", "withdrawn"],
  // Best supportive care is a plan with no active treatment: straight on to rehabilitation and discharge planning.
  treatment_planned: ["in_treatment", "rehabilitation", "mscc_excluded", "withdrawn"],
  in_treatment: ["treatment_planned", "rehabilitation", "withdrawn"],
  rehabilitation: ["discharged", "withdrawn"],
  discharged: ["closed"],
  closed: [],
  mscc_excluded: [],
  withdrawn: [],
};

/** The main path, for "step 3 of 8". */
export const PATHWAY_STEP_COUNT = 8;

export type TransitionCheck = { ok: true } | { ok: false; message: string; allowed: readonly ReferralStatus[] };

export function allowedNextStatuses(from: ReferralStatus): readonly ReferralStatus[] {
  return REFERRAL_TRANSITIONS[from];
}

/**
 * Final means no status change can follow. This differs from CLOSED_REFERRAL_STATUSES (off the worklist) in one
 * status: discharged is off the worklist but can still be closed, so it is not final.
 */
export function isFinalStatus(s: ReferralStatus): boolean {
  switch (s) {
    case "closed":
    case "mscc_excluded":
    case "withdrawn":
      return true;
    case "new":
    case "triaged":
    case "awaiting_imaging":
    case "imaging_reported":
    case "treatment_planned":
    case "in_treatment":
    case "rehabilitation":
    case "discharged":
      return false;
    default: {
      const unhandled: never = s;
      throw new Error(`Unknown referral status: ${String(unhandled)}`);
    }
  }
}

/** 1 to PATHWAY_STEP_COUNT along the main path; null for closed and the exits, which are not steps of the path. */
export function pathwayStepNumber(s: ReferralStatus): number | null {
  switch (s) {
    case "new":
      return 1;
    case "triaged":
      return 2;
    case "awaiting_imaging":
      return 3;
    case "imaging_reported":
      return 4;
    case "treatment_planned":
      return 5;
    case "in_treatment":
      return 6;
    case "rehabilitation":
      return 7;
    case "discharged":
      return 8;
    case "closed":
    case "mscc_excluded":
    case "withdrawn":
      return null;
    default: {
      const unhandled: never = s;
      throw new Error(`Unknown referral status: ${String(unhandled)}`);
    }
  }
}

/** "A referral that is Triaged can next be: ..." or, for a final status, that it cannot change. */
function nextStepsSentence(from: ReferralStatus): string {
  const label = REFERRAL_STATUS_LABELS[from];
  const allowed = allowedNextStatuses(from);
  if (allowed.length === 0) return `A referral that is ${label} is closed: it cannot change status.`;
  return `A referral that is ${label} can next be: ${allowed.map((s) => REFERRAL_STATUS_LABELS[s]).join(", ")}.`;
}

export function checkTransition(from: ReferralStatus, to: ReferralStatus): TransitionCheck {
  const allowed = allowedNextStatuses(from);
  if (from === to) {
    return { ok: false, message: `This referral is already ${REFERRAL_STATUS_LABELS[from]}. ${nextStepsSentence(from)}`, allowed };
  }
  if (allowed.includes(to)) return { ok: true };
  if (allowed.length === 0) return { ok: false, message: nextStepsSentence(from), allowed };
  return {
    ok: false,
    message: `A referral cannot go from ${REFERRAL_STATUS_LABELS[from]} to ${REFERRAL_STATUS_LABELS[to]}. ${nextStepsSentence(from)}`,
    allowed,
  };
}
