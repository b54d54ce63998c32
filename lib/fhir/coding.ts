import { createHash } from "node:crypto";

/**
 * The identifiers and code systems of the FHIR mapping (issue 7), shared by the export and the import so the
 * two cannot drift apart. UK Core where it has one (the NHS number, its verification status, the Patient
 * profile); otherwise a code system under a base that says plainly it is this service's own: no SNOMED CT code
 * is used here that has not been checked against the terminology server.
 */

export const NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
export const UK_CORE_PATIENT_PROFILE = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient";
export const NHS_NUMBER_VERIFICATION_EXTENSION = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus";
export const NHS_NUMBER_VERIFICATION_SYSTEM = "https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland";
// The number passes the Modulus 11 check but has not been traced against the Personal Demographics Service.
export const NHS_NUMBER_PRESENT_NOT_TRACED = { code: "02", display: "Number present but not traced" } as const;

const LOCAL_BASE = "https://mscc-dashboard.nhs.example";
export const HOSPITAL_NUMBER_SYSTEM = `${LOCAL_BASE}/Id/hospital-number`;
export const ACCESSION_SYSTEM = `${LOCAL_BASE}/Id/pacs-accession`;
export const IMAGE_EXCHANGE_SYSTEM = `${LOCAL_BASE}/Id/image-exchange`;
export const PATIENT_LOCATION_EXTENSION = `${LOCAL_BASE}/fhir/StructureDefinition/patient-location`;

const codeSystem = (name: string) => `${LOCAL_BASE}/fhir/CodeSystem/${name}`;

/** Every local code system, by what it codes. */
export const SYSTEM = {
  service: codeSystem("mscc-service"),
  category: codeSystem("mscc-referral-category"),
  symptom: codeSystem("mscc-warning-symptom"),
  neurology: codeSystem("mscc-neurology-sign"),
  referrerRole: codeSystem("mscc-referrer-role"),
  referralItem: codeSystem("mscc-referral-item"),
  knownMetastasis: codeSystem("mscc-known-metastasis"),
  haematological: codeSystem("mscc-haematological-suspicion"),
  ambulatory: codeSystem("mscc-ambulatory-status"),
  location: codeSystem("mscc-patient-location"),
  event: codeSystem("mscc-event"),
  triageAdvice: codeSystem("mscc-triage-advice"),
  modality: codeSystem("mscc-imaging-modality"),
  imagingResult: codeSystem("mscc-imaging-result"),
  decision: codeSystem("mscc-decision"),
  treatment: codeSystem("mscc-treatment"),
  route: codeSystem("mscc-route"),
  medication: codeSystem("mscc-medication"),
  score: codeSystem("mscc-score"),
  scoreComponent: codeSystem("mscc-score-component"),
  clock: codeSystem("mscc-clock"),
  clockStatus: codeSystem("mscc-clock-status"),
  breachReason: codeSystem("mscc-breach-reason"),
  destination: codeSystem("mscc-discharge-destination"),
} as const;

/** Codes of the referral's own facts, each an Observation of its own (SYSTEM.referralItem). */
export const REFERRAL_ITEMS = {
  ambulatoryStatus: "ambulatory-status-at-referral",
  primaryCancer: "primary-cancer",
  knownMetastases: "known-metastases",
  currentTreatment: "current-treatment",
  haematologicalSuspected: "haematological-suspicion",
  previousSpinalRadiotherapy: "previous-spinal-radiotherapy",
  imagingAvailable: "imaging-available",
} as const;

// Standard codes whose meaning is fixed by their owner (DICOM modalities, HL7 v3 ActCode, UCUM).
export const DICOM_MODALITY_SYSTEM = "http://dicom.nema.org/resources/ontology/DCM";
export const V3_ACT_CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
export const UCUM_SYSTEM = "http://unitsofmeasure.org";

export interface Coding {
  system: string;
  code: string;
  display?: string;
}
export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export function coding(system: string, code: string, display?: string): Coding {
  return display === undefined ? { system, code } : { system, code, display };
}

export function concept(system: string, code: string, display?: string): CodeableConcept {
  return { coding: [coding(system, code, display)], ...(display === undefined ? {} : { text: display }) };
}

/** A CodeableConcept as read from a Bundle: codings may lack a system or a code. */
export interface ConceptLike {
  coding?: readonly { system?: string; code?: string }[];
}

/** The code of the first coding from a system in a concept (or in any of several concepts). */
export function codeFrom(concepts: ConceptLike | readonly ConceptLike[] | undefined, system: string): string | undefined {
  const list: readonly ConceptLike[] = concepts === undefined ? [] : Array.isArray(concepts) ? concepts : [concepts as ConceptLike];
  for (const c of list) {
    const found = c.coding?.find((x) => x.system === system && typeof x.code === "string");
    if (found) return found.code;
  }
  return undefined;
}

/** Every code from a system across concepts, in order. */
export function codesFrom(concepts: readonly ConceptLike[] | undefined, system: string): string[] {
  return (concepts ?? []).flatMap((c) => (c.coding ?? []).flatMap((x) => (x.system === system && typeof x.code === "string" ? [x.code] : [])));
}

/**
 * A stable UUID (RFC 4122 version 5 layout, SHA-1) for a resource that has no row of its own (a clock's Task,
 * the referrer's PractitionerRole): the same referral exports the same ids every time.
 */
export function nameBasedUuid(...parts: string[]): string {
  const hash = createHash("sha1").update(`mscc-fhir:${parts.join(":")}`).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export const urnOf = (id: string) => `urn:uuid:${id}`;
