import { z } from "zod";
import type { RecordableEventType } from "@/lib/validation/referrals";
import { appendEventInput, createReferralInput, type AppendEventInput, type CreateReferralInput } from "@/lib/validation/referrals";
import type { FieldErrors } from "@/lib/errors";
import { codeFrom, codesFrom, HOSPITAL_NUMBER_SYSTEM, ACCESSION_SYSTEM, IMAGE_EXCHANGE_SYSTEM, NHS_NUMBER_SYSTEM, PATIENT_LOCATION_EXTENSION, REFERRAL_ITEMS, SYSTEM, V3_ACT_CODE_SYSTEM } from "./coding";

/**
 * A ServiceRequest Bundle from another system as a new referral (issue 7, item 4). The Bundle's structure is
 * checked here; the referral it carries is then the exact input of the intake form, parsed by the form's own
 * schema (createReferralInput), and its events the exact input of the events API (appendEventInput), so an
 * import is held to the same rules as a person typing. Every problem is reported at its FHIR path
 * ("Bundle.entry[2].resource.subject.reference"), the form's messages included.
 *
 * Imported: the events the clocks read (triage, dexamethasone, imaging, decisions, treatment started,
 * admission, physiotherapy and occupational therapy assessments), immobilisation and scores. Not imported:
 * escalations and acknowledgements (they name this service's own registrars), notes, breach reasons and the
 * discharge (it goes through the discharge form's checklist).
 */

const coding = z.object({ system: z.string().optional(), code: z.string().optional(), display: z.string().optional() }).loose();
const concept = z.object({ coding: z.array(coding).optional(), text: z.string().optional() }).loose();
const reference = z.object({ reference: z.string().optional(), display: z.string().optional() }).loose();
const identifier = z.object({ system: z.string().optional(), value: z.string().optional() }).loose();
const contactPoint = z.object({ system: z.string().optional(), value: z.string().optional() }).loose();
const annotation = z.array(z.object({ text: z.string().optional() }).loose()).optional();

const RESOURCE_SCHEMAS = {
  Patient: z
    .object({
      identifier: z.array(identifier).optional(),
      name: z.array(z.object({ use: z.string().optional(), family: z.string().optional(), given: z.array(z.string()).optional() }).loose()).optional(),
      birthDate: z.string().optional(),
      telecom: z.array(contactPoint).optional(),
    })
    .loose(),
  ServiceRequest: z
    .object({
      extension: z.array(z.object({ url: z.string(), valueCoding: coding.optional() }).loose()).optional(),
      basedOn: z.array(reference).optional(),
      category: z.array(concept).optional(),
      code: concept.optional(),
      subject: reference,
      authoredOn: z.string().optional(),
      requester: reference.optional(),
      reasonCode: z.array(concept).optional(),
    })
    .loose(),
  PractitionerRole: z
    .object({ practitioner: reference.optional(), organization: reference.optional(), code: z.array(concept).optional(), telecom: z.array(contactPoint).optional() })
    .loose(),
  Observation: z
    .object({
      code: concept,
      effectiveDateTime: z.string().optional(),
      valueBoolean: z.boolean().optional(),
      valueString: z.string().optional(),
      valueInteger: z.number().int().optional(),
      valueCodeableConcept: concept.optional(),
      component: z.array(z.object({ code: concept, valueBoolean: z.boolean().optional(), valueCodeableConcept: concept.optional() }).loose()).optional(),
      bodySite: concept.optional(),
      note: annotation,
    })
    .loose(),
  MedicationAdministration: z
    .object({
      medicationCodeableConcept: concept.optional(),
      effectiveDateTime: z.string().optional(),
      reasonCode: z.array(concept).optional(),
      dosage: z.object({ route: concept.optional(), dose: z.object({ value: z.number().optional() }).loose().optional() }).loose().optional(),
      note: annotation,
    })
    .loose(),
  ImagingStudy: z
    .object({ identifier: z.array(identifier).optional(), modality: z.array(coding).optional(), started: z.string().optional(), procedureCode: z.array(concept).optional(), note: annotation })
    .loose(),
  DiagnosticReport: z
    .object({ code: concept, effectiveDateTime: z.string().optional(), issued: z.string().optional(), conclusion: z.string().optional(), conclusionCode: z.array(concept).optional() })
    .loose(),
  CarePlan: z.object({ category: z.array(concept).optional(), created: z.string().optional(), period: z.object({ start: z.string().optional() }).loose().optional(), note: annotation }).loose(),
  Procedure: z
    .object({ code: concept.optional(), performedDateTime: z.string().optional(), outcome: concept.optional(), followUp: z.array(concept).optional(), note: annotation })
    .loose(),
  Encounter: z.object({ class: coding.optional(), period: z.object({ start: z.string().optional() }).loose().optional() }).loose(),
} as const;
type Known = { [K in keyof typeof RESOURCE_SCHEMAS]: z.infer<(typeof RESOURCE_SCHEMAS)[K]> };

