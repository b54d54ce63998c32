import { computeClocks, DEFAULT_PATHWAY_SETTINGS, type ClockEvent } from "@/lib/domain/clocks";
import type { ReferralEventType } from "@/lib/domain/referral-events";
import type { FhirReferralSource } from "./export";

/**
 * A named referral for the FHIR tests: suspected MSCC, received 30 hours before NOW, triaged, dexamethasone
 * (one dose before the referral, one after), MRI performed and reported, radiotherapy decided and started,
 * scores, a note, and a correction that moves the MRI's time. Clocks as the engine computes them.
 */
export const NOW = new Date("2026-11-25T14:00:00.000Z");
const HOUR = 3_600_000;
export const at = (hoursBeforeNow: number) => new Date(NOW.getTime() - hoursBeforeNow * HOUR);

let n = 0;
const eventId = () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;

export function referralSource(): FhirReferralSource {
  n = 0;
  const event = (type: ReferralEventType, hoursBeforeNow: number, data: Record<string, unknown> = {}, correctsEventId: string | null = null) => ({
    id: eventId(),
    type,
    occurredAt: at(hoursBeforeNow),
    recordedAt: at(hoursBeforeNow - 0.1),
    data,
    correctsEventId,
    recordedByName: "Coordinator Carol",
  });
  const mri = event("imaging_performed", 21, { modality: "mri_whole_spine", accession: "ACC123" });
  const events = [
    event("received", 30),
    event("dexamethasone_given", 31, { drug: "dexamethasone", doseMg: 16, route: "oral", beforeReferral: true }),
    event("triaged", 29.5, { category: "suspected_mscc", advice: ["immobilisation", "dexamethasone"], note: "Lie flat" }),
    event("dexamethasone_given", 20, { drug: "dexamethasone", doseMg: 16, route: "iv" }),
    mri,
    event("correction", 19.6, { occurredAt: at(20.5).toISOString(), reason: "Scan time from PACS" }, mri.id),
    event("imaging_reported", 19.5, { modality: "mri_whole_spine", result: "mscc_confirmed", levels: "T10" }),
    event("score_recorded", 19, { scale: "sins", location: "junctional", pain: "mechanical", lesion: "lytic", alignment: "normal", collapse: "none", posterolateral: "none", total: 8, band: "potentially_unstable", surgicalOpinionAdvised: true }),
    event("score_recorded", 19, { scale: "frankel", value: "D" }),
    event("decision", 18, { decision: "radiotherapy_planned", decidedAt: at(18.5).toISOString() }),
    event("treatment_started", 10, { treatment: "radiotherapy" }),
    event("note", 9, { text: "Family informed" }),
  ];
  const clockEvents: ClockEvent[] = events;
  const clocks = computeClocks({ category: "suspected_mscc", receivedAt: at(30), events: clockEvents, settingsHistory: [{ effectiveFrom: new Date(0), settings: DEFAULT_PATHWAY_SETTINGS }] }, NOW);
  return {
    referral: {
      id: "11111111-1111-4111-8111-111111111111",
      status: "in_treatment",
      category: "suspected_mscc",
      receivedAt: at(30),
      referrerName: "Dr Patel",
      referrerRole: "gp",
      referrerOrganisation: "Riverside Surgery",
      referrerContact: "0161 000 0000",
      symptoms: ["severe_lower_back_pain", "limb_numbness_or_weakness"],
      neurology: ["limb_weakness", "sensory_loss"],
      neurologyOnsetAt: at(40),
      ambulatoryStatus: "walks_with_aid",
      primaryCancer: "Prostate",
      knownMetastases: ["bone", "spine"],
      currentTreatment: "Hormone therapy",
      haematologicalSuspected: "none",
      previousSpinalRadiotherapy: true,
      previousSpinalRadiotherapyLevel: "L2",
      imagingAvailable: "CT chest from last month",
    },
    patient: {
      id: "22222222-2222-4222-8222-222222222222",
      nhsNumber: "9434765919",
      givenName: "Margaret",
      familyName: "Jones",
      dateOfBirth: "1950-03-07",
      hospitalNumber: "H123456",
      phone: "07700 900000",
      location: "home",
    },
    events,
    clocks,
  };
}
