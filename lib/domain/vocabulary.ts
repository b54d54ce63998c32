/**
 * The clinical vocabulary of pathway.md, owned here so that the pure rules, the database enums
 * (db/schema builds its pgEnums from these lists), forms and the API cannot drift apart.
 */

export const REFERRAL_STATUSES = [
  "new",
  "triaged",
  "awaiting_imaging",
  "imaging_reported",
  "treatment_planned",
  "in_treatment",
  "rehabilitation",
  "discharged",
  "closed",
  "mscc_excluded",
  "withdrawn",
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
  new: "New",
  triaged: "Triaged",
  awaiting_imaging: "Awaiting imaging",
  imaging_reported: "Imaging reported",
  treatment_planned: "Treatment planned",
  in_treatment: "In treatment",
  rehabilitation: "Rehabilitation and discharge planning",
  discharged: "Discharged",
  closed: "Closed",
  mscc_excluded: "MSCC excluded",
  withdrawn: "Withdrawn",
};

/** Statuses that end a referral's pathway; everything else is active and must stay on the worklist. */
export const CLOSED_REFERRAL_STATUSES = ["discharged", "closed", "mscc_excluded", "withdrawn"] as const satisfies readonly ReferralStatus[];

export function isReferralActive(status: ReferralStatus): boolean {
  return !(CLOSED_REFERRAL_STATUSES as readonly ReferralStatus[]).includes(status);
}

export const REFERRAL_CATEGORIES = ["suspected_mscc", "suspected_spinal_metastases", "not_mscc"] as const;
export type ReferralCategory = (typeof REFERRAL_CATEGORIES)[number];

export const REFERRAL_CATEGORY_LABELS: Record<ReferralCategory, string> = {
  suspected_mscc: "Suspected MSCC",
  suspected_spinal_metastases: "Suspected spinal metastases",
  not_mscc: "Not MSCC (advice only)",
};

// The six routes a patient leaflet names, or other.
export const REFERRER_ROLES = [
  "key_worker",
  "gp",
  "consultant_team",
  "clinical_nurse_specialist",
  "treatment_radiographer",
  "paramedic",
  "other",
] as const;
export type ReferrerRole = (typeof REFERRER_ROLES)[number];

export const REFERRER_ROLE_LABELS: Record<ReferrerRole, string> = {
  key_worker: "Key worker",
  gp: "GP",
  consultant_team: "Consultant team",
  clinical_nurse_specialist: "Clinical nurse specialist",
  treatment_radiographer: "Treatment radiographer",
  paramedic: "Paramedic",
  other: "Other",
};

export const AMBULATORY_STATUSES = ["walks_unaided", "walks_with_aid", "unable_to_walk"] as const;
export type AmbulatoryStatus = (typeof AMBULATORY_STATUSES)[number];

export const AMBULATORY_STATUS_LABELS: Record<AmbulatoryStatus, string> = {
  walks_unaided: "Walks unaided",
  walks_with_aid: "Walks with aid",
  unable_to_walk: "Unable to walk",
};

export const PATIENT_LOCATIONS = ["home", "ward", "other_hospital"] as const;
export type PatientLocation = (typeof PATIENT_LOCATIONS)[number];

// The patient leaflet's six warning symptoms, plus NG234's mechanical and claudication-like pain.
export const WARNING_SYMPTOMS = {
  upper_back_or_neck_pain: "Pain or tenderness in the middle or top of the back or neck",
  severe_lower_back_pain: "Severe, worsening or unremitting lower back pain",
  pain_on_straining: "Back pain worse on coughing, sneezing or straining",
  pain_stops_sleep: "Back pain that stops sleep",
  radicular_pain: "A narrow band of pain down an arm or leg or around the body",
  limb_numbness_or_weakness: "Numbness, pins and needles, weakness or difficulty using arms or legs",
  mechanical_pain: "Mechanical pain (worse on movement)",
  claudication_pain: "Claudication-like pain",
} as const;
export type WarningSymptom = keyof typeof WARNING_SYMPTOMS;

// Any of these makes the referral a suspected MSCC, an emergency (pathway.md, NG234).
export const NEUROLOGY = {
  limb_weakness: "Limb weakness",
  sensory_loss: "Sensory loss or paraesthesia",
  bladder_bowel_dysfunction: "Bladder or bowel dysfunction",
  gait_disturbance: "Gait disturbance or unable to walk",
} as const;
export type NeurologySign = keyof typeof NEUROLOGY;

/** Any neurological symptom makes it suspected MSCC; pain alone makes it suspected spinal metastases. */
export function suggestReferralCategory(neurology: readonly NeurologySign[]): ReferralCategory {
  return neurology.length > 0 ? "suspected_mscc" : "suspected_spinal_metastases";
}

export const KNOWN_METASTASES = { bone: "Bone", spine: "Spine", other: "Other" } as const;
export type KnownMetastasis = keyof typeof KNOWN_METASTASES;

// Lymphoma or myeloma suspected: discuss with a consultant before steroids (NG234).
export const HAEMATOLOGICAL_SUSPICIONS = { none: "Not suspected", lymphoma: "Lymphoma suspected", myeloma: "Myeloma suspected" } as const;
export type HaematologicalSuspicion = keyof typeof HAEMATOLOGICAL_SUSPICIONS;

export const TRIAGE_ADVICE = {
  immobilisation: "Lie flat / spinal precautions (immobilisation)",
  dexamethasone: "Dexamethasone",
  attend_hospital: "Attend hospital",
} as const;
export type TriageAdvice = keyof typeof TRIAGE_ADVICE;
