import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as importFhir } from "@/app/api/v1/fhir/import/route";
import { POST as postEvent } from "@/app/api/v1/referrals/[id]/events/route";
import { GET as exportFhir } from "@/app/api/v1/referrals/[id]/fhir/route";
import { POST as postReferral } from "@/app/api/v1/referrals/route";
import { getDatabase, getDb } from "@/db/client";
import { getReferralDetail } from "@/db/queries/referrals";
import { auditLog, patients, referralEvents, referrals } from "@/db/schema";
import { NHS_NUMBER_SYSTEM } from "@/lib/fhir/coding";
import { isValidR4, r4Problems } from "@/lib/fhir/r4-schema";
import { call, callResponse, caller, newNhsNumber, referralBody } from "./api-client";

/**
 * FHIR R4 out and back in (issue 7, items 3 and 4), through the route handlers with API tokens on a real
 * database: a referral with its pathway exported, checked against the official R4 schema, its original withdrawn
 * (one open referral per patient), imported again, and compared. Bad Bundles are refused with FHIR paths and
 * leave every table as it was.
 */

const HOUR = 3_600_000;
// Whole seconds, as a client would send them.
const hoursAgo = (h: number) => new Date(Math.floor((Date.now() - h * HOUR) / 1000) * 1000);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function rowCounts() {
  const n = async (table: typeof referrals | typeof patients | typeof referralEvents | typeof auditLog) => (await getDb().select({ n: count() }).from(table))[0]?.n ?? 0;
  return { referrals: await n(referrals), patients: await n(patients), events: await n(referralEvents), audit: await n(auditLog) };
}

const clockInstants = (clocks: { id: string; status: string; startAt: Date | null; dueAt: Date | null; stopAt: Date | null }[]) =>
  clocks.map((c) => ({ id: c.id, status: c.status, startAt: c.startAt?.toISOString(), dueAt: c.dueAt?.toISOString(), stopAt: c.stopAt?.toISOString() }));

