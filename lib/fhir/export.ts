import { buildTimeline, CLOCK_LABELS, type Clock, type ClockStatus, type TimelineEvent } from "@/lib/domain/clocks";
import type { ReferralEventType } from "@/lib/domain/referral-events";
import { SCORE_SCALE_LABELS } from "@/lib/domain/scores";
import {
  AMBULATORY_STATUS_LABELS,
  HAEMATOLOGICAL_SUSPICIONS,
  KNOWN_METASTASES,
  NEUROLOGY,
  REFERRAL_CATEGORY_LABELS,
  REFERRER_ROLE_LABELS,
  TRIAGE_ADVICE,
  WARNING_SYMPTOMS,
  type AmbulatoryStatus,
  type ReferralCategory,
  type ReferralStatus,
  type ReferrerRole,
} from "@/lib/domain/vocabulary";
import {
  ACCESSION_SYSTEM,
  coding,
  concept,
  DICOM_MODALITY_SYSTEM,
  HOSPITAL_NUMBER_SYSTEM,
  IMAGE_EXCHANGE_SYSTEM,
  nameBasedUuid,
  NHS_NUMBER_PRESENT_NOT_TRACED,
  NHS_NUMBER_SYSTEM,
  NHS_NUMBER_VERIFICATION_EXTENSION,
  NHS_NUMBER_VERIFICATION_SYSTEM,
  PATIENT_LOCATION_EXTENSION,
  REFERRAL_ITEMS,
  SYSTEM,
  UCUM_SYSTEM,
  UK_CORE_PATIENT_PROFILE,
  urnOf,
  V3_ACT_CODE_SYSTEM,
  type CodeableConcept,
} from "./coding";

/**
 * One referral as a FHIR R4 Bundle (issue 7, item 3), UK Core conventions: the Patient, the referral as a
 * ServiceRequest, a Task per clock, an Observation per fact and score, a MedicationAdministration per dose of
 * dexamethasone, ImagingStudy and DiagnosticReport for imaging, Procedure, CarePlan and Encounter for the other
 * clinical events, and a Provenance per recorded event naming who recorded it and when. Corrections are already
 * applied (the timeline as the clocks read it): a withdrawn event is left out, a corrected time is the time.
 */

/** What the export reads: the shape of getReferralDetail's answer, named here so this stays free of the db. */
export interface FhirReferralSource {
  referral: {
    id: string;
    status: ReferralStatus;
    category: ReferralCategory;
    receivedAt: Date;
    referrerName: string;
    referrerRole: ReferrerRole;
    referrerOrganisation: string | null;
    referrerContact: string | null;
    symptoms: readonly string[];
    neurology: readonly string[];
    neurologyOnsetAt: Date | null;
    ambulatoryStatus: AmbulatoryStatus | null;
    primaryCancer: string | null;
    knownMetastases: readonly string[] | null;
    currentTreatment: string | null;
    haematologicalSuspected: string | null;
    previousSpinalRadiotherapy: boolean | null;
    previousSpinalRadiotherapyLevel: string | null;
    imagingAvailable: string | null;
  };
  patient: {
    id: string;
    nhsNumber: string;
    givenName: string;
    familyName: string;
    dateOfBirth: string;
    hospitalNumber: string | null;
    phone: string | null;
    location: string | null;
  };
  events: readonly {
    id: string;
    type: ReferralEventType;
    occurredAt: Date;
    recordedAt: Date;
    data: Record<string, unknown>;
    correctsEventId: string | null;
    recordedByName: string;
  }[];
  clocks: readonly Clock[];
}

export interface FhirResource {
  resourceType: string;
  id: string;
  [element: string]: unknown;
}
export interface FhirBundle {
  resourceType: "Bundle";
  id: string;
  meta: { lastUpdated: string };
  identifier: { system: string; value: string };
  type: "collection";
  timestamp: string;
  entry: { fullUrl: string; resource: FhirResource }[];
}

const iso = (d: Date) => d.toISOString();
const ref = (resource: FhirResource, display?: string) => ({ reference: urnOf(resource.id), ...(display ? { display } : {}) });
const str = (data: Record<string, unknown>, key: string) => (typeof data[key] === "string" && data[key] !== "" ? (data[key] as string) : undefined);
const notes = (data: Record<string, unknown>) => {
  const text = str(data, "note");
  return text ? { note: [{ text }] } : {};
};
const label = (labels: Record<string, string>, code: string) => labels[code] ?? code;

