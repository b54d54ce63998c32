import "server-only";
import { randomUUID } from "node:crypto";
import type { Role } from "@/lib/auth/roles";
import { hashPassword } from "@/lib/auth/passwords";
import { nhsCheckDigit } from "@/lib/domain/nhs-number";
import type { EquipmentKind, EquipmentStatus } from "@/lib/domain/equipment";
import type { ReferralEventType } from "@/lib/domain/referral-events";
import { CHECKLIST_ITEMS, type Checklist } from "@/lib/domain/rehabilitation";
import { addCalendarDays, londonDate, parseLondonLocalDateTime } from "@/lib/domain/time-format";
import {
  NEUROLOGY,
  WARNING_SYMPTOMS,
  type AmbulatoryStatus,
  type HaematologicalSuspicion,
  type KnownMetastasis,
  type NeurologySign,
  type PatientLocation,
  type ReferralCategory,
  type ReferralStatus,
  type ReferrerRole,
  type WarningSymptom,
} from "@/lib/domain/vocabulary";
import type { Db } from "./client";
import { recordAudit } from "./mutations/audit";
import { refreshWorklistSummaries } from "./mutations/worklist";
import { equipmentItems, patients, referralEvents, referrals, rehabPlans, rotaShifts, users, type NewPatient, type NewReferral, type NewReferralEvent } from "./schema";

/** Demo accounts. The `.test` TLD is reserved (RFC 2606), so these addresses can never reach a real person. */
export const DEMO_USERS: readonly { email: string; name: string; role: Role; password: string }[] = [
  { email: "coordinator@mscc.test", name: "Aisha Khan", role: "coordinator", password: "demo-coordinator-2026" },
  { email: "registrar@mscc.test", name: "Dr James Okoro", role: "registrar", password: "demo-registrar-2026" },
  { email: "registrar2@mscc.test", name: "Dr Emily Walsh", role: "registrar", password: "demo-registrar2-2026" },
  { email: "discharge@mscc.test", name: "Grace Mensah", role: "discharge", password: "demo-discharge-2026" },
  { email: "admin@mscc.test", name: "Robert Hughes", role: "admin", password: "demo-admin-2026" },
];

const SEED = 0x4d5343; // "MSC": any fixed number; the same `now` then always gives the same demo data.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// How many referrals of each status, and how long ago they arrived (pathway.md: every status must be visible).
const STATUS_PLAN: readonly { status: ReferralStatus; count: number; agoMin: number; agoMax: number }[] = [
  { status: "new", count: 4, agoMin: 10 * MINUTE, agoMax: 3 * HOUR },
  { status: "triaged", count: 3, agoMin: 1 * HOUR, agoMax: 10 * HOUR },
  { status: "awaiting_imaging", count: 5, agoMin: 2 * HOUR, agoMax: 20 * HOUR },
  { status: "imaging_reported", count: 3, agoMin: 10 * HOUR, agoMax: 40 * HOUR },
  { status: "treatment_planned", count: 4, agoMin: 1 * DAY, agoMax: 3 * DAY },
  { status: "in_treatment", count: 5, agoMin: 2 * DAY, agoMax: 6 * DAY },
  { status: "rehabilitation", count: 5, agoMin: 5 * DAY, agoMax: 20 * DAY },
  { status: "discharged", count: 4, agoMin: 12 * DAY, agoMax: 30 * DAY },
  { status: "closed", count: 3, agoMin: 2 * DAY, agoMax: 30 * DAY },
  { status: "mscc_excluded", count: 2, agoMin: 2 * DAY, agoMax: 30 * DAY },
  { status: "withdrawn", count: 2, agoMin: 2 * DAY, agoMax: 30 * DAY },
];

// Depth of the pathway each status has reached; the terminal side branches are handled on their own.
export const STAGE: Partial<Record<ReferralStatus, number>> = {
  new: 0,
  triaged: 1,
  awaiting_imaging: 2,
  imaging_reported: 3,
  treatment_planned: 4,
  in_treatment: 5,
  rehabilitation: 6,
  discharged: 7,
};