/** The outline every Bundle must have before its resources are read. */
const bundleOutline = z.object({
  resourceType: z.literal("Bundle", { error: "Send a FHIR Bundle (resourceType \"Bundle\")" }),
  type: z.enum(["collection", "transaction", "batch", "document", "message"], { error: "The Bundle type must be collection, transaction, batch, document or message" }),
  entry: z
    .array(
      z.object({
        fullUrl: z.string().optional(),
        resource: z.object({ resourceType: z.string({ error: "Every resource needs its resourceType" }), id: z.string().optional() }).loose(),
      }),
      { error: "The Bundle needs its entries" },
    )
    .min(1, "The Bundle has no entries"),
});

/** An event ready for appendReferralEvent (its expectedVersion is set as they are appended), with its FHIR paths. */
export interface ImportedEvent {
  event: AppendEventInput;
  /** The entry the event came from, and the FHIR path of each of its fields (occurredAt, data.doseMg...). */
  entry: string;
  paths: Record<string, string>;
}

export type BundleImport =
  | { ok: true; referral: CreateReferralInput; referralPaths: Record<string, string>; serviceRequestPath: string; events: ImportedEvent[] }
  | { ok: false; fields: FieldErrors };

/**
 * The import route's body: any JSON, turned into the referral and its events, or refused with one issue per
 * problem whose path is the FHIR path (so the API's `fields` are keyed by it).
 */
export const fhirReferralBundle = z
  .unknown()
  .describe("A FHIR R4 Bundle (resourceType \"Bundle\") holding one referral ServiceRequest, its Patient and requester, and the referral's clinical resources")
  .transform((body, ctx) => {
    const imported = importReferralBundle(body);
    if (imported.ok) return imported;
    for (const [path, messages] of Object.entries(imported.fields)) for (const message of messages) ctx.addIssue({ code: "custom", path: [path], message });
    return z.NEVER;
  });

/** What the import route answers: the new referral's id and its URL in this API. */
export const fhirImportResponse = z.object({ id: z.uuid(), location: z.string() });

/** zod's path inside a resource, written the FHIR way: identifier[0].value. */
export function fhirPath(base: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((at, key) => (typeof key === "number" ? `${at}[${key}]` : `${at}.${String(key)}`), base);
}

/** Field errors of the form or the events API, moved to the FHIR paths they came from. */
export function toFhirFields(fields: FieldErrors | undefined, paths: Record<string, string>, fallback: string): FieldErrors {
  const moved: FieldErrors = {};
  for (const [field, messages] of Object.entries(fields ?? {})) {
    const at = paths[field] ?? paths[field.split(".")[0] ?? ""] ?? fallback;
    (moved[at] ??= []).push(...messages);
  }
  return moved;
}

class Problems {
  readonly fields: FieldErrors = {};
  add(path: string, message: string) {
    (this.fields[path] ??= []).push(message);
  }
  /** Without paths, zod's path is the FHIR path below base; with them (a form's fields), a field not found is base. */
  addZod(base: string, error: z.ZodError, paths?: Record<string, string>) {
    for (const issue of error.issues) {
      const key = issue.path.map(String).join(".");
      this.add(paths ? (paths[key] ?? paths[String(issue.path[0] ?? "")] ?? base) : fhirPath(base, issue.path), issue.message);
    }
  }
  get any() {
    return Object.keys(this.fields).length > 0;
  }
}

interface Entry<R = Record<string, unknown>> {
  index: number;
  path: string;
  fullUrl: string | undefined;
  resourceType: string;
  id: string | undefined;
  resource: R;
}

