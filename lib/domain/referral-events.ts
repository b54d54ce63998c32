/** Every kind of event a referral's timeline can hold. Appended, never edited (pathway.md; house rule 6). */
export const REFERRAL_EVENT_TYPES = [
  "received",
  "triaged",
  "escalated",
  "acknowledged",
  "status_changed",
  "dexamethasone_given",
  "immobilisation_advised",
  "immobilisation_lifted",
  "imaging_requested",
  "imaging_performed",
  "imaging_reported",
  "decision",
  "treatment_started",
  "breach_reason",
  "note",
  "correction",
  "discharged",
  "physiotherapy_assessed",
  "occupational_therapy_assessed",
  "admitted",
] as const;
export type ReferralEventType = (typeof REFERRAL_EVENT_TYPES)[number];