const GIVEN_NAMES = [
  "Margaret", "John", "Priya", "David", "Fatima", "Michael", "Siobhan", "Tariq", "Eleanor", "Kwame",
  "Susan", "Rajesh", "Helen", "Oluwaseun", "Patricia", "Gareth", "Nasreen", "Peter", "Mei", "Andrew",
  "Bernadette", "Imran", "Catherine", "Desmond", "Agnieszka", "Alan", "Yasmin", "Colin", "Chiamaka", "Brian",
  "Hannah", "Vikram", "Doreen", "Ahmed", "Sandra", "Rhys", "Blessing", "Trevor", "Ayesha", "Malcolm",
];
const FAMILY_NAMES = [
  "Thompson", "Ahmed", "O'Brien", "Patel", "Jones", "Nowak", "Williams", "Hussain", "Campbell", "Adeyemi",
  "Evans", "Chowdhury", "MacDonald", "Singh", "Roberts", "Okafor", "Davies", "Begum", "Murphy", "Wong",
  "Clarke", "Mensah", "Hughes", "Kaur", "Fraser", "Ali", "Lewis", "Kowalski", "Taylor", "Boateng",
  "Wright", "Iqbal", "Morgan", "Chen", "Walker", "Mahmood", "Kelly", "Osei", "Baker", "Sharma",
];

const PRIMARY_CANCERS = [
  { value: "Breast", weight: 20 },
  { value: "Prostate", weight: 20 },
  { value: "Lung", weight: 18 },
  { value: "Renal", weight: 7 },
  { value: "Myeloma", weight: 8 },
  { value: "Lymphoma", weight: 5 },
  { value: "Unknown primary", weight: 8 },
  { value: "Colorectal", weight: 8 },
  { value: "Melanoma", weight: 4 },
] as const;

const REFERRER_ROLE_WEIGHTS: readonly { value: ReferrerRole; weight: number }[] = [
  { value: "gp", weight: 25 },
  { value: "key_worker", weight: 20 },
  { value: "consultant_team", weight: 15 },
  { value: "clinical_nurse_specialist", weight: 15 },
  { value: "treatment_radiographer", weight: 5 },
  { value: "paramedic", weight: 10 },
  { value: "other", weight: 10 },
];

const REFERRER_PEOPLE = [
  "Sarah Patel", "Tom Fletcher", "Nkechi Eze", "Claire Dobson", "Hamza Rashid", "Fiona Grant",
  "Ben Kowalczyk", "Lucy Anand", "Owen Price", "Joanne Reid", "Sanjay Mistry", "Rachel Byrne",
];
const GP_SURGERIES = ["Riverside Surgery", "Oakfield Medical Centre", "Northgate Health Centre", "Mill Lane Practice", "Harbour View Surgery"];
const HOSPITALS = ["Westbrook General Hospital", "St Aldric's Hospital", "Kingsmead Community Hospital"];

const NEUROLOGY_SIGNS = Object.keys(NEUROLOGY) as NeurologySign[];
const SYMPTOMS = Object.keys(WARNING_SYMPTOMS) as WarningSymptom[];
const SPINE_LEVELS = ["T10-T11", "T4", "T7-T9", "L1-L2", "C6-C7", "T12-L1", "T5-T6", "L3"];
const BREACH_REASONS = [
  "mri_capacity",
  "patient_unfit_or_declined",
  "awaiting_transfer",
  "clinical_decision",
  "information_missing",
  "out_of_hours_delay",
] as const;
const WITHDRAWN_NOTES = [
  "Patient admitted elsewhere: care taken over by their local MSCC team",
  "Patient declined further investigation after discussion with family",
  "Duplicate referral: already under the acute oncology team",
];
const THERAPY_NOTES = {
  physiotherapy: [
    "Bed exercises taught; sitting out with two and a frame once the spine is cleared",
    "Transfers with a slide sheet and two staff; not yet standing",
    "Walking 10 m with a frame and one to assist; stairs not yet tried",
  ],
  occupationalTherapy: [
    "Home visit booked: downstairs living, commode and a profiling bed needed",
    "Wheelchair and pressure cushion measured; ramp to the front door to be assessed",
    "Washing and dressing with help of one; perching stool and rails for home",
  ],
} as const;

const CLOSED_NOTES = [
  "Advice only: pain without neurology, known stable bone metastases; GP to review analgesia, re-refer if new symptoms",
  "Advice only: back pain after a fall, no red flags; patient told to call again with any weakness or numbness",
  "Advice only: discussed with registrar, not MSCC; referred back to oncology clinic this week",
];

const DECISION_NOTES = {
  radiotherapy_planned: "Plan agreed with clinical oncologist: 8 Gy single fraction palliative radiotherapy",
  surgery_planned: "Spinal surgeon: decompression and stabilisation (SINS 13, unstable)",
  systemic_therapy: "Haematology/oncology: urgent systemic therapy; radiotherapy held in reserve",
  best_supportive_care: "Poor performance status: best supportive care agreed with patient and family",
} as const;

