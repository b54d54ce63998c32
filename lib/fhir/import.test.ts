import { describe, expect, it } from "vitest";
import { computeClocks, DEFAULT_PATHWAY_SETTINGS, type ClockEvent } from "@/lib/domain/clocks";
import { NHS_NUMBER_SYSTEM } from "./coding";
import { referralToFhirBundle, type FhirBundle } from "./export";
import { importReferralBundle, toFhirFields } from "./import";
import { at, NOW, referralSource } from "./test-fixture";

const exported = () => JSON.parse(JSON.stringify(referralToFhirBundle(referralSource(), NOW))) as FhirBundle & { entry: { resource: Record<string, unknown> }[] };
const entryOf = (b: ReturnType<typeof exported>, type: string, i = 0) => {
  const index = b.entry.map((e, n) => [e.resource.resourceType, n] as const).filter(([t]) => t === type)[i]?.[1];
  if (index === undefined) throw new Error(`no ${type}`);
  return { index, resource: b.entry[index]?.resource as Record<string, unknown> };
};
const refused = (body: unknown) => {
  const result = importReferralBundle(body);
  if (result.ok) throw new Error("the Bundle was accepted");
  return result.fields;
};

describe("importReferralBundle", () => {
  it("reads an exported referral back as the form's input and the events the clocks read", () => {
    const result = importReferralBundle(exported());
    if (!result.ok) throw new Error(JSON.stringify(result.fields));
    expect(result.referral).toMatchObject({
      nhsNumber: "9434765919",
      givenName: "Margaret",
      familyName: "Jones",
      dateOfBirth: "1950-03-07",
      hospitalNumber: "H123456",
      phone: "07700 900000",
      location: "home",
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
      // The dose given before the referral was received comes back with the referral, as on the form.
      dexamethasoneGivenAt: at(31),
      dexamethasoneDoseMg: 16,
    });
    expect(result.events.map((e) => `${e.event.type}@${e.event.occurredAt.toISOString()}`)).toEqual([
      `triaged@${at(29.5).toISOString()}`,
      `dexamethasone_given@${at(20).toISOString()}`,
      `imaging_performed@${at(20.5).toISOString()}`,
      `imaging_reported@${at(19.5).toISOString()}`,
      `score_recorded@${at(19).toISOString()}`,
      `score_recorded@${at(19).toISOString()}`,
      `decision@${at(18).toISOString()}`,
      `treatment_started@${at(10).toISOString()}`,
    ].sort((a, b) => a.split("@")[1]!.localeCompare(b.split("@")[1]!)));
    expect(result.events.find((e) => e.event.type === "score_recorded")?.event.data).toMatchObject({ scale: "sins", total: 8, location: "junctional" });
  });

  it("gives back the same clocks when its events are replayed", () => {
    const source = referralSource();
    const result = importReferralBundle(exported());
    if (!result.ok) throw new Error(JSON.stringify(result.fields));
    const events: ClockEvent[] = [
      { id: "before", type: "dexamethasone_given", occurredAt: result.referral.dexamethasoneGivenAt as Date, data: {} },
      ...result.events.map((e, i) => ({ id: `e${i}`, type: e.event.type, occurredAt: e.event.occurredAt, data: e.event.data })),
    ];
    const category = result.events.find((e) => e.event.type === "triaged")?.event.data.category as "suspected_mscc";
    const replayed = computeClocks({ category, receivedAt: result.referral.receivedAt as Date, events, settingsHistory: [{ effectiveFrom: new Date(0), settings: DEFAULT_PATHWAY_SETTINGS }] }, NOW);
    const instants = (clocks: readonly (typeof replayed)[number][]) => clocks.map((c) => ({ id: c.id, status: c.status, startAt: c.startAt, dueAt: c.dueAt, stopAt: c.stopAt }));
    expect(instants(replayed)).toEqual(instants(source.clocks));
    expect(replayed.filter((c) => c.stopAt !== null).length).toBeGreaterThanOrEqual(5);
  });

  it("refuses what is not a Bundle, at its path", () => {
    expect(refused({ resourceType: "Patient" })).toMatchObject({ "Bundle.resourceType": [expect.stringContaining("Bundle")] });
    expect(Object.keys(refused({ resourceType: "Bundle", type: "collection", entry: [] }))).toEqual(["Bundle.entry"]);
    expect(Object.keys(refused([]))).toEqual(["Bundle"]);
  });

  it("refuses a Bundle without the referral's ServiceRequest", () => {
    const b = exported();
    b.entry = b.entry.filter((e) => e.resource.resourceType !== "ServiceRequest");
    expect(refused(b)["Bundle.entry"]).toEqual([expect.stringContaining("no ServiceRequest")]);
  });

  it("refuses a bad NHS number with the form's own message at the identifier's path", () => {
    const b = exported();
    const patient = entryOf(b, "Patient");
    (patient.resource.identifier as { system: string; value: string }[])[0]!.value = "9434765918";
    const fields = refused(b);
    expect(Object.keys(fields)).toEqual([`Bundle.entry[${patient.index}].resource.identifier[0].value`]);
    expect(fields[`Bundle.entry[${patient.index}].resource.identifier[0].value`]?.[0]).toMatch(/NHS number/i);
  });

  it("refuses a reference to nothing in the Bundle, at the reference", () => {
    const b = exported();
    const task = entryOf(b, "Task");
    task.resource.focus = { reference: "urn:uuid:99999999-9999-4999-8999-999999999999" };
    expect(Object.keys(refused(b))).toEqual([`Bundle.entry[${task.index}].resource.focus.reference`]);
  });

  it("refuses elements of the wrong type, and an event the events API would refuse, each at its path", () => {
    const wrongType = exported();
    const patient = entryOf(wrongType, "Patient");
    patient.resource.birthDate = 19500307;
    (entryOf(wrongType, "ServiceRequest").resource.reasonCode as unknown[]).push("limb_weakness");
    expect(Object.keys(refused(wrongType))).toEqual([`Bundle.entry[${patient.index}].resource.birthDate`, `Bundle.entry[${entryOf(wrongType, "ServiceRequest").index}].resource.reasonCode[4]`]);

    const overdose = exported();
    const dose = entryOf(overdose, "MedicationAdministration", 1);
    (dose.resource.dosage as { dose: { value: number } }).dose.value = 500;
    expect(refused(overdose)).toEqual({ [`Bundle.entry[${dose.index}].resource.dosage.dose.value`]: ["A dose above 100 mg is not plausible"] });
  });

  it("maps the form's and the mutations' fields to FHIR paths, the rest to the resource", () => {
    expect(toFhirFields({ receivedAt: ["in the future"], "data.doseMg": ["too much"], other: ["x"] }, { receivedAt: "SR.authoredOn", "data.doseMg": "MA.dosage.dose.value" }, "SR")).toEqual({
      "SR.authoredOn": ["in the future"],
      "MA.dosage.dose.value": ["too much"],
      SR: ["x"],
    });
  });

  it("finds the NHS number by its system, wherever it is in the list", () => {
    const b = exported();
    const patient = entryOf(b, "Patient");
    patient.resource.identifier = [{ system: "https://example.org/mrn", value: "X1" }, { system: NHS_NUMBER_SYSTEM, value: "943 476 5919" }];
    const result = importReferralBundle(b);
    expect(result.ok && result.referral.nhsNumber).toBe("9434765919");
  });
});
