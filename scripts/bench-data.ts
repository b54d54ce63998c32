/**
 * The worklist bench's database: 100 000 closed referrals of history (bulk SQL from generate_series, summaries
 * marked computed) and 1 000 active referrals with realistic timelines, whose summaries the app itself computes
 * (refreshWorklistSummaries). Deterministic apart from the instant it is built at. Users are the demo users
 * plus a few more registrars, without passwords; the coordinator gets a personal API token made by the app.
 */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { createApiToken } from "@/db/mutations/api-tokens";
import { refreshWorklistSummaries } from "@/db/mutations/worklist";
import { DEMO_USERS, mulberry32, STAGE } from "@/db/seed";
import { patients, referralEvents, referrals, users, type NewPatient, type NewReferral, type NewReferralEvent } from "@/db/schema";
import { generateApiToken } from "@/lib/auth/api-tokens";
import { nhsCheckDigit } from "@/lib/domain/nhs-number";
import type { ReferralEventType } from "@/lib/domain/referral-events";
import type { AmbulatoryStatus, ReferralCategory, ReferralStatus } from "@/lib/domain/vocabulary";

export const HISTORY_REFERRALS = 100_000;
export const ACTIVE_REFERRALS = 1_000;

export interface BenchData {
  coordinatorId: string;
  /** The coordinator's bearer token. */
  token: string;
  history: number;
  active: number;
  events: number;
  /** Seconds spent on the history (bulk SQL) and on the active referrals (app code), and in total. */
  seconds: { history: number; active: number; total: number };
}

const GIVEN = ["Margaret", "John", "Priya", "David", "Fatima", "Michael", "Siobhan", "Tariq", "Eleanor", "Kwame", "Susan", "Rajesh", "Helen", "Oluwaseun", "Patricia", "Gareth", "Nasreen", "Peter", "Mei", "Andrew"];
const FAMILY = ["Thompson", "Ahmed", "O''Brien", "Patel", "Jones", "Nowak", "Williams", "Hussain", "Campbell", "Adeyemi", "Evans", "Chowdhury", "MacDonald", "Singh", "Roberts", "Okafor", "Davies", "Begum", "Murphy", "Wong"];
const sqlArray = (xs: readonly string[]) => `array[${xs.map((x) => `'${x}'`).join(",")}]`;