export type Rng = () => number;

/** mulberry32: tiny, fast and good enough for demo data; seeded so the data is reproducible. */
/** A small seeded random generator: the same seed gives the same demo (and benchmark) data. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

function weighted<T>(rng: Rng, items: readonly { value: T; weight: number }[]): T {
  const total = items.reduce((sum, i) => sum + i.weight, 0);
  let r = rng() * total;
  for (const item of items) {
    r -= item.weight;
    if (r < 0) return item.value;
  }
  const last = items[items.length - 1];
  if (last === undefined) throw new Error("weighted pick from an empty list");
  return last.value;
}

function between(rng: Rng, min: number, max: number): number {
  return min + rng() * (max - min);
}

function intBetween(rng: Rng, min: number, max: number): number {
  return Math.floor(between(rng, min, max + 1));
}

/** Distinct items, `n` of them, in the list's own order. */
function sample<T>(rng: Rng, items: readonly T[], n: number): T[] {
  const chosen = new Set<T>();
  while (chosen.size < Math.min(n, items.length)) chosen.add(pick(rng, items));
  return items.filter((i) => chosen.has(i));
}

function digits(rng: Rng, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += String(Math.floor(rng() * 10));
  return s;
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

interface PlannedEvent {
  type: ReferralEventType;
  offset: number; // ms after receipt
  by: string;
  data: Record<string, unknown>;
  /** Recorded this long after it happened, instead of a random lag (so the event draws nothing from the stream). */
  recordedAfter?: number;
}

interface DemoUserIds {
  coordinator: string;
  registrars: readonly string[];
  discharge: string;
}

export async function seedDemoData(db: Db, options: { withPasswords: boolean; now?: Date }): Promise<{ users: number; referrals: number }> {
  const now = options.now ?? new Date();
  // Hashing is slow (argon2), so it happens before the transaction opens.
  const hashes = options.withPasswords ? await Promise.all(DEMO_USERS.map((u) => hashPassword(u.password))) : DEMO_USERS.map(() => null);

  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).limit(1);
    if (existing) throw new Error("The database already has users: demo data is only loaded into an empty database");

    const insertedUsers = await tx
      .insert(users)
      .values(DEMO_USERS.map((u, i) => ({ email: u.email, name: u.name, role: u.role, passwordHash: hashes[i] ?? null })))
      .returning({ id: users.id, email: users.email });
    const idOf = (email: string): string => {
      const found = insertedUsers.find((u) => u.email === email);
      if (!found) throw new Error(`demo user ${email} was not inserted`);
      return found.id;
    };
    const ids: DemoUserIds = {
      coordinator: idOf("coordinator@mscc.test"),
      registrars: [idOf("registrar@mscc.test"), idOf("registrar2@mscc.test")],
      discharge: idOf("discharge@mscc.test"),
    };

    const data = buildDemoReferrals(ids, now);
    await tx.insert(patients).values(data.patients);
    await tx.insert(referrals).values(data.referrals);
    await tx.insert(referralEvents).values(data.events);
    const rehabilitation = buildDemoRehabilitation(ids, data, now);
    if (rehabilitation.plans.length > 0) {
      await tx.insert(rehabPlans).values(rehabilitation.plans);
      await tx.insert(equipmentItems).values(rehabilitation.equipment);
    }
    await refreshWorklistSummaries(tx, data.referrals.map((r) => r.id as string));
    await tx.insert(rotaShifts).values(buildDemoRota(ids, now));

    const result = { users: insertedUsers.length, referrals: data.referrals.length };
    await recordAudit(tx, { actorId: null, action: "seed.demo_data", entityType: "database", after: result });
    return result;
  });
}

const DEMO_ON_CALL_AHEAD = 2 * HOUR;

/**
 * The demo rota: 12-hour shifts changing hands at 08:00 and 20:00 London time, from 2 days ago to 14 days ahead;
 * the two registrars alternate first on call (registrar@ now, for at least 2 hours) and the coordinator is second
 * line throughout, except one first-line shift left empty 5 days ahead so the rota's gap warning has something to
 * show.
 */