export function importReferralBundle(body: unknown): BundleImport {
  const problems = new Problems();
  const shape = bundleOutline.safeParse(body);
  if (!shape.success) {
    problems.addZod("Bundle", shape.error);
    return { ok: false, fields: problems.fields };
  }

  const entries: Entry[] = shape.data.entry.map((e, index) => ({
    index,
    path: `Bundle.entry[${index}].resource`,
    fullUrl: e.fullUrl,
    resourceType: e.resource.resourceType,
    id: e.resource.id,
    resource: e.resource,
  }));
  for (const entry of entries) {
    const schema = RESOURCE_SCHEMAS[entry.resourceType as keyof typeof RESOURCE_SCHEMAS] as z.ZodType | undefined;
    if (!schema) continue;
    const parsed = schema.safeParse(entry.resource);
    if (parsed.success) entry.resource = parsed.data as Record<string, unknown>;
    else problems.addZod(entry.path, parsed.error);
  }

  // Every reference must resolve inside the Bundle: by fullUrl, or as ResourceType/id.
  const byReference = new Map<string, Entry>();
  for (const entry of entries) {
    if (entry.fullUrl) byReference.set(entry.fullUrl, entry);
    if (entry.id) byReference.set(`${entry.resourceType}/${entry.id}`, entry);
  }
  walkReferences(entries, (entry, at, value) => {
    if (!value.startsWith("#") && !byReference.has(value)) problems.add(at, `The reference ${JSON.stringify(value)} is not to a resource in this Bundle`);
  });

  const of = <K extends keyof Known>(type: K) => entries.filter((e) => e.resourceType === type) as unknown as Entry<Known[K]>[];
  const referrals = of("ServiceRequest").filter((e) => !e.resource.basedOn || e.resource.basedOn.length === 0);
  if (referrals.length === 0) problems.add("Bundle.entry", "The Bundle has no ServiceRequest for the referral (one without basedOn)");
  for (const extra of referrals.slice(1)) problems.add(extra.path, "The Bundle has more than one referral ServiceRequest: send one referral per Bundle");
  if (problems.any) return { ok: false, fields: problems.fields };

  const referral = referrals[0] as Entry<Known["ServiceRequest"]>;
  const patient = byReference.get(referral.resource.subject.reference ?? "");
  if (!patient || patient.resourceType !== "Patient") {
    problems.add(`${referral.path}.subject.reference`, "The referral's subject must be the Patient in this Bundle");
    return { ok: false, fields: problems.fields };
  }
  const requester = referral.resource.requester?.reference ? byReference.get(referral.resource.requester.reference) : undefined;
  const form = referralForm(referral, patient as unknown as Entry<Known["Patient"]>, requester?.resourceType === "PractitionerRole" ? (requester as unknown as Entry<Known["PractitionerRole"]>) : undefined, of);
  const receivedAt = Date.parse(String(form.input.receivedAt ?? ""));

  // What was done before the referral was received belongs to the form; everything after is an event.
  const candidates = eventsOf(of).sort((a, b) => timeOf(a.input.occurredAt) - timeOf(b.input.occurredAt));
  const events: typeof candidates = [];
  for (const candidate of candidates) {
    const before = timeOf(candidate.input.occurredAt) < receivedAt;
    if (before && candidate.input.type === "dexamethasone_given" && form.input.dexamethasoneGivenAt === undefined) {
      form.input.dexamethasoneGivenAt = candidate.input.occurredAt;
      form.input.dexamethasoneDoseMg = candidate.input.data.doseMg;
      form.paths.dexamethasoneGivenAt = candidate.paths.occurredAt ?? candidate.entry;
      form.paths.dexamethasoneDoseMg = candidate.paths["data.doseMg"] ?? candidate.entry;
    } else if (before && candidate.input.type === "immobilisation_advised" && form.input.immobilisationAdvisedAt === undefined) {
      form.input.immobilisationAdvisedAt = candidate.input.occurredAt;
      form.paths.immobilisationAdvisedAt = candidate.paths.occurredAt ?? candidate.entry;
    } else events.push(candidate);
  }

  const parsedForm = createReferralInput.safeParse(form.input);
  if (!parsedForm.success) problems.addZod(referral.path, parsedForm.error, form.paths);
  const imported: ImportedEvent[] = [];
  for (const candidate of events) {
    const parsed = appendEventInput.safeParse({ ...candidate.input, expectedVersion: 1 });
    if (parsed.success) imported.push({ event: parsed.data, entry: candidate.entry, paths: candidate.paths });
    else problems.addZod(candidate.entry, parsed.error, candidate.paths);
  }
  if (problems.any || !parsedForm.success) return { ok: false, fields: problems.fields };
  return { ok: true, referral: parsedForm.data, referralPaths: form.paths, serviceRequestPath: referral.path, events: imported };
}