/** Runs one statement with no parameters on whichever raw client the handle has. */
async function exec(handle: DatabaseHandle, text: string): Promise<void> {
  if (handle.pglite) await handle.pglite.exec(text);
  else if (handle.sql) await handle.sql.unsafe(text);
  else throw new Error("no raw client");
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export async function buildBenchDatabase(handle: DatabaseHandle, log: (line: string) => void): Promise<BenchData> {
  const db = handle.db;
  const started = performance.now();
  const now = new Date();

  // Users: the demo accounts (no passwords: nobody signs in here) and six more registrars.
  const extraRegistrars = Array.from({ length: 6 }, (_, i) => ({ email: `registrar-bench-${i + 1}@mscc.test`, name: `Dr Bench Registrar ${i + 1}`, role: "registrar" as const }));
  const inserted = await db
    .insert(users)
    .values([...DEMO_USERS.map((u) => ({ email: u.email, name: u.name, role: u.role })), ...extraRegistrars])
    .returning({ id: users.id, email: users.email, role: users.role });
  const coordinatorId = inserted.find((u) => u.email === "coordinator@mscc.test")?.id as string;
  const dischargeId = inserted.find((u) => u.role === "discharge")?.id as string;
  const registrarIds = inserted.filter((u) => u.role === "registrar").map((u) => u.id);

  // ---- History: 100 000 patients, each with one closed referral and three events, from generate_series.
  const nowSql = `'${now.toISOString()}'::timestamptz`;
  const regs = `array[${registrarIds.map((id) => `'${id}'::uuid`).join(",")}]`;
  // NHS numbers 4xxxxxxxx + Modulus 11 check digit (the 999 range is left for the referrals the bench creates
  // through the API, 5xxxxxxxx for the active ones).
  await exec(handle, `drop table if exists bench_nhs`);
  await exec(
    handle,
    `create table bench_nhs as
     select row_number() over (order by f) as n, f || (case when c = 11 then 0 else c end)::text as nhs
     from (select f, 11 - (select sum(substr(f, i, 1)::int * (11 - i)) from generate_series(1, 9) i) % 11 as c
           from (select (400000000 + g * 7)::text as f from generate_series(1, ${Math.ceil(HISTORY_REFERRALS * 1.15)}) g) s) t
     where c <> 10`,
  );
  await exec(
    handle,
    `insert into patients (id, nhs_number, hospital_number, given_name, family_name, date_of_birth, phone, location, created_at, updated_at)
     select md5('patient-' || n)::uuid, nhs, 'RXH' || lpad(n::text, 7, '0'),
            (${sqlArray(GIVEN)})[1 + n % ${GIVEN.length}], (${sqlArray(FAMILY)})[1 + (n / ${GIVEN.length}) % ${FAMILY.length}],
            date '1930-01-01' + (n * 37 % 20000)::int, '07700 900' || lpad((n % 1000)::text, 3, '0'),
            (array['home','ward','other_hospital']::patient_location[])[1 + n % 3],
            ${nowSql} - interval '30 days' - n * interval '25 minutes', ${nowSql} - interval '30 days' - n * interval '25 minutes'
     from bench_nhs where n <= ${HISTORY_REFERRALS}`,
  );
  // Received from 30 days to ~4.8 years ago; closed statuses only; the summary is that of a closed referral
  // (no open clocks) and marked computed, so the app's start-up refresh leaves it alone.
  await exec(
    handle,
    `insert into referrals (id, patient_id, status, category, received_at, referrer_name, referrer_role, referrer_contact,
                            symptoms, neurology, ambulatory_status, primary_cancer, assigned_registrar_id, version,
                            created_by, updated_by, summary_computed_at, created_at, updated_at)
     select md5('referral-' || n)::uuid, md5('patient-' || n)::uuid,
            (array['discharged','closed','mscc_excluded','withdrawn']::referral_status[])[1 + n % 4],
            (case when n % 4 = 1 then 'not_mscc' when n % 3 = 0 then 'suspected_spinal_metastases' else 'suspected_mscc' end)::referral_category,
            ${nowSql} - interval '30 days' - n * interval '25 minutes',
            'Dr Referrer ' || (n % 97), (array['gp','key_worker','consultant_team','clinical_nurse_specialist','paramedic','other']::referrer_role[])[1 + n % 6],
            '01632 960' || lpad((n % 1000)::text, 3, '0'),
            array['severe_lower_back_pain']::text[], case when n % 3 = 0 then '{}'::text[] else array['limb_weakness']::text[] end,
            (array['walks_unaided','walks_with_aid','unable_to_walk']::ambulatory_status[])[1 + n % 3],
            (array['Breast','Prostate','Lung','Renal','Myeloma','Colorectal'])[1 + n % 6],
            (${regs})[1 + n % ${registrarIds.length}], 3, '${coordinatorId}', '${coordinatorId}', ${nowSql},
            ${nowSql} - interval '30 days' - n * interval '25 minutes', ${nowSql} - interval '29 days' - n * interval '25 minutes'
     from generate_series(1, ${HISTORY_REFERRALS}) n`,
  );
  await exec(
    handle,
    `insert into referral_events (id, referral_id, type, occurred_at, recorded_at, recorded_by, data)
     select md5('event-' || n || '-' || k)::uuid, md5('referral-' || n)::uuid,
            case k when 1 then 'received' when 2 then 'triaged' else (case when n % 4 = 0 then 'discharged' else 'status_changed' end) end,
            ${nowSql} - interval '30 days' - n * interval '25 minutes' + (k - 1) * interval '50 minutes',
            ${nowSql} - interval '30 days' - n * interval '25 minutes' + (k - 1) * interval '55 minutes',
            '${coordinatorId}',
            case k when 1 then '{"channel":"phone"}'::jsonb
                   when 2 then '{"category":"suspected_mscc","advice":[]}'::jsonb
                   else jsonb_build_object('from', 'triaged', 'to', (array['discharged','closed','mscc_excluded','withdrawn'])[1 + n % 4]) end
     from generate_series(1, ${HISTORY_REFERRALS}) n cross join generate_series(1, 3) k`,
  );
  const historySeconds = (performance.now() - started) / 1000;
  log(`data: ${HISTORY_REFERRALS} history referrals with ${3 * HISTORY_REFERRALS} events in ${historySeconds.toFixed(1)} s`);

  // ---- Active: 1 000 referrals with timelines, their summaries computed by the app's own code.
  const activeStarted = performance.now();
  await exec(handle, `drop table bench_nhs`);
  const plan = planActive(now, { coordinatorId, dischargeId, registrarIds });
  for (let i = 0; i < plan.patients.length; i += 500) await db.insert(patients).values(plan.patients.slice(i, i + 500));
  for (let i = 0; i < plan.referrals.length; i += 500) await db.insert(referrals).values(plan.referrals.slice(i, i + 500));
  for (let i = 0; i < plan.events.length; i += 1000) await db.insert(referralEvents).values(plan.events.slice(i, i + 1000));
  const ids = plan.referrals.map((r) => r.id as string);
  for (let i = 0; i < ids.length; i += 100) {
    const batch = ids.slice(i, i + 100);
    await db.transaction((tx) => refreshWorklistSummaries(tx, batch));
  }
  const activeSeconds = (performance.now() - activeStarted) / 1000;
  log(`data: ${ACTIVE_REFERRALS} active referrals with ${plan.events.length} events, summaries by refreshWorklistSummaries, in ${activeSeconds.toFixed(1)} s`);

  const { token, tokenHash, prefix } = generateApiToken();
  await db.transaction((tx) => createApiToken(tx, { userId: coordinatorId, name: "bench", tokenHash, prefix }));
  await db.execute(sql`analyze`);
  return {
    coordinatorId,
    token,
    history: HISTORY_REFERRALS,
    active: ACTIVE_REFERRALS,
    events: 3 * HISTORY_REFERRALS + plan.events.length,
    seconds: { history: round(historySeconds), active: round(activeSeconds), total: round((performance.now() - started) / 1000) },
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

/** A uuid made from a name, so the same run gives the same ids. */
function uuidOf(name: string): string {
  const h = createHash("md5").update(name).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Valid NHS numbers 5xxxxxxxx + check digit for the active patients (history is 4…, the API's new ones 999…). */
function activeNhsNumbers(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) {
    const firstNine = `5${String(10_000_000 + i * 13).padStart(8, "0")}`;
    const check = nhsCheckDigit(firstNine);
    if (check !== null) out.push(`${firstNine}${check}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------

const ACTIVE_PLAN: readonly { status: ReferralStatus; share: number; agoMin: number; agoMax: number }[] = [
  { status: "new", share: 0.12, agoMin: 5 * MINUTE, agoMax: 3 * HOUR },
  { status: "triaged", share: 0.1, agoMin: 1 * HOUR, agoMax: 30 * HOUR },
  { status: "awaiting_imaging", share: 0.18, agoMin: 2 * HOUR, agoMax: 40 * HOUR },
  { status: "imaging_reported", share: 0.1, agoMin: 8 * HOUR, agoMax: 60 * HOUR },
  { status: "treatment_planned", share: 0.12, agoMin: 1 * DAY, agoMax: 4 * DAY },
  { status: "in_treatment", share: 0.18, agoMin: 2 * DAY, agoMax: 8 * DAY },
  { status: "rehabilitation", share: 0.2, agoMin: 5 * DAY, agoMax: 25 * DAY },
];

interface Ids {
  coordinatorId: string;
  dischargeId: string;
  registrarIds: string[];
}

function planActive(now: Date, ids: Ids) {
  const rng = mulberry32(0x4d5343);
  const between = (min: number, max: number) => min + rng() * (max - min);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)] as T;
  const out = { patients: [] as NewPatient[], referrals: [] as NewReferral[], events: [] as NewReferralEvent[] };
  const valid = activeNhsNumbers(ACTIVE_REFERRALS);
  let index = 0;
  for (const plan of ACTIVE_PLAN) {
    const count = plan === ACTIVE_PLAN[ACTIVE_PLAN.length - 1] ? ACTIVE_REFERRALS - index : Math.round(plan.share * ACTIVE_REFERRALS);
    for (let k = 0; k < count; k++, index++) {
      const nhsNumber = valid[index];
      if (!nhsNumber) throw new Error("not enough NHS numbers");
      const r = rng();
      const category: ReferralCategory = r < 0.65 ? "suspected_mscc" : r < 0.95 ? "suspected_spinal_metastases" : "not_mscc";
      const mscc = category === "suspected_mscc";
      const registrar = pick(ids.registrarIds);
      const stage = STAGE[plan.status] ?? 0;
      const events: { type: ReferralEventType; offset: number; by: string; data: Record<string, unknown> }[] = [];
      const add = (type: ReferralEventType, offset: number, by: string, data: Record<string, unknown> = {}) => {
        events.push({ type, offset, by, data });
        return offset;
      };
      add("received", 0, ids.coordinatorId, { channel: "phone" });
      if (stage >= 1) {
        // Most triaged inside the hour, some late; some escalations not yet acknowledged.
        const triagedAt = add("triaged", between(10, rng() < 0.15 ? 120 : 55) * MINUTE, ids.coordinatorId, { category, advice: mscc ? ["dexamethasone"] : [] });
        if (mscc && rng() < 0.5) add("immobilisation_advised", triagedAt + between(0, 5) * MINUTE, ids.coordinatorId);
        const escalatedAt = add("escalated", triagedAt + 5 * MINUTE, ids.coordinatorId, { toUserId: registrar });
        if (stage >= 2 || rng() < 0.7) add("acknowledged", escalatedAt + between(2, 30) * MINUTE, registrar);
        // Dexamethasone for most suspected MSCC (some late, some not yet given: an open clock).
        if (mscc && (stage >= 2 || rng() < 0.6)) add("dexamethasone_given", between(30, rng() < 0.2 ? 300 : 120) * MINUTE, registrar, { drug: "dexamethasone", doseMg: 16, route: "oral" });
      }
      if (stage >= 2) add("imaging_requested", between(40, 120) * MINUTE, ids.coordinatorId, { modality: "mri_whole_spine" });
      let reportedAt = 0;
      if (stage >= 3) {
        // MRI: mostly inside 24 h, some over (breached, with a reason).
        const performedAt = add("imaging_performed", between(3, rng() < 0.2 ? 40 : 23) * HOUR, ids.coordinatorId, { modality: "mri_whole_spine" });
        if (mscc && performedAt > 24 * HOUR) add("breach_reason", performedAt + MINUTE, ids.coordinatorId, { clock: "mri", reason: "mri_capacity" });
        reportedAt = add("imaging_reported", performedAt + between(1, 4) * HOUR, ids.coordinatorId, {
          modality: "mri_whole_spine",
          result: rng() < (mscc ? 0.85 : 0.2) ? "mscc_confirmed" : "spinal_metastases_without_compression",
          levels: "T7-T9",
        });
      }
      let decidedAt = 0;
      if (stage >= 4) {
        const decision = rng() < 0.7 ? "radiotherapy_planned" : rng() < 0.5 ? "surgery_planned" : "systemic_therapy";
        decidedAt = add("decision", reportedAt + between(0.5, 8) * HOUR, registrar, { decision, note: "Plan agreed" });
        if (stage >= 5) {
          const treatment = decision === "radiotherapy_planned" ? "radiotherapy" : decision === "surgery_planned" ? "surgery" : "systemic_therapy";
          const startedAt = add("treatment_started", decidedAt + between(2, 30) * HOUR, registrar, { treatment, ...(treatment === "radiotherapy" ? { fraction: 1 } : {}) });
          if (rng() < 0.6) add("physiotherapy_assessed", startedAt + between(2, 20) * HOUR, ids.dischargeId);
          if (stage >= 6) {
            if (rng() < 0.6) add("occupational_therapy_assessed", startedAt + between(1, 2) * DAY, ids.dischargeId);
            add("status_changed", startedAt + between(2, 4) * DAY, ids.dischargeId, { from: "in_treatment", to: "rehabilitation" });
          }
        }
      }
      const lastOffset = Math.max(...events.map((e) => e.offset));
      const agoMin = Math.max(plan.agoMin, lastOffset + 10 * MINUTE);
      const ago = agoMin < plan.agoMax ? between(agoMin, plan.agoMax) : agoMin;
      const receivedMs = Math.floor((now.getTime() - ago) / 1000) * 1000;
      const timeline = events
        .map((e) => {
          const occurredAt = new Date(receivedMs + Math.round(e.offset / 1000) * 1000);
          return { ...e, occurredAt, recordedAt: new Date(Math.min(now.getTime(), occurredAt.getTime() + Math.round(between(0, 10)) * MINUTE)) };
        })
        .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
      const patientId = uuidOf(`bench-active-patient-${index}`);
      const referralId = uuidOf(`bench-active-referral-${index}`);
      const first = timeline[0] as (typeof timeline)[number];
      const last = timeline[timeline.length - 1] as (typeof timeline)[number];
      out.patients.push({
        id: patientId,
        nhsNumber,
        hospitalNumber: `RXA${String(index).padStart(7, "0")}`,
        givenName: pick(GIVEN),
        familyName: pick(FAMILY).replace("''", "'"),
        dateOfBirth: new Date(now.getTime() - between(35, 90) * 365.25 * DAY).toISOString().slice(0, 10),
        phone: `07700 900${String(index % 1000).padStart(3, "0")}`,
        location: pick(["home", "ward", "other_hospital"] as const),
        createdAt: first.recordedAt,
        updatedAt: first.recordedAt,
      });
      out.referrals.push({
        id: referralId,
        patientId,
        status: plan.status,
        category,
        receivedAt: new Date(receivedMs),
        referrerName: `Dr Referrer ${index % 97}`,
        referrerRole: pick(["gp", "key_worker", "consultant_team", "clinical_nurse_specialist", "paramedic", "other"] as const),
        referrerContact: rng() < 0.9 ? `01632 960${String(index % 1000).padStart(3, "0")}` : null,
        symptoms: ["severe_lower_back_pain"],
        neurology: mscc ? ["limb_weakness"] : [],
        neurologyOnsetAt: mscc ? new Date(receivedMs - between(2, 96) * HOUR) : null,
        ambulatoryStatus: pick(["walks_unaided", "walks_with_aid", "unable_to_walk"] as const satisfies readonly AmbulatoryStatus[]),
        primaryCancer: rng() < 0.9 ? pick(["Breast", "Prostate", "Lung", "Renal", "Myeloma", "Lymphoma", "Colorectal"]) : null,
        haematologicalSuspected: "none",
        previousSpinalRadiotherapy: false,
        assignedRegistrarId: stage >= 1 ? registrar : null,
        version: timeline.length,
        createdBy: ids.coordinatorId,
        updatedBy: last.by,
        createdAt: first.recordedAt,
        updatedAt: last.recordedAt,
      });
      for (const [j, e] of timeline.entries()) out.events.push({ id: uuidOf(`bench-active-event-${index}-${j}`), referralId, type: e.type, occurredAt: e.occurredAt, recordedAt: e.recordedAt, recordedBy: e.by, data: e.data });
    }
  }
  return out;
}