function buildDemoRota(ids: DemoUserIds, now: Date): (typeof rotaShifts.$inferInsert)[] {
  const [y, m, d] = londonDate(now).split("-").map(Number) as [number, number, number];
  const changes: Date[] = [];
  for (let k = -3; k <= 15; k++) {
    const date = new Date(Date.UTC(y, m - 1, d + k)).toISOString().slice(0, 10);
    for (const time of ["08:00", "20:00"]) {
      const change = parseLondonLocalDateTime(`${date}T${time}`);
      if (change) changes.push(change);
    }
  }
  const first = changes.findLastIndex((c) => c.getTime() <= now.getTime() - 2 * DAY);
  const last = changes.findIndex((c) => c.getTime() >= now.getTime() + 14 * DAY);
  const spans = changes.slice(first, last + 1).flatMap((startsAt, i, all) => (all[i + 1] ? [{ startsAt, endsAt: all[i + 1] as Date }] : []));
  // The first demo registrar holds the shift covering now, whatever the hour (the browser suite relies on it), and
  // for at least DEMO_ON_CALL_AHEAD: seeded just before a handover, the shift runs on to the one after, so a suite
  // started at 07:55 does not find the other registrar on call at 08:00 (it did, once).
  const current = spans.findIndex((s) => s.startsAt.getTime() <= now.getTime() && now.getTime() < s.endsAt.getTime());
  const [holding, following] = [spans[current], spans[current + 1]];
  if (holding && following && holding.endsAt.getTime() - now.getTime() < DEMO_ON_CALL_AHEAD) {
    spans.splice(current, 2, { startsAt: holding.startsAt, endsAt: following.endsAt });
  }
  const gap = spans.findIndex((s) => s.startsAt.getTime() >= now.getTime() + 5 * DAY);
  return spans.flatMap((span, i) => [
    ...(i === gap ? [] : [{ line: "first" as const, userId: ids.registrars[Math.abs(i - current) % 2] as string, ...span, createdBy: ids.coordinator }]),
    { line: "second" as const, userId: ids.coordinator, ...span, createdBy: ids.coordinator },
  ]);
}

const KEY_WORKERS = ["Grace Mensah (discharge coordinator)", "Tom Reilly (physiotherapist)", "Priya Nair (occupational therapist)"];

/**
 * A plan and three equipment items for each referral on the rehabilitation step, so the referral page and the
 * discharge board have something to show: one item delivered, one blocking discharge (overdue for the first
 * patient), one not blocking. Derived from the referral's place in the list, without drawing from the random
 * stream, so the rest of the demo data is unchanged.
 */
function buildDemoRehabilitation(
  ids: DemoUserIds,
  data: { referrals: NewReferral[]; events: NewReferralEvent[] },
  now: Date,
): { plans: (typeof rehabPlans.$inferInsert)[]; equipment: (typeof equipmentItems.$inferInsert)[] } {
  const today = londonDate(now);
  const plans: (typeof rehabPlans.$inferInsert)[] = [];
  const equipment: (typeof equipmentItems.$inferInsert)[] = [];
  data.referrals
    .filter((r) => r.status === "rehabilitation")
    .forEach((referral, k) => {
      const referralId = referral.id as string;
      const startedAt =
        data.events.find((e) => e.referralId === referralId && e.type === "status_changed" && (e.data as { to?: string }).to === "rehabilitation")?.occurredAt ?? now;
      const since = (days: number) => new Date(Math.min(now.getTime(), startedAt.getTime() + days * DAY));
      // The first items of the checklist done, more of them the longer the patient has been on this step.
      const checklist: Checklist = Object.fromEntries(
        CHECKLIST_ITEMS.map((item, i) => [item, item === "chc_fast_track" && k % 2 === 0 ? { state: "not_needed" } : { state: i < 3 + k ? "done" : "open" }]),
      );
      plans.push({
        referralId,
        keyWorkerName: KEY_WORKERS[k % KEY_WORKERS.length],
        keyWorkerContact: `Bleep ${4400 + k * 7}`,
        goals: k % 2 === 0 ? "Transfers with one carer; home with a package of care" : "Walking with a frame on the ward; stairs with supervision",
        medicallyFitAt: k % 2 === 0 ? since(1) : null,
        checklist,
        destination: k % 3 === 2 ? "specialist_rehab_unit" : "home",
        expectedDischargeOn: addCalendarDays(today, 2 + k),
        createdBy: ids.discharge,
        createdAt: startedAt,
        updatedBy: ids.discharge,
        updatedAt: since(1),
      });
      const item = (kind: EquipmentKind, status: EquipmentStatus, extra: Partial<typeof equipmentItems.$inferInsert>) =>
        equipment.push({ referralId, kind, status, owner: KEY_WORKERS[(k + 1) % KEY_WORKERS.length], createdBy: ids.discharge, createdAt: since(0), updatedBy: ids.discharge, updatedAt: since(1), ...extra });
      item("pressure_mattress", "delivered", { supplier: "Community equipment store", requestedOn: londonDate(since(0)), deliveredOn: londonDate(since(1)) });
      item("hoist_slings", "ordered", {
        supplier: "Community equipment store",
        requestedOn: londonDate(since(0)),
        // The first patient's hoist is late, so "Overdue" shows.
        expectedOn: k === 0 ? addCalendarDays(today, -1) : addCalendarDays(today, 1 + k),
        blocksDischarge: true,
        blockingSince: since(0),
        notes: "Needed before the patient can go home",
      });
      item(k % 2 === 0 ? "rails" : "wheelchair_cushion", k % 2 === 0 ? "requested" : "needed", { supplier: k % 2 === 0 ? "Council home adaptations" : "Wheelchair service" });
    });
  return { plans, equipment };
}