describe(`FHIR export and import on ${getDatabase().engine}`, () => {
  let coordinator: Awaited<ReturnType<typeof caller>>;
  let discharge: Awaited<ReturnType<typeof caller>>;
  let originalId: string;
  let bundle: Json;

  beforeAll(async () => {
    coordinator = await caller("coordinator", "Coordinator Carol");
    discharge = await caller("discharge");
    isValidR4({});

    const created = await call(postReferral, {
      token: coordinator.token,
      body: referralBody({
        receivedAt: hoursAgo(30).toISOString(),
        neurology: ["limb_weakness", "bladder_bowel_dysfunction"],
        neurologyOnsetAt: hoursAgo(40).toISOString(),
        ambulatoryStatus: "walks_with_aid",
        hospitalNumber: "H765432",
        primaryCancer: "Breast",
        haematologicalSuspected: "none",
      }),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    originalId = created.body.referral.id;
    let version = created.body.referral.version as number;
    const events: [number, string, Record<string, unknown>][] = [
      [29.5, "triaged", { category: "suspected_mscc", advice: ["immobilisation", "dexamethasone"] }],
      [29, "dexamethasone_given", { doseMg: 16, route: "oral" }],
      [28.9, "imaging_requested", { modality: "mri_whole_spine" }],
      [21, "imaging_performed", { modality: "mri_whole_spine", accession: "ACC-1" }],
      [20, "imaging_reported", { modality: "mri_whole_spine", result: "mscc_confirmed", levels: "T10-T11" }],
      [19.5, "score_recorded", { scale: "sins", location: "junctional", pain: "mechanical", lesion: "lytic", alignment: "normal", collapse: "none", posterolateral: "unilateral" }],
      [19.5, "score_recorded", { scale: "frankel", value: "D" }],
      [19, "decision", { decision: "radiotherapy_planned", decidedAt: hoursAgo(19.2).toISOString() }],
      [12, "treatment_started", { treatment: "radiotherapy" }],
      [11, "physiotherapy_assessed", {}],
    ];
    for (const [h, type, data] of events) {
      const answer = await call(postEvent, { token: coordinator.token, id: originalId, body: { type, occurredAt: hoursAgo(h).toISOString(), expectedVersion: version, data } });
      expect(answer.status, `${type}: ${JSON.stringify(answer.body)}`).toBe(201);
      version = answer.body.version;
    }
  }, 180_000);

  it("exports the referral as an R4 Bundle (application/fhir+json), valid by the official schema, and audits the export", async () => {
    const response = await callResponse(exportFhir, { token: coordinator.token, id: originalId });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/fhir\+json/);
    bundle = await response.json();
    expect(r4Problems(bundle)).toEqual([]);
    const types = new Set(bundle.entry.map((e: Json) => e.resource.resourceType));
    for (const type of ["Patient", "ServiceRequest", "Task", "Observation", "MedicationAdministration", "ImagingStudy", "DiagnosticReport", "CarePlan", "Procedure", "Provenance"]) expect(types).toContain(type);
    const audits = await getDb().select().from(auditLog).where(eq(auditLog.entityId, originalId));
    expect(audits.filter((a) => a.action === "referral.export_fhir")).toEqual([expect.objectContaining({ actorId: coordinator.id })]);
  });

  it("answers 404 for an unknown referral, and 403 to import for the discharge team", async () => {
    expect((await call(exportFhir, { token: coordinator.token, id: "00000000-0000-4000-8000-000000000000" })).status).toBe(404);
    expect((await call(exportFhir, { token: coordinator.token, id: "not-a-uuid" })).status).toBe(404);
    const before = await rowCounts();
    expect((await call(importFhir, { token: discharge.token, body: bundle })).status).toBe(403);
    expect(await rowCounts()).toEqual(before);
  });

  it("imports the Bundle as a new referral with the same patient, symptoms, neurology, category, receipt and clocks", async () => {
    // One open referral per patient: the original is withdrawn first, as the same patient is sent back.
    const original = await getReferralDetail({ id: originalId, now: new Date() });
    const withdrawn = await call(postEvent, { token: coordinator.token, id: originalId, body: { type: "status_changed", occurredAt: new Date().toISOString(), expectedVersion: original?.referral.version, data: { to: "withdrawn" } } });
    expect(withdrawn.status).toBe(201);

    const answer = await call(importFhir, { token: coordinator.token, body: bundle, headers: { "content-type": "application/fhir+json" } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const id = answer.body.id as string;
    expect(id).not.toBe(originalId);
    expect(answer.headers.get("location")).toBe(`/api/v1/referrals/${id}`);

    const now = new Date();
    const [before, after] = await Promise.all([getReferralDetail({ id: originalId, now }), getReferralDetail({ id, now })]);
    if (!before || !after) throw new Error("referral not found");
    expect(after.patient).toEqual(before.patient);
    const same = (d: typeof before) => ({
      category: d.referral.category,
      receivedAt: d.referral.receivedAt.toISOString(),
      symptoms: d.referral.symptoms,
      neurology: d.referral.neurology,
      neurologyOnsetAt: d.referral.neurologyOnsetAt?.toISOString(),
      ambulatoryStatus: d.referral.ambulatoryStatus,
      referrerName: d.referral.referrerName,
      referrerRole: d.referral.referrerRole,
      primaryCancer: d.referral.primaryCancer,
    });
    expect(same(after)).toEqual(same(before));
    expect(clockInstants(after.clocks)).toEqual(clockInstants(before.clocks));
    expect(after.clocks.filter((c) => c.stopAt !== null).map((c) => c.id)).toEqual(["triage", "dexamethasone", "mri", "treatment_plan", "radiotherapy", "physiotherapy_assessment"]);
    expect(after.referral.status).toBe("in_treatment");
    const audits = await getDb().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(["referral.create", "referral.event.triaged", "referral.import_fhir"]));
  });

  it("refuses the same patient again while the imported referral is open (409), writing nothing", async () => {
    const before = await rowCounts();
    const answer = await call(importFhir, { token: coordinator.token, body: bundle });
    expect(answer.status).toBe(409);
    expect(Object.keys(answer.body.error.fields)).toEqual([expect.stringMatching(/^Bundle\.entry\[\d+\]\.resource\.identifier\[0\]\.value$/)]);
    expect(await rowCounts()).toEqual(before);
  });

  const serviceRequestUrl = () => bundle.entry.find((e: Json) => e.resource.resourceType === "ServiceRequest" && !e.resource.basedOn).fullUrl as string;
  /** The paths inside a resource of every reference to one fullUrl. */
  const referencePaths = (node: unknown, at: string, target: string): string[] => {
    if (Array.isArray(node)) return node.flatMap((x, i) => referencePaths(x, `${at}[${i}]`, target));
    if (node === null || typeof node !== "object") return [];
    return Object.entries(node).flatMap(([k, v]) => (k === "reference" && v === target ? [`${at}.reference`] : referencePaths(v, `${at}.${k}`, target)));
  };
  const patientIndex = () => bundle.entry.findIndex((e: Json) => e.resource.resourceType === "Patient");
  const indexOf = (type: string) => bundle.entry.findIndex((e: Json) => e.resource.resourceType === type);
  const withNewPatient = () => {
    const copy = structuredClone(bundle);
    copy.entry[patientIndex()].resource.identifier.find((i: Json) => i.system === NHS_NUMBER_SYSTEM).value = newNhsNumber();
    return copy;
  };

  it.each([
    ["a resource that is not a Bundle", () => ({ ...bundle, resourceType: "Patient" }), () => ["Bundle.resourceType"]],
    [
      "a Bundle without the referral's ServiceRequest",
      () => ({ ...bundle, entry: bundle.entry.filter((e: Json) => e.fullUrl !== serviceRequestUrl()) }),
      // Everything that pointed at it is a broken reference too, each at its own path.
      () => ["Bundle.entry", ...bundle.entry.filter((e: Json) => e.fullUrl !== serviceRequestUrl()).flatMap((e: Json, i: number) => referencePaths(e.resource, `Bundle.entry[${i}].resource`, serviceRequestUrl()))],
    ],
    [
      "a bad NHS number",
      () => {
        const copy = structuredClone(bundle);
        copy.entry[patientIndex()].resource.identifier[0].value = "9434765918";
        return copy;
      },
      () => [`Bundle.entry[${patientIndex()}].resource.identifier[0].value`],
    ],
    [
      "a broken reference",
      () => {
        const copy = withNewPatient();
        copy.entry[indexOf("ServiceRequest")].resource.subject = { reference: "urn:uuid:99999999-9999-4999-8999-999999999999" };
        return copy;
      },
      () => [`Bundle.entry[${indexOf("ServiceRequest")}].resource.subject.reference`],
    ],
    [
      "elements of the wrong type",
      () => {
        const copy = withNewPatient();
        copy.entry[patientIndex()].resource.birthDate = 19500307;
        copy.entry[indexOf("ServiceRequest")].resource.authoredOn = { at: "yesterday" };
        return copy;
      },
      () => [`Bundle.entry[${patientIndex()}].resource.birthDate`, `Bundle.entry[${indexOf("ServiceRequest")}].resource.authoredOn`],
    ],
  ])("refuses %s with 400 and the FHIR path of each problem, writing nothing", async (_name, make, paths) => {
    const before = await rowCounts();
    const answer = await call(importFhir, { token: coordinator.token, body: make() });
    expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    expect(answer.body.error.code).toBe("validation");
    expect(Object.keys(answer.body.error.fields).sort()).toEqual(paths().sort());
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses an event the pathway rules refuse (422 at its path) and rolls back the referral and patient already written", async () => {
    const copy = withNewPatient();
    const treatment = copy.entry.findIndex((e: Json) => e.resource.resourceType === "Procedure" && JSON.stringify(e.resource.code).includes("treatment_started"));
    copy.entry[treatment].resource.performedDateTime = new Date(Date.now() + 2 * HOUR).toISOString();
    const before = await rowCounts();
    const answer = await call(importFhir, { token: coordinator.token, body: copy });
    expect(answer.status, JSON.stringify(answer.body)).toBe(422);
    expect(Object.keys(answer.body.error.fields)).toEqual([`Bundle.entry[${treatment}].resource.performedDateTime`]);
    expect(await rowCounts()).toEqual(before);
  });
});