const timeOf = (value: unknown) => {
  const t = typeof value === "string" ? Date.parse(value) : Number.NaN;
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
};

function walkReferences(entries: readonly Entry[], visit: (entry: Entry, path: string, reference: string) => void): void {
  const walk = (entry: Entry, node: unknown, path: string) => {
    if (Array.isArray(node)) node.forEach((item, i) => walk(entry, item, `${path}[${i}]`));
    else if (node !== null && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (key === "reference" && typeof value === "string") visit(entry, `${path}.reference`, value);
        else walk(entry, value, `${path}.${key}`);
      }
    }
  };
  for (const entry of entries) walk(entry, entry.resource, entry.path);
}

type Of = <K extends keyof Known>(type: K) => Entry<Known[K]>[];

/** The intake form's fields from the Patient, the ServiceRequest, its requester and the referral's Observations. */
function referralForm(sr: Entry<Known["ServiceRequest"]>, patient: Entry<Known["Patient"]>, referrer: Entry<Known["PractitionerRole"]> | undefined, of: Of) {
  const p = patient.resource;
  const input: Record<string, unknown> = {};
  const paths: Record<string, string> = {};
  const set = (field: string, value: unknown, path: string) => {
    if (value === undefined) return;
    input[field] = value;
    paths[field] = path;
  };

  const nhsIndex = p.identifier?.findIndex((i) => i.system === NHS_NUMBER_SYSTEM) ?? -1;
  const nhs = nhsIndex >= 0 ? p.identifier?.[nhsIndex] : undefined;
  set("nhsNumber", nhs?.value, `${patient.path}.identifier[${nhsIndex}].value`);
  paths.nhsNumber ??= `${patient.path}.identifier`;
  const hospitalIndex = p.identifier?.findIndex((i) => i.system === HOSPITAL_NUMBER_SYSTEM) ?? -1;
  set("hospitalNumber", p.identifier?.[hospitalIndex]?.value, `${patient.path}.identifier[${hospitalIndex}].value`);
  const nameIndex = Math.max(0, p.name?.findIndex((n) => n.use === "official") ?? 0);
  const name = p.name?.[nameIndex];
  set("givenName", name?.given?.[0], `${patient.path}.name[${nameIndex}].given[0]`);
  set("familyName", name?.family, `${patient.path}.name[${nameIndex}].family`);
  paths.givenName ??= `${patient.path}.name`;
  paths.familyName ??= `${patient.path}.name`;
  set("dateOfBirth", p.birthDate, `${patient.path}.birthDate`);
  paths.dateOfBirth ??= `${patient.path}.birthDate`;
  const phoneIndex = p.telecom?.findIndex((t) => t.system === "phone") ?? -1;
  set("phone", p.telecom?.[phoneIndex]?.value, `${patient.path}.telecom[${phoneIndex}].value`);

  const s = sr.resource;
  const locationIndex = s.extension?.findIndex((e) => e.url === PATIENT_LOCATION_EXTENSION) ?? -1;
  set("location", s.extension?.[locationIndex]?.valueCoding?.code, `${sr.path}.extension[${locationIndex}].valueCoding.code`);
  set("receivedAt", s.authoredOn, `${sr.path}.authoredOn`);
  set("symptoms", codesFrom(s.reasonCode, SYSTEM.symptom), `${sr.path}.reasonCode`);
  set("neurology", codesFrom(s.reasonCode, SYSTEM.neurology), `${sr.path}.reasonCode`);

  set("referrerName", referrer?.resource.practitioner?.display ?? s.requester?.display, referrer ? `${referrer.path}.practitioner.display` : `${sr.path}.requester.display`);
  paths.referrerName ??= `${sr.path}.requester`;
  set("referrerRole", codeFrom(referrer?.resource.code, SYSTEM.referrerRole) ?? (referrer || s.requester ? "other" : undefined), referrer ? `${referrer.path}.code` : `${sr.path}.requester`);
  paths.referrerRole ??= `${sr.path}.requester`;
  if (referrer) {
    set("referrerOrganisation", referrer.resource.organization?.display, `${referrer.path}.organization.display`);
    const contactIndex = referrer.resource.telecom?.findIndex((t) => t.system === "phone") ?? -1;
    set("referrerContact", referrer.resource.telecom?.[contactIndex]?.value, `${referrer.path}.telecom[${contactIndex}].value`);
  }

  for (const obs of of("Observation")) {
    const o = obs.resource;
    const sign = codeFrom(o.code, SYSTEM.neurology);
    if (sign && o.effectiveDateTime && (input.neurologyOnsetAt === undefined || timeOf(o.effectiveDateTime) < timeOf(input.neurologyOnsetAt))) {
      set("neurologyOnsetAt", o.effectiveDateTime, `${obs.path}.effectiveDateTime`);
    }
    switch (codeFrom(o.code, SYSTEM.referralItem)) {
      case REFERRAL_ITEMS.ambulatoryStatus:
        set("ambulatoryStatus", codeFrom(o.valueCodeableConcept, SYSTEM.ambulatory) ?? "", `${obs.path}.valueCodeableConcept`);
        break;
      case REFERRAL_ITEMS.primaryCancer:
        set("primaryCancer", o.valueString, `${obs.path}.valueString`);
        break;
      case REFERRAL_ITEMS.knownMetastases:
        set("knownMetastases", codesFrom((o.component ?? []).filter((c) => c.valueBoolean !== false).map((c) => c.code), SYSTEM.knownMetastasis), `${obs.path}.component`);
        break;
      case REFERRAL_ITEMS.currentTreatment:
        set("currentTreatment", o.valueString, `${obs.path}.valueString`);
        break;
      case REFERRAL_ITEMS.haematologicalSuspected:
        set("haematologicalSuspected", codeFrom(o.valueCodeableConcept, SYSTEM.haematological) ?? "", `${obs.path}.valueCodeableConcept`);
        break;
      case REFERRAL_ITEMS.previousSpinalRadiotherapy:
        set("previousSpinalRadiotherapy", o.valueBoolean === undefined ? undefined : String(o.valueBoolean), `${obs.path}.valueBoolean`);
        set("previousSpinalRadiotherapyLevel", o.bodySite?.text, `${obs.path}.bodySite.text`);
        break;
      case REFERRAL_ITEMS.imagingAvailable:
        set("imagingAvailable", o.valueString, `${obs.path}.valueString`);
        break;
      default:
        break;
    }
  }
  return { input, paths };
}