function buildDemoReferrals(ids: DemoUserIds, now: Date): { patients: NewPatient[]; referrals: NewReferral[]; events: NewReferralEvent[] } {
  const rng = mulberry32(SEED);
  const nowMs = now.getTime();
  const newPatients: NewPatient[] = [];
  const newReferrals: NewReferral[] = [];
  const newEvents: NewReferralEvent[] = [];
  const usedNhs = new Set<string>();
  const usedHospital = new Set<string>();
  const usedNames = new Set<string>();
  let lateTriagesLeft = 2;

  for (const plan of STATUS_PLAN) {
    for (let n = 0; n < plan.count; n++) {
      const status = plan.status;

      let nhsNumber = "";
      while (nhsNumber === "" || usedNhs.has(nhsNumber)) {
        const firstNine = `999${digits(rng, 6)}`;
        const check = nhsCheckDigit(firstNine);
        nhsNumber = check === null ? "" : `${firstNine}${check}`;
      }
      usedNhs.add(nhsNumber);
      let hospitalNumber = "";
      while (hospitalNumber === "" || usedHospital.has(hospitalNumber)) hospitalNumber = `RXH${digits(rng, 7)}`;
      usedHospital.add(hospitalNumber);
      let givenName = "";
      let familyName = "";
      while (givenName === "" || usedNames.has(`${givenName} ${familyName}`)) {
        givenName = pick(rng, GIVEN_NAMES);
        familyName = pick(rng, FAMILY_NAMES);
      }
      usedNames.add(`${givenName} ${familyName}`);
      const age = intBetween(rng, 35, 90);
      const birthDaysBack = age * 365.25 + between(rng, 0, 364);
      const location = weighted<PatientLocation>(rng, [
        { value: "home", weight: 6 },
        { value: "ward", weight: 3 },
        { value: "other_hospital", weight: 1 },
      ]);
      const phone = `07700 900${digits(rng, 3)}`;

      const category: ReferralCategory =
        status === "closed" ? "not_mscc" : status === "mscc_excluded" || rng() < 0.7 ? "suspected_mscc" : "suspected_spinal_metastases";
      const mscc = category === "suspected_mscc";
      const neurology = mscc ? sample(rng, NEUROLOGY_SIGNS, intBetween(rng, 1, 3)) : [];
      const onsetBefore = between(rng, 2 * HOUR, 96 * HOUR);
      const symptoms = sample(rng, SYMPTOMS, intBetween(rng, 1, 4));
      const ambulatoryStatus = weighted<AmbulatoryStatus>(
        rng,
        mscc
          ? [
              { value: "walks_unaided", weight: 2 },
              { value: "walks_with_aid", weight: 4.5 },
              { value: "unable_to_walk", weight: 3.5 },
            ]
          : [
              { value: "walks_unaided", weight: 6.5 },
              { value: "walks_with_aid", weight: 3 },
              { value: "unable_to_walk", weight: 0.5 },
            ],
      );
      const primaryCancer = weighted(rng, PRIMARY_CANCERS);
      const referrerRole = weighted(rng, REFERRER_ROLE_WEIGHTS);
      const referrer = describeReferrer(rng, referrerRole);
      const registrar = pick(rng, ids.registrars);

      // The first two suspected MSCC referrals that reach triage are triaged late (over 1 h), for the clocks to show.
      const lateTriage = mscc && status !== "new" && lateTriagesLeft > 0;
      if (lateTriage) lateTriagesLeft--;
      const events = planEvents(rng, {
        status,
        category,
        location,
        primaryCancer,
        ambulatoryStatus,
        registrar,
        ids,
        lateTriage,
      });

      // Received early enough for its last event to have happened (and been recorded) before now.
      const lastOffset = Math.max(...events.map((e) => e.offset));
      const agoMin = Math.max(plan.agoMin, lastOffset + 10 * MINUTE);
      const ago = agoMin < plan.agoMax ? between(rng, agoMin, plan.agoMax) : agoMin;
      const receivedMs = Math.floor((nowMs - ago) / 1000) * 1000;

      const referralId = randomUUID();
      const patientId = randomUUID();
      const timeline = events
        .map((e) => {
          const occurredMs = receivedMs + Math.round(e.offset / 1000) * 1000;
          const lag = e.recordedAfter ?? Math.round(between(rng, 0, 10) * 60) * 1000;
          const recordedMs = Math.min(nowMs, occurredMs + lag);
          return { ...e, occurredAt: new Date(occurredMs), recordedAt: new Date(Math.max(occurredMs, recordedMs)) };
        })
        .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
      const first = timeline[0];
      const last = timeline[timeline.length - 1];
      if (!first || !last) throw new Error("a referral without events");

      newPatients.push({
        id: patientId,
        nhsNumber,
        hospitalNumber,
        givenName,
        familyName,
        dateOfBirth: isoDate(new Date(nowMs - birthDaysBack * DAY)),
        phone,
        location,
        createdAt: first.recordedAt,
        updatedAt: first.recordedAt,
      });
      newReferrals.push({
        id: referralId,
        patientId,
        status,
        category,
        receivedAt: new Date(receivedMs),
        referrerName: referrer.name,
        referrerRole,
        referrerOrganisation: referrer.organisation,
        referrerContact: referrer.contact,
        symptoms,
        neurology,
        neurologyOnsetAt: mscc ? new Date(receivedMs - Math.round(onsetBefore / MINUTE) * MINUTE) : null,
        ambulatoryStatus,
        primaryCancer,
        ...cancerHistory(primaryCancer, status, newReferrals.length),
        assignedRegistrarId: status === "new" ? null : registrar,
        version: timeline.length,
        createdBy: ids.coordinator,
        updatedBy: ids.coordinator,
        createdAt: first.recordedAt,
        updatedAt: last.recordedAt,
      });
      for (const e of timeline) {
        newEvents.push({ referralId, type: e.type, occurredAt: e.occurredAt, recordedAt: e.recordedAt, recordedBy: e.by, data: e.data });
      }
    }
  }
  return { patients: newPatients, referrals: newReferrals, events: newEvents };
}