const EVENT_LABELS: Partial<Record<ReferralEventType, string>> = {
  triaged: "Coordinator triage",
  immobilisation_advised: "Spinal immobilisation advised",
  immobilisation_lifted: "Spinal immobilisation lifted",
  treatment_started: "Definitive treatment started",
  physiotherapy_assessed: "Physiotherapy assessment",
  occupational_therapy_assessed: "Occupational therapy assessment",
  discharged: "Discharged",
};
const eventCode = (type: ReferralEventType) => concept(SYSTEM.event, type, EVENT_LABELS[type] ?? type.replaceAll("_", " "));

const DICOM_MODALITY: Record<string, { code: string; display: string }> = {
  mri_whole_spine: { code: "MR", display: "Magnetic Resonance" },
  mri: { code: "MR", display: "Magnetic Resonance" },
  ct: { code: "CT", display: "Computed Tomography" },
  bone_scan: { code: "NM", display: "Nuclear Medicine" },
};
const MODALITY_LABELS: Record<string, string> = { mri_whole_spine: "MRI whole spine", mri: "MRI", ct: "CT", bone_scan: "Bone scan" };

/** The referral's status as a ServiceRequest's: open is active, finished is completed, withdrawn is revoked. */
export function serviceRequestStatus(status: ReferralStatus): "active" | "completed" | "revoked" {
  switch (status) {
    case "new":
    case "triaged":
    case "awaiting_imaging":
    case "imaging_reported":
    case "treatment_planned":
    case "in_treatment":
    case "rehabilitation":
      return "active";
    case "discharged":
    case "closed":
    case "mscc_excluded":
      return "completed";
    case "withdrawn":
      return "revoked";
    default: {
      const unhandled: never = status;
      throw new Error(`Unknown referral status: ${String(unhandled)}`);
    }
  }
}

/** A clock as a Task's status; the clock's own status goes in businessStatus. */
export function taskStatus(clock: { status: ClockStatus; stopAt: Date | null }): "draft" | "in-progress" | "completed" | "cancelled" {
  switch (clock.status) {
    case "not_started":
      return "draft";
    case "running":
    case "at_risk":
      return "in-progress";
    case "met":
      return "completed";
    case "breached":
      return clock.stopAt === null ? "in-progress" : "completed";
    case "not_applicable":
      return "cancelled";
    default: {
      const unhandled: never = clock.status;
      throw new Error(`Unknown clock status: ${String(unhandled)}`);
    }
  }
}

const PRIORITY: Record<ReferralCategory, "stat" | "urgent" | "routine"> = { suspected_mscc: "stat", suspected_spinal_metastases: "urgent", not_mscc: "routine" };