interface Candidate {
  input: { type: RecordableEventType; occurredAt: unknown; data: Record<string, unknown> };
  entry: string;
  paths: Record<string, string>;
}

const IMPORTED_PROCEDURES: readonly RecordableEventType[] = [
  "triaged",
  "immobilisation_advised",
  "immobilisation_lifted",
  "treatment_started",
  "physiotherapy_assessed",
  "occupational_therapy_assessed",
];
const DICOM_TO_MODALITY: Record<string, string> = { MR: "mri", CT: "ct", NM: "bone_scan" };
const noteOf = (note: { text?: string }[] | undefined) => (note?.[0]?.text ? { note: note[0].text } : {});
const withoutUndefined = (data: Record<string, unknown>) => Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));

/** The clinical events the Bundle carries, as the events API's input. */
function eventsOf(of: Of): Candidate[] {
  const found: Candidate[] = [];
  const push = (entry: Entry, type: RecordableEventType, occurredAt: string | undefined, timePath: string, data: Record<string, unknown>, dataPaths: Record<string, string> = {}) =>
    found.push({
      input: { type, occurredAt, data: withoutUndefined(data) },
      entry: entry.path,
      paths: { occurredAt: `${entry.path}.${timePath}`, ...Object.fromEntries(Object.entries(dataPaths).map(([k, v]) => [`data.${k}`, `${entry.path}.${v}`])) },
    });

  for (const e of of("Procedure")) {
    const type = codeFrom(e.resource.code, SYSTEM.event) as RecordableEventType | undefined;
    if (!type || !IMPORTED_PROCEDURES.includes(type)) continue;
    const r = e.resource;
    const data: Record<string, unknown> = { ...noteOf(r.note) };
    if (type === "triaged") Object.assign(data, { category: codeFrom(r.outcome, SYSTEM.category), advice: codesFrom(r.followUp, SYSTEM.triageAdvice) });
    if (type === "treatment_started") data.treatment = codeFrom(r.code, SYSTEM.treatment);
    push(e, type, r.performedDateTime, "performedDateTime", data, { category: "outcome", advice: "followUp", treatment: "code", note: "note" });
  }
  for (const e of of("MedicationAdministration")) {
    const r = e.resource;
    const isDexamethasone = codeFrom(r.medicationCodeableConcept, SYSTEM.medication) === "dexamethasone" || /dexamethasone/i.test(r.medicationCodeableConcept?.text ?? "");
    if (!isDexamethasone) continue;
    push(
      e,
      "dexamethasone_given",
      r.effectiveDateTime,
      "effectiveDateTime",
      { doseMg: r.dosage?.dose?.value, route: codeFrom(r.dosage?.route, SYSTEM.route), overrideReason: r.reasonCode?.[0]?.text, ...noteOf(r.note) },
      { doseMg: "dosage.dose.value", route: "dosage.route", overrideReason: "reasonCode[0].text", note: "note" },
    );
  }
  for (const e of of("ServiceRequest")) {
    const r = e.resource;
    const modality = codeFrom(r.code, SYSTEM.modality);
    if (!r.basedOn?.length || !modality) continue;
    push(e, "imaging_requested", r.authoredOn, "authoredOn", { modality }, { modality: "code" });
  }
  for (const e of of("ImagingStudy")) {
    const r = e.resource;
    const modality = codeFrom(r.procedureCode, SYSTEM.modality) ?? DICOM_TO_MODALITY[r.modality?.[0]?.code ?? ""];
    const accession = r.identifier?.find((i) => i.system === ACCESSION_SYSTEM)?.value;
    const imageExchange = r.identifier?.find((i) => i.system === IMAGE_EXCHANGE_SYSTEM)?.value;
    push(e, "imaging_performed", r.started, "started", { modality, accession, imageExchange, ...noteOf(r.note) }, { modality: "procedureCode", accession: "identifier", imageExchange: "identifier", note: "note" });
  }
  for (const e of of("DiagnosticReport")) {
    const r = e.resource;
    const modality = codeFrom(r.code, SYSTEM.modality);
    if (!modality) continue;
    push(
      e,
      "imaging_reported",
      r.issued ?? r.effectiveDateTime,
      r.issued ? "issued" : "effectiveDateTime",
      { modality, result: codeFrom(r.conclusionCode, SYSTEM.imagingResult), levels: r.conclusion },
      { modality: "code", result: "conclusionCode", levels: "conclusion" },
    );
  }
  for (const e of of("CarePlan")) {
    const r = e.resource;
    const decision = codeFrom(r.category, SYSTEM.decision);
    if (!decision) continue;
    push(e, "decision", r.created, "created", { decision, decidedAt: r.period?.start, ...noteOf(r.note) }, { decision: "category", decidedAt: "period.start", note: "note" });
  }
  for (const e of of("Encounter")) {
    const r = e.resource;
    if (r.class?.system !== V3_ACT_CODE_SYSTEM || r.class.code !== "IMP") continue;
    push(e, "admitted", r.period?.start, "period.start", {});
  }
  for (const e of of("Observation")) {
    const r = e.resource;
    const scale = codeFrom(r.code, SYSTEM.score);
    if (!scale) continue;
    const components = Object.fromEntries(
      (r.component ?? []).flatMap((c) => {
        const key = codeFrom(c.code, SYSTEM.scoreComponent);
        return key?.startsWith(`${scale}.`) ? [[key.slice(scale.length + 1), codeFrom(c.valueCodeableConcept, SYSTEM.scoreComponent)]] : [];
      }),
    );
    const graded = scale !== "sins" && scale !== "tokuhashi";
    const value = graded ? (r.valueString ?? r.valueInteger ?? codeFrom(r.valueCodeableConcept, SYSTEM.ambulatory)) : undefined;
    push(e, "score_recorded", r.effectiveDateTime, "effectiveDateTime", { scale, value, ...components, ...noteOf(r.note) }, { scale: "code", value: r.valueInteger === undefined ? "valueString" : "valueInteger", note: "note" });
  }
  return found;
}