function describeReferrer(rng: Rng, role: ReferrerRole): { name: string; organisation: string; contact: string } {
  const person = pick(rng, REFERRER_PEOPLE);
  const hospital = pick(rng, HOSPITALS);
  const phone = `01632 960${digits(rng, 3)}`;
  switch (role) {
    case "gp":
      return { name: `Dr ${person}`, organisation: pick(rng, GP_SURGERIES), contact: phone };
    case "key_worker":
      return { name: person, organisation: `Oncology key worker team, ${hospital}`, contact: phone };
    case "consultant_team":
      return { name: `Dr ${person}`, organisation: `Clinical oncology, ${hospital}`, contact: `Bleep ${digits(rng, 4)} via switchboard` };
    case "clinical_nurse_specialist":
      return { name: person, organisation: `Cancer nurse specialists, ${hospital}`, contact: phone };
    case "treatment_radiographer":
      return { name: person, organisation: `Radiotherapy department, ${hospital}`, contact: phone };
    case "paramedic":
      return { name: person, organisation: "Regional Ambulance Service", contact: `Control room ${phone}` };
    case "other":
      return { name: `Dr ${person}`, organisation: `Emergency department, ${hospital}`, contact: phone };
  }
}

interface EventPlanInput {
  status: ReferralStatus;
  category: ReferralCategory;
  location: PatientLocation;
  primaryCancer: string;
  ambulatoryStatus: AmbulatoryStatus;
  registrar: string;
  ids: DemoUserIds;
  lateTriage: boolean;
}