export function referralToFhirBundle(source: FhirReferralSource, now: Date): FhirBundle {
  const { referral: r, patient: p } = source;
  const resources: FhirResource[] = [];
  const add = <T extends FhirResource>(resource: T): T => {
    resources.push(resource);
    return resource;
  };

  const patient = add({
    resourceType: "Patient",
    id: p.id,
    meta: { profile: [UK_CORE_PATIENT_PROFILE] },
    identifier: [
      {
        extension: [{ url: NHS_NUMBER_VERIFICATION_EXTENSION, valueCodeableConcept: concept(NHS_NUMBER_VERIFICATION_SYSTEM, NHS_NUMBER_PRESENT_NOT_TRACED.code, NHS_NUMBER_PRESENT_NOT_TRACED.display) }],
        system: NHS_NUMBER_SYSTEM,
        value: p.nhsNumber,
      },
      ...(p.hospitalNumber ? [{ system: HOSPITAL_NUMBER_SYSTEM, value: p.hospitalNumber }] : []),
    ],
    name: [{ use: "official", family: p.familyName, given: [p.givenName] }],
    birthDate: p.dateOfBirth,
    ...(p.phone ? { telecom: [{ system: "phone", value: p.phone }] } : {}),
  });

  const referrer = add({
    resourceType: "PractitionerRole",
    id: nameBasedUuid(r.id, "referrer"),
    practitioner: { display: r.referrerName },
    ...(r.referrerOrganisation ? { organization: { display: r.referrerOrganisation } } : {}),
    code: [concept(SYSTEM.referrerRole, r.referrerRole, REFERRER_ROLE_LABELS[r.referrerRole])],
    ...(r.referrerContact ? { telecom: [{ system: "phone", value: r.referrerContact }] } : {}),
  });

  const timeline = buildTimeline(source.events);
  const noteEvents = timeline.filter((e) => e.type === "note");
  const serviceRequest = add({
    resourceType: "ServiceRequest",
    id: r.id,
    ...(p.location ? { extension: [{ url: PATIENT_LOCATION_EXTENSION, valueCoding: coding(SYSTEM.location, p.location) }] } : {}),
    status: serviceRequestStatus(r.status),
    intent: "order",
    category: [concept(SYSTEM.category, r.category, REFERRAL_CATEGORY_LABELS[r.category])],
    priority: PRIORITY[r.category],
    code: concept(SYSTEM.service, "mscc-referral", "Referral to the MSCC coordinator"),
    subject: ref(patient),
    authoredOn: iso(r.receivedAt),
    requester: ref(referrer, r.referrerName),
    reasonCode: [
      ...r.symptoms.map((s) => concept(SYSTEM.symptom, s, label(WARNING_SYMPTOMS, s))),
      ...r.neurology.map((s) => concept(SYSTEM.neurology, s, label(NEUROLOGY, s))),
    ],
    ...(noteEvents.length > 0 ? { note: noteEvents.map((e) => ({ time: iso(e.at), text: str(e.data, "text") ?? "" })) } : {}),
  });
  const subjectAndBasis = { subject: ref(patient), basedOn: [ref(serviceRequest)] };

  // The referral's own facts, as recorded with it.
  const referralObservation = (key: string, value: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    add({
      resourceType: "Observation",
      id: nameBasedUuid(r.id, "item", key),
      status: "final",
      code: concept(SYSTEM.referralItem, key),
      ...subjectAndBasis,
      effectiveDateTime: iso(r.receivedAt),
      ...value,
      ...extra,
    });
  for (const sign of r.neurology) {
    add({
      resourceType: "Observation",
      id: nameBasedUuid(r.id, "neurology", sign),
      status: "final",
      code: concept(SYSTEM.neurology, sign, label(NEUROLOGY, sign)),
      ...subjectAndBasis,
      ...(r.neurologyOnsetAt ? { effectiveDateTime: iso(r.neurologyOnsetAt) } : {}),
      valueBoolean: true,
    });
  }
  if (r.ambulatoryStatus) referralObservation(REFERRAL_ITEMS.ambulatoryStatus, { valueCodeableConcept: concept(SYSTEM.ambulatory, r.ambulatoryStatus, AMBULATORY_STATUS_LABELS[r.ambulatoryStatus]) });
  if (r.primaryCancer) referralObservation(REFERRAL_ITEMS.primaryCancer, { valueString: r.primaryCancer });
  if (r.knownMetastases && r.knownMetastases.length > 0) {
    referralObservation(REFERRAL_ITEMS.knownMetastases, {
      component: r.knownMetastases.map((m) => ({ code: concept(SYSTEM.knownMetastasis, m, label(KNOWN_METASTASES, m)), valueBoolean: true })),
    });
  }
  if (r.currentTreatment) referralObservation(REFERRAL_ITEMS.currentTreatment, { valueString: r.currentTreatment });
  if (r.haematologicalSuspected) {
    referralObservation(REFERRAL_ITEMS.haematologicalSuspected, { valueCodeableConcept: concept(SYSTEM.haematological, r.haematologicalSuspected, label(HAEMATOLOGICAL_SUSPICIONS, r.haematologicalSuspected)) });
  }
  if (r.previousSpinalRadiotherapy !== null) {
    referralObservation(REFERRAL_ITEMS.previousSpinalRadiotherapy, { valueBoolean: r.previousSpinalRadiotherapy }, r.previousSpinalRadiotherapyLevel ? { bodySite: { text: r.previousSpinalRadiotherapyLevel } } : {});
  }
  if (r.imagingAvailable) referralObservation(REFERRAL_ITEMS.imagingAvailable, { valueString: r.imagingAvailable });

  // One resource per clinical event, in the order of the timeline.
  const byEvent = new Map<string, FhirResource>();
  const imagingStudies: { modality: string; resource: FhirResource }[] = [];
  for (const event of timeline) {
    const resource = eventResource(event, { subjectAndBasis, serviceRequest, imagingStudies });
    if (!resource) continue;
    add(resource);
    byEvent.set(event.id, resource);
    if (resource.resourceType === "ImagingStudy") imagingStudies.push({ modality: str(event.data, "modality") ?? "", resource });
  }

  const breachReasons = new Map(timeline.filter((e) => e.type === "breach_reason").map((e) => [String(e.data.clock), e]));
  for (const clock of source.clocks) {
    const reason = breachReasons.get(clock.id);
    add({
      resourceType: "Task",
      id: nameBasedUuid(r.id, "clock", clock.id),
      status: taskStatus(clock),
      ...(reason ? { statusReason: { ...concept(SYSTEM.breachReason, String(reason.data.reason)), ...(str(reason.data, "text") ? { text: str(reason.data, "text") } : {}) } } : {}),
      businessStatus: concept(SYSTEM.clockStatus, clock.status, clock.status.replaceAll("_", " ")),
      intent: "order",
      code: concept(SYSTEM.clock, clock.id, CLOCK_LABELS[clock.id]),
      description: clock.source,
      focus: ref(serviceRequest),
      for: ref(patient),
      ...(clock.startAt ? { executionPeriod: { start: iso(clock.startAt), ...(clock.stopAt ? { end: iso(clock.stopAt) } : {}) } } : {}),
      ...(clock.dueAt ? { restriction: { period: { end: iso(clock.dueAt) } } } : {}),
    });
  }

  // Who recorded what: every event as recorded (corrections included), against the resource it became.
  for (const event of source.events) {
    const target = byEvent.get(event.id) ?? (event.correctsEventId ? byEvent.get(event.correctsEventId) : undefined) ?? serviceRequest;
    add({
      resourceType: "Provenance",
      id: nameBasedUuid(event.id, "provenance"),
      target: event.type === "received" ? [ref(serviceRequest), ref(patient)] : [ref(target)],
      occurredDateTime: iso(event.occurredAt),
      recorded: iso(event.recordedAt),
      activity: eventCode(event.type),
      agent: [{ who: { display: event.recordedByName } }],
    });
  }

  return {
    resourceType: "Bundle",
    id: nameBasedUuid(r.id, "bundle", iso(now)),
    meta: { lastUpdated: iso(now) },
    identifier: { system: "urn:ietf:rfc:3986", value: urnOf(r.id) },
    type: "collection",
    timestamp: iso(now),
    entry: resources.map((resource) => ({ fullUrl: urnOf(resource.id), resource })),
  };
}

interface EventContext {
  subjectAndBasis: { subject: { reference: string }; basedOn: { reference: string }[] };
  serviceRequest: FhirResource;
  imagingStudies: readonly { modality: string; resource: FhirResource }[];
}

/** The resource an event becomes, or null when it has none of its own (its Provenance still names it). */
function eventResource(event: TimelineEvent, ctx: EventContext): FhirResource | null {
  const at = iso(event.at);
  const { data } = event;
  const procedure = (extraCode: CodeableConcept | null, extra: Record<string, unknown> = {}): FhirResource => ({
    resourceType: "Procedure",
    id: event.id,
    ...ctx.subjectAndBasis,
    status: "completed",
    code: extraCode ? { coding: [...(eventCode(event.type).coding ?? []), ...(extraCode.coding ?? [])], text: extraCode.text } : eventCode(event.type),
    performedDateTime: at,
    ...extra,
    ...notes(data),
  });
  switch (event.type) {
    case "triaged": {
      const advice = Array.isArray(data.advice) ? (data.advice as string[]) : [];
      return procedure(null, {
        outcome: concept(SYSTEM.category, String(data.category), label(REFERRAL_CATEGORY_LABELS, String(data.category))),
        ...(advice.length > 0 ? { followUp: advice.map((a) => concept(SYSTEM.triageAdvice, a, label(TRIAGE_ADVICE, a))) } : {}),
      });
    }
    case "dexamethasone_given": {
      const route = str(data, "route") ?? "oral";
      const override = str(data, "overrideReason");
      return {
        resourceType: "MedicationAdministration",
        id: event.id,
        status: "completed",
        medicationCodeableConcept: concept(SYSTEM.medication, "dexamethasone", "Dexamethasone"),
        subject: ctx.subjectAndBasis.subject,
        supportingInformation: [ref(ctx.serviceRequest)],
        effectiveDateTime: at,
        ...(override ? { reasonCode: [{ text: override }] } : {}),
        dosage: { route: concept(SYSTEM.route, route, route === "iv" ? "Intravenous" : "Oral"), dose: { value: Number(data.doseMg), unit: "mg", system: UCUM_SYSTEM, code: "mg" } },
        ...notes(data),
      };
    }
    case "imaging_requested": {
      const modality = str(data, "modality") ?? "";
      return {
        resourceType: "ServiceRequest",
        id: event.id,
        status: "active",
        intent: "order",
        code: concept(SYSTEM.modality, modality, label(MODALITY_LABELS, modality)),
        ...ctx.subjectAndBasis,
        authoredOn: at,
        ...notes(data),
      };
    }
    case "imaging_performed": {
      const modality = str(data, "modality") ?? "";
      const dicom = DICOM_MODALITY[modality];
      const identifiers = [
        ...(str(data, "accession") ? [{ system: ACCESSION_SYSTEM, value: str(data, "accession") }] : []),
        ...(str(data, "imageExchange") ? [{ system: IMAGE_EXCHANGE_SYSTEM, value: str(data, "imageExchange") }] : []),
      ];
      return {
        resourceType: "ImagingStudy",
        id: event.id,
        ...(identifiers.length > 0 ? { identifier: identifiers } : {}),
        status: "available",
        ...(dicom ? { modality: [coding(DICOM_MODALITY_SYSTEM, dicom.code, dicom.display)] } : {}),
        ...ctx.subjectAndBasis,
        started: at,
        procedureCode: [concept(SYSTEM.modality, modality, label(MODALITY_LABELS, modality))],
        ...notes(data),
      };
    }
    case "imaging_reported": {
      const modality = str(data, "modality") ?? "";
      const study = ctx.imagingStudies.find((s) => s.modality === modality);
      return {
        resourceType: "DiagnosticReport",
        id: event.id,
        ...ctx.subjectAndBasis,
        status: "final",
        code: concept(SYSTEM.modality, modality, label(MODALITY_LABELS, modality)),
        effectiveDateTime: at,
        issued: at,
        ...(study ? { imagingStudy: [ref(study.resource)] } : {}),
        ...(str(data, "levels") ? { conclusion: str(data, "levels") } : {}),
        conclusionCode: [concept(SYSTEM.imagingResult, String(data.result))],
      };
    }
    case "decision": {
      // A correction of the time moves the decision itself (lib/domain/clocks decisionInstant).
      const decidedAt = event.timeCorrected ? undefined : str(data, "decidedAt");
      return {
        resourceType: "CarePlan",
        id: event.id,
        status: "active",
        intent: "plan",
        category: [concept(SYSTEM.decision, String(data.decision))],
        // CarePlan.basedOn may name only another CarePlan.
        subject: ctx.subjectAndBasis.subject,
        supportingInfo: [ref(ctx.serviceRequest)],
        created: at,
        ...(decidedAt ? { period: { start: decidedAt } } : {}),
        ...notes(data),
      };
    }
    case "treatment_started":
      return procedure(concept(SYSTEM.treatment, String(data.treatment), String(data.treatment).replaceAll("_", " ")));
    case "admitted":
      return {
        resourceType: "Encounter",
        id: event.id,
        status: "in-progress",
        class: coding(V3_ACT_CODE_SYSTEM, "IMP", "inpatient encounter"),
        subject: ctx.subjectAndBasis.subject,
        basedOn: ctx.subjectAndBasis.basedOn,
        period: { start: at },
      };
    case "score_recorded":
      return scoreObservation(event, ctx);
    case "discharged":
      return procedure(null, { outcome: concept(SYSTEM.destination, String(data.destination)) });
    case "immobilisation_advised":
    case "immobilisation_lifted":
    case "physiotherapy_assessed":
    case "occupational_therapy_assessed":
      return procedure(null);
    case "received":
    case "escalated":
    case "acknowledged":
    case "status_changed":
    case "breach_reason":
    case "note":
    case "correction":
      return null;
    default: {
      const unhandled: never = event.type;
      throw new Error(`Unknown event type: ${String(unhandled)}`);
    }
  }
}

// A score's components are kept as chosen (the totals are the server's, recomputed on import).
const SCORE_RESERVED = new Set(["scale", "value", "total", "band", "surgicalOpinionAdvised", "note"]);

function scoreObservation(event: TimelineEvent, ctx: EventContext): FhirResource {
  const { data } = event;
  const scale = String(data.scale);
  const value = data.value ?? data.total;
  const components = Object.entries(data)
    .filter(([k, v]) => !SCORE_RESERVED.has(k) && typeof v === "string")
    .map(([k, v]) => ({ code: concept(SYSTEM.scoreComponent, `${scale}.${k}`), valueCodeableConcept: concept(SYSTEM.scoreComponent, String(v)) }));
  return {
    resourceType: "Observation",
    id: event.id,
    status: "final",
    code: concept(SYSTEM.score, scale, label(SCORE_SCALE_LABELS, scale)),
    ...ctx.subjectAndBasis,
    effectiveDateTime: iso(event.at),
    ...(typeof value === "number" ? { valueInteger: value } : typeof value === "string" ? { valueString: value } : {}),
    ...(typeof data.band === "string" ? { interpretation: [{ text: data.band }] } : {}),
    ...(components.length > 0 ? { component: components } : {}),
    ...notes(data),
  };
}
