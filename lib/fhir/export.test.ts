import { beforeAll, describe, expect, it } from "vitest";
import { CLOCK_IDS } from "@/lib/domain/clocks";
import { NHS_NUMBER_SYSTEM, SYSTEM, UK_CORE_PATIENT_PROFILE } from "./coding";
import { referralToFhirBundle, serviceRequestStatus, taskStatus, type FhirBundle, type FhirResource } from "./export";
import { isValidR4, r4Problems } from "./r4-schema";
import { at, NOW, referralSource } from "./test-fixture";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const bundle = () => referralToFhirBundle(referralSource(), NOW);
const resources = (b: FhirBundle, type: string) => b.entry.map((e) => e.resource).filter((r) => r.resourceType === type);
const only = (b: FhirBundle, type: string) => {
  const found = resources(b, type);
  expect(found, type).toHaveLength(1);
  return found[0] as FhirResource & Record<string, never>;
};

/** Every `reference` anywhere in a resource. */
function referencesIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(referencesIn);
  if (node === null || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([k, v]) => (k === "reference" && typeof v === "string" ? [v] : referencesIn(v)));
}

describe("referralToFhirBundle", () => {
  // The R4 schema is large: compiled once, before the tests that use it.
  beforeAll(() => void isValidR4({}), 120_000);

  it("holds every resource type of the mapping", () => {
    const types = new Set(bundle().entry.map((e) => e.resource.resourceType));
    for (const type of ["Patient", "PractitionerRole", "ServiceRequest", "Observation", "MedicationAdministration", "ImagingStudy", "DiagnosticReport", "CarePlan", "Procedure", "Task", "Provenance"]) {
      expect(types, type).toContain(type);
    }
  });

  it("names every entry urn:uuid:<id>, with unique UUIDs, and every reference resolves inside the Bundle", () => {
    const b = bundle();
    expect(b).toMatchObject({ resourceType: "Bundle", type: "collection", timestamp: NOW.toISOString() });
    const fullUrls = b.entry.map((e) => e.fullUrl);
    expect(new Set(fullUrls).size).toBe(fullUrls.length);
    for (const e of b.entry) {
      expect(e.resource.id).toMatch(UUID);
      expect(e.fullUrl).toBe(`urn:uuid:${e.resource.id}`);
    }
    const references = b.entry.flatMap((e) => referencesIn(e.resource));
    expect(references.length).toBeGreaterThan(b.entry.length);
    for (const r of references) expect(fullUrls, r).toContain(r);
  });

  it("is valid FHIR R4 JSON by the official schema", () => {
    expect(r4Problems(bundle())).toEqual([]);
    expect(isValidR4(bundle())).toBe(true);
  });

  it("fails the schema when broken, so the check above can fail", () => {
    const b = bundle();
    const patient = b.entry[0]?.resource as Record<string, unknown>;
    patient.birthDate = 19500307;
    expect(isValidR4(b)).toBe(false);
    expect(r4Problems(b)).toContain("/entry/0/resource/birthDate must be string");

    const unknownElement = bundle();
    (unknownElement.entry[1]?.resource as Record<string, unknown>).referrerName = "Dr Patel";
    expect(r4Problems(unknownElement)).toContain("/entry/1/resource must NOT have additional properties");
    expect(isValidR4({ ...bundle(), type: "pile" })).toBe(false);
  });

  it("maps the patient by UK Core: profile, NHS number with its verification status, name, birth date, phone", () => {
    const patient = only(bundle(), "Patient");
    expect(patient.meta).toEqual({ profile: [UK_CORE_PATIENT_PROFILE] });
    expect(patient.identifier).toContainEqual(expect.objectContaining({ system: NHS_NUMBER_SYSTEM, value: "9434765919" }));
    expect(JSON.stringify(patient.identifier)).toContain("UKCore-NHSNumberVerificationStatus");
    expect(patient).toMatchObject({ name: [{ use: "official", family: "Jones", given: ["Margaret"] }], birthDate: "1950-03-07", telecom: [{ system: "phone", value: "07700 900000" }] });
  });

  it("maps the referral: received time, category, coded symptoms and neurology, the referrer with role", () => {
    const b = bundle();
    const referral = resources(b, "ServiceRequest").find((r) => !r.basedOn) as Record<string, unknown>;
    expect(referral).toMatchObject({ id: "11111111-1111-4111-8111-111111111111", status: "active", intent: "order", priority: "stat", authoredOn: at(30).toISOString() });
    expect(JSON.stringify(referral.category)).toContain(`"code":"suspected_mscc"`);
    const reasons = (referral.reasonCode as { coding: { system: string; code: string }[] }[]).map((c) => `${c.coding[0]?.system.split("/").pop()}#${c.coding[0]?.code}`);
    expect(reasons).toEqual(["mscc-warning-symptom#severe_lower_back_pain", "mscc-warning-symptom#limb_numbness_or_weakness", "mscc-neurology-sign#limb_weakness", "mscc-neurology-sign#sensory_loss"]);
    const role = only(b, "PractitionerRole");
    expect(referral.requester).toEqual({ reference: `urn:uuid:${role.id}`, display: "Dr Patel" });
    expect(role).toMatchObject({ practitioner: { display: "Dr Patel" }, organization: { display: "Riverside Surgery" } });
    expect(JSON.stringify(role.code)).toContain(`"code":"gp"`);
  });

  it("has a Task per clock: status, businessStatus the clock's, execution period and the due instant", () => {
    const source = referralSource();
    const tasks = resources(bundle(), "Task");
    expect(tasks).toHaveLength(CLOCK_IDS.length);
    for (const clock of source.clocks) {
      const task = tasks.find((t) => JSON.stringify(t.code).includes(`"code":"${clock.id}"`)) as Record<string, unknown>;
      expect(task.status).toBe(taskStatus(clock));
      expect(task.businessStatus).toMatchObject({ coding: [{ system: SYSTEM.clockStatus, code: clock.status }] });
      expect(task.restriction).toEqual(clock.dueAt ? { period: { end: clock.dueAt.toISOString() } } : undefined);
      expect((task.executionPeriod as { start?: string; end?: string } | undefined)?.end).toBe(clock.stopAt?.toISOString());
    }
    const mri = tasks.find((t) => JSON.stringify(t.code).includes(`"code":"mri"`)) as Record<string, unknown>;
    expect(mri).toMatchObject({ status: "completed", executionPeriod: { start: at(30).toISOString(), end: at(20.5).toISOString() } });
  });

  it("applies corrections, maps each dose, imaging, decision and score, and names who recorded each event", () => {
    const b = bundle();
    expect(only(b, "ImagingStudy")).toMatchObject({ started: at(20.5).toISOString(), modality: [{ code: "MR" }] });
    const doses = resources(b, "MedicationAdministration");
    expect(doses.map((d) => d.effectiveDateTime)).toEqual([at(31).toISOString(), at(20).toISOString()]);
    expect(doses[1]).toMatchObject({ dosage: { dose: { value: 16, unit: "mg", code: "mg" } } });
    expect(only(b, "CarePlan")).toMatchObject({ created: at(18).toISOString(), period: { start: at(18.5).toISOString() } });
    const scores = resources(b, "Observation").filter((o) => JSON.stringify(o.code).includes(SYSTEM.score));
    expect(scores.map((s) => s.valueInteger ?? s.valueString)).toEqual([8, "D"]);
    const provenance = resources(b, "Provenance");
    expect(provenance).toHaveLength(referralSource().events.length);
    expect(provenance[0]).toMatchObject({ agent: [{ who: { display: "Coordinator Carol" } }] });
  });

  it("exports the same ids every time", () => {
    expect(bundle().entry.map((e) => e.fullUrl)).toEqual(bundle().entry.map((e) => e.fullUrl));
  });

  it.each([
    ["new", "active"],
    ["rehabilitation", "active"],
    ["discharged", "completed"],
    ["mscc_excluded", "completed"],
    ["withdrawn", "revoked"],
  ] as const)("a %s referral is a ServiceRequest %s", (status, expected) => {
    expect(serviceRequestStatus(status)).toBe(expected);
  });

  it.each([
    ["not_started", null, "draft"],
    ["running", null, "in-progress"],
    ["breached", null, "in-progress"],
    ["breached", new Date(), "completed"],
    ["met", new Date(), "completed"],
    ["not_applicable", null, "cancelled"],
  ] as const)("a %s clock (stopped: %s) is a Task %s", (status, stopAt, expected) => {
    expect(taskStatus({ status, stopAt })).toBe(expected);
  });
});