/** The referral's timeline as offsets from receipt; the caller places it in time. */
function planEvents(rng: Rng, p: EventPlanInput): PlannedEvent[] {
  const { ids } = p;
  const mscc = p.category === "suspected_mscc";
  const events: PlannedEvent[] = [{ type: "received", offset: 0, by: ids.coordinator, data: { channel: "phone" } }];
  const add = (type: ReferralEventType, offset: number, by: string, data: Record<string, unknown> = {}) => {
    events.push({ type, offset, by, data });
    return offset;
  };

  if (p.status === "new") return events;

  // Triage and escalation: every referral past "new" got this far.
  const triageAt = (p.lateTriage ? between(rng, 65, 90) : mscc ? between(rng, 15, 55) : between(rng, 15, 90)) * MINUTE;
  const immobilise = mscc && rng() < 0.5;
  const advice: string[] = [];
  if (immobilise) advice.push("immobilisation");
  if (mscc) advice.push("dexamethasone");
  if (p.category !== "not_mscc" && (mscc ? p.location !== "ward" : rng() < 0.3)) advice.push("attend_hospital");
  add("triaged", triageAt, ids.coordinator, { category: p.category, advice });
  if (immobilise) add("immobilisation_advised", triageAt + between(rng, 0, 5) * MINUTE, ids.coordinator);
  const escalatedAt = add("escalated", triageAt + 5 * MINUTE, ids.coordinator, { toUserId: p.registrar });
  const acknowledgedAt = add("acknowledged", escalatedAt + between(rng, 2, 20) * MINUTE, p.registrar);

  if (p.status === "closed") {
    const noteAt = add("note", acknowledgedAt + between(rng, 10, 60) * MINUTE, ids.coordinator, { text: pick(rng, CLOSED_NOTES) });
    add("status_changed", noteAt + MINUTE, ids.coordinator, { from: "triaged", to: "closed" });
    return events;
  }

  const stage = p.status === "withdrawn" ? (rng() < 0.5 ? 1 : 2) : p.status === "mscc_excluded" ? 3 : (STAGE[p.status] ?? 0);
  if (stage >= 2) {
    // The registrar gives the first dose after taking the escalation: at most 115 + 5 minutes from receipt.
    const dexAt = Math.max(between(rng, 30, 120) * MINUTE, acknowledgedAt + 5 * MINUTE);
    if (mscc) add("dexamethasone_given", dexAt, p.registrar, { drug: "dexamethasone", doseMg: 16, route: "oral" });
    add("imaging_requested", acknowledgedAt + between(rng, 5, 30) * MINUTE, ids.coordinator, { modality: "mri_whole_spine" });
  }

  if (p.status === "withdrawn") {
    const noteAt = add("note", acknowledgedAt + between(rng, 2, 12) * HOUR, ids.coordinator, { text: pick(rng, WITHDRAWN_NOTES) });
    add("status_changed", noteAt + MINUTE, ids.coordinator, { from: stage >= 2 ? "awaiting_imaging" : "triaged", to: "withdrawn" });
    return events;
  }
  if (stage < 3) return events;

  const performedAt = add("imaging_performed", between(rng, 4, 30) * HOUR, ids.coordinator, { modality: "mri_whole_spine" });
  if (mscc && performedAt > 24 * HOUR) add("breach_reason", performedAt + MINUTE, ids.coordinator, { clock: "mri", reason: pick(rng, BREACH_REASONS) });
  const result =
    p.status === "mscc_excluded"
      ? rng() < 0.6
        ? "spinal_metastases_without_compression"
        : "no_metastases"
      : rng() < (mscc ? 0.85 : 0.15)
        ? "mscc_confirmed"
        : "spinal_metastases_without_compression";
  const reportedAt = add("imaging_reported", performedAt + between(rng, 1, 4) * HOUR, ids.coordinator, {
    modality: "mri_whole_spine",
    result,
    ...(result === "mscc_confirmed" ? { levels: pick(rng, SPINE_LEVELS) } : {}),
  });

  if (p.status === "mscc_excluded") {
    add("decision", reportedAt + between(rng, 0.5, 3) * HOUR, p.registrar, {
      decision: "mscc_excluded",
      note: "MRI shows no cord compression: dexamethasone stopped, care back to the referring team",
    });
    return events;
  }
  if (stage < 4) return events;

  const haematological = p.primaryCancer === "Lymphoma" || p.primaryCancer === "Myeloma";
  const options: { value: "radiotherapy_planned" | "surgery_planned" | "systemic_therapy" | "best_supportive_care"; weight: number }[] = [
    { value: "radiotherapy_planned", weight: p.primaryCancer === "Lymphoma" ? 2 : 6.5 },
    { value: "surgery_planned", weight: haematological ? 0.5 : 2.5 },
    { value: "systemic_therapy", weight: p.primaryCancer === "Lymphoma" ? 7 : 1 },
    // Best supportive care has no treatment to start, so only a referral that stops at the plan can have it.
    { value: "best_supportive_care", weight: stage === 4 ? 1.5 : 0 },
  ];
  const decision = weighted(rng, options);
  const decidedAt = add("decision", reportedAt + between(rng, 0.5, 6) * HOUR, p.registrar, { decision, note: DECISION_NOTES[decision] });
  if (stage < 5 || decision === "best_supportive_care") return events;

  const treatment = decision === "radiotherapy_planned" ? "radiotherapy" : decision === "surgery_planned" ? "surgery" : "systemic_therapy";
  // Radiotherapy inside the 24 h standard from decision; surgery and chemotherapy take longer to arrange.
  const startDelay = treatment === "radiotherapy" ? between(rng, 2, 22) : treatment === "surgery" ? between(rng, 6, 36) : between(rng, 12, 48);
  const startedAt = add("treatment_started", decidedAt + startDelay * HOUR, p.registrar, {
    treatment,
    ...(treatment === "radiotherapy" ? { fraction: 1 } : {}),
  });
  if (stage < 6) return events;

  const rehabAt = add("status_changed", startedAt + between(rng, 1, 4) * DAY, ids.discharge, { from: "in_treatment", to: "rehabilitation" });
  // The therapists' assessments (pathway.md: physiotherapy within 24 h and occupational therapy within 48 h of MSCC
  // confirmed), before the move to rehabilitation. They draw nothing from the random stream, so adding them left the
  // rest of the demo data as it was; a spread from the report's time makes a few late, for the audit to show.
  const spread = (reportedAt / MINUTE) % 1;
  const physioAt = Math.min(reportedAt + (6 + 22 * spread) * HOUR, rehabAt - HOUR);
  const otAt = Math.min(physioAt + (4 + 16 * spread) * HOUR, rehabAt - 30 * MINUTE);
  events.push(
    { type: "physiotherapy_assessed", offset: physioAt, by: ids.discharge, data: { note: pick(() => spread, THERAPY_NOTES.physiotherapy) }, recordedAfter: 20 * MINUTE },
    { type: "occupational_therapy_assessed", offset: otAt, by: ids.discharge, data: { note: pick(() => spread, THERAPY_NOTES.occupationalTherapy) }, recordedAfter: 30 * MINUTE },
  );
  if (stage < 7) return events;

  // Ambulatory status at discharge: most keep what they had at referral, some improve, a few lose ground.
  const change = weighted(rng, [
    { value: 1, weight: 3 },
    { value: 0, weight: 5 },
    { value: -1, weight: 2 },
  ]);
  const order: readonly AmbulatoryStatus[] = ["unable_to_walk", "walks_with_aid", "walks_unaided"];
  const atDischarge = order[Math.min(2, Math.max(0, order.indexOf(p.ambulatoryStatus) + change))] ?? p.ambulatoryStatus;
  const destination = weighted(
    rng,
    atDischarge === "unable_to_walk"
      ? [
          { value: "specialist_rehab_unit", weight: 3 },
          { value: "hospice", weight: 3 },
          { value: "nursing_home", weight: 2 },
          { value: "home", weight: 2 },
        ]
      : [
          { value: "home", weight: 7 },
          { value: "local_hospital", weight: 2 },
          { value: "specialist_rehab_unit", weight: 1 },
        ],
  );
  add("discharged", rehabAt + between(rng, 3, 10) * DAY, ids.discharge, { destination, ambulatoryStatus: atDischarge });
  return events;
}

/**
 * The rest of the cancer history, derived without drawing from the random stream (so adding it left the demo
 * data otherwise unchanged). New referrals leave two questions unanswered, to show "incomplete".
 */
function cancerHistory(primaryCancer: string, status: ReferralStatus, index: number) {
  if (status === "new") return { knownMetastases: index % 2 === 0 ? (["bone"] as KnownMetastasis[]) : null };
  const haematological: HaematologicalSuspicion = primaryCancer === "Myeloma" ? "myeloma" : primaryCancer === "Lymphoma" ? "lymphoma" : "none";
  const previousRadiotherapy = index % 7 === 3;
  return {
    knownMetastases: (index % 3 === 0 ? ["bone"] : ["bone", "spine"]) as KnownMetastasis[],
    haematologicalSuspected: haematological,
    previousSpinalRadiotherapy: previousRadiotherapy,
    previousSpinalRadiotherapyLevel: previousRadiotherapy ? "T8-T10" : null,
  };
}
