import { and, desc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as exportAudit } from "@/app/api/v1/audit/export/route";
import { GET as getAuditMetrics } from "@/app/api/v1/audit/metrics/route";
import { getDb } from "@/db/client";
import { createApiToken } from "@/db/mutations/api-tokens";
import { loadAuditMetrics } from "@/db/queries/audit-metrics";
import { auditLog, referralEvents, referrals } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import { auditMetricsResponse } from "@/lib/api/audit";
import { AUDIT_MEASURES_CSV_HEADER, AUDIT_REFERRALS_CSV_HEADER } from "@/lib/audit/csv";
import { generateApiToken } from "@/lib/auth/api-tokens";
import type { Role } from "@/lib/auth/roles";
import { customPeriod, monthPeriod, quarterPeriod, type AuditMeasureId, type AuditMetrics, type AuditPeriod } from "@/lib/domain/audit-metrics";
import { makeUser } from "./fixtures";

/**
 * The audit on the demo data against an independent computation: raw SQL over referrals and referral_events,
 * with its own London calendar (PostgreSQL's time zone rules) and its own clock rules, never the domain code.
 * The demo data is seeded 30 days back from a NOW just after British Summer Time began, so March crosses the change.
 */
const NOW = new Date("2026-04-03T10:00:00Z");

const PERIODS: readonly AuditPeriod[] = [monthPeriod("2026-03")!, monthPeriod("2026-04")!, quarterPeriod("2026-Q1")!, customPeriod("2026-03-20", "2026-04-02")];

interface SqlMeasure {
  numerator: number;
  denominator: number;
  pending: number;
  medianMs: number | null;
  p90Ms: number | null;
  ids: string[];
}

// Events left standing: a correction that withdraws an event removes it (the demo data has no time corrections).
const LIVE = sql.raw(`(select e.* from referral_events e where not exists (
  select 1 from referral_events c where c.type = 'correction' and c.corrects_event_id = e.id and (c.data->>'retract')::boolean))`);

/** Midnight in London at the start of a calendar date, as PostgreSQL's time zone rules place it. */
const londonMidnight = (isoDate: string) => sql`((${isoDate}::date)::timestamp at time zone 'Europe/London')`;

/** Each clock as start, stop and target hours, for every referral: the pathway.md rules written again in SQL. */
function clocksSql(clock: "mri" | "treatment_plan" | "radiotherapy" | "triage", category: string | null) {
  const inCategory = category === null ? sql`true` : sql`r.category = ${category}`;
  switch (clock) {
    case "mri":
      return sql`select r.id, r.received_at as start_at,
        (select min(e.occurred_at) from ${LIVE} e where e.referral_id = r.id and e.type = 'imaging_performed' and e.data->>'modality' like 'mri%') as stop_at,
        case r.category when 'suspected_mscc' then 24 else 168 end as target_hours
        from referrals r where ${inCategory}`;
    case "treatment_plan":
      return sql`select r.id, r.received_at as start_at,
        (select min(e.occurred_at) from ${LIVE} e where e.referral_id = r.id and e.type = 'decision'
          and e.data->>'decision' in ('radiotherapy_planned', 'surgery_planned', 'systemic_therapy', 'best_supportive_care', 'mscc_excluded')) as stop_at,
        case r.category when 'suspected_mscc' then 24 else 168 end as target_hours
        from referrals r where ${inCategory}`;
    case "triage":
      return sql`select r.id, r.received_at as start_at,
        (select min(e.occurred_at) from ${LIVE} e where e.referral_id = r.id and e.type = 'triaged') as stop_at,
        case r.category when 'suspected_mscc' then 1 else 24 end as target_hours
        from referrals r where ${inCategory}`;
    case "radiotherapy":
      return sql`select d.id, d.start_at,
        (select min(e.occurred_at) from ${LIVE} e where e.referral_id = d.id and e.type = 'treatment_started' and e.data->>'treatment' = 'radiotherapy' and e.occurred_at >= d.start_at) as stop_at,
        24 as target_hours
        from (select r.id, (select min(coalesce((e.data->>'decidedAt')::timestamptz, e.occurred_at)) from ${LIVE} e
                where e.referral_id = r.id and e.type = 'decision' and e.data->>'decision' = 'radiotherapy_planned') as start_at
              from referrals r where r.category <> 'not_mscc') d
        where d.start_at is not null`;
  }
}

async function sqlClockMeasure(clock: "mri" | "treatment_plan" | "radiotherapy" | "triage", category: string | null, period: AuditPeriod, now: Date): Promise<SqlMeasure> {
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const rows = await getDb().execute(sql`
    select c.id,
      case when c.stop_at is not null and c.stop_at <= c.start_at + make_interval(hours => c.target_hours) then 'met'
           when c.stop_at is not null or ${nowSql} >= c.start_at + make_interval(hours => c.target_hours) then 'breached'
           else 'pending' end as outcome
    from (${clocksSql(clock, category)}) c
    where c.start_at >= ${londonMidnight(period.from)} and c.start_at < ${londonMidnight(period.to)} + interval '1 day'`);
  const list = rowsOf<{ id: string; outcome: "met" | "breached" | "pending" }>(rows);
  const [times] = rowsOf<{ median: number | null; p90: number | null }>(
    await getDb().execute(sql`
      select percentile_cont(0.5) within group (order by ms) as median, percentile_cont(0.9) within group (order by ms) as p90
      from (select (extract(epoch from c.stop_at - c.start_at) * 1000)::float8 as ms from (${clocksSql(clock, category)}) c
            where c.stop_at is not null and c.start_at >= ${londonMidnight(period.from)} and c.start_at < ${londonMidnight(period.to)} + interval '1 day') t`),
  );
  const numerator = list.filter((r) => r.outcome === "met");
  const denominator = list.filter((r) => r.outcome !== "pending");
  return {
    numerator: numerator.length,
    denominator: denominator.length,
    pending: list.length - denominator.length,
    medianMs: times?.median === null || times?.median === undefined ? null : Math.round(Number(times.median)),
    p90Ms: times?.p90 === null || times?.p90 === undefined ? null : Math.round(Number(times.p90)),
    ids: numerator.map((r) => r.id).sort(),
  };
}

async function sqlRehabilitationMeasure(period: AuditPeriod): Promise<SqlMeasure> {
  const rows = rowsOf<{ id: string; discharged: boolean; assessed: boolean; status: string }>(
    await getDb().execute(sql`
      select r.id, r.status,
        exists (select 1 from ${LIVE} d where d.referral_id = r.id and d.type = 'discharged') as discharged,
        exists (select 1 from ${LIVE} d where d.referral_id = r.id and d.type = 'discharged'
          and exists (select 1 from ${LIVE} p where p.referral_id = r.id and p.type = 'physiotherapy_assessed' and p.occurred_at <= d.occurred_at)
          and exists (select 1 from ${LIVE} o where o.referral_id = r.id and o.type = 'occupational_therapy_assessed' and o.occurred_at <= d.occurred_at)) as assessed
      from referrals r
      where r.received_at >= ${londonMidnight(period.from)} and r.received_at < ${londonMidnight(period.to)} + interval '1 day'`),
  );
  const discharged = rows.filter((r) => r.discharged);
  const met = discharged.filter((r) => r.assessed);
  return {
    numerator: met.length,
    denominator: discharged.length,
    pending: rows.filter((r) => !r.discharged && r.status === "rehabilitation").length,
    medianMs: null,
    p90Ms: null,
    ids: met.map((r) => r.id).sort(),
  };
}

const SQL_MEASURES: Record<AuditMeasureId, (period: AuditPeriod, now: Date) => Promise<SqlMeasure>> = {
  mri_suspected_mscc: (p, now) => sqlClockMeasure("mri", "suspected_mscc", p, now),
  plan_suspected_mscc: (p, now) => sqlClockMeasure("treatment_plan", "suspected_mscc", p, now),
  mri_pain_only: (p, now) => sqlClockMeasure("mri", "suspected_spinal_metastases", p, now),
  plan_pain_only: (p, now) => sqlClockMeasure("treatment_plan", "suspected_spinal_metastases", p, now),
  radiotherapy: (p, now) => sqlClockMeasure("radiotherapy", null, p, now),
  coordinator_assessment: (p, now) => sqlClockMeasure("triage", null, p, now),
  rehabilitation_at_discharge: (p) => sqlRehabilitationMeasure(p),
};

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

let coordinatorToken: string;
const tokens: Partial<Record<Role, string>> = {};

async function tokenFor(role: Role): Promise<string> {
  const user = await makeUser(role);
  const generated = generateApiToken();
  await getDb().transaction((tx) => createApiToken(tx, { userId: user.id, name: "audit tests", tokenHash: generated.tokenHash, prefix: generated.prefix }));
  return generated.token;
}

async function call(handler: (request: Request, context: unknown) => Promise<Response>, path: string, token: string) {
  return handler(new Request(`http://localhost/api/v1/audit${path}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) });
}

const csvLines = async (answer: Response) => (await answer.text()).replace(/^\uFEFF/, "").trim().split("\r\n");

beforeAll(async () => {
  await seedDemoData(getDb(), { withPasswords: false, now: NOW });
  const db = getDb();
  // Beyond the demo data (whose discharged patients were all assessed by physiotherapy and OT): one discharged
  // patient's OT assessment and one MRI withdrawn by corrections, so the discharge measure and the corrected
  // timeline are both exercised.
  const [ot] = await db
    .select({ id: referralEvents.id, referralId: referralEvents.referralId, at: referralEvents.occurredAt })
    .from(referralEvents)
    .innerJoin(referrals, eq(referrals.id, referralEvents.referralId))
    .where(and(eq(referralEvents.type, "occupational_therapy_assessed"), eq(referrals.status, "discharged")))
    .orderBy(referrals.receivedAt)
    .limit(1);
  const [mri] = await db
    .select({ id: referralEvents.id, referralId: referralEvents.referralId, at: referralEvents.occurredAt })
    .from(referralEvents)
    .innerJoin(referrals, eq(referrals.id, referralEvents.referralId))
    .where(and(eq(referralEvents.type, "imaging_performed"), eq(referrals.category, "suspected_mscc")))
    .orderBy(desc(referrals.receivedAt))
    .limit(1);
  if (!ot || !mri) throw new Error("the demo data has no assessed discharged referral or no MRI");
  const correcting = (e: { id: string; referralId: string; at: Date }, reason: string) =>
    ({ referralId: e.referralId, type: "correction", occurredAt: new Date(e.at.getTime() + 60_000), correctsEventId: e.id, data: { retract: true, reason } }) as const;
  await db.insert(referralEvents).values([correcting(ot, "Recorded against the wrong patient"), correcting(mri, "Wrong patient")]);
  coordinatorToken = await tokenFor("coordinator");
  for (const role of ["registrar", "discharge", "admin"] as const) tokens[role] = await tokenFor(role);
});

describe("the audit's numbers on the demo data match an independent SQL computation", () => {
  const cache = new Map<string, AuditMetrics>();
  const metricsOf = async (period: AuditPeriod) => {
    const key = `${period.from}:${period.to}`;
    if (!cache.has(key)) cache.set(key, await loadAuditMetrics({ period, now: NOW }));
    return cache.get(key) as AuditMetrics;
  };

  it.each(PERIODS.map((p) => [p.label, p] as const))("%s: every measure's numerator, denominator, pending, median and 90th percentile", async (_label, period) => {
    const metrics = await metricsOf(period);
    for (const measure of metrics.measures) {
      const expected = await SQL_MEASURES[measure.id](period, NOW);
      const found = { numerator: measure.numerator, denominator: measure.denominator, pending: measure.pending, medianMs: measure.medianMs, p90Ms: measure.p90Ms, ids: [...measure.referralIds.numerator].sort() };
      expect(found, `${measure.id} in ${period.label}`).toEqual(expected);
    }
  });

  it("the demo data gives the measures something to count", async () => {
    const metrics = await metricsOf(PERIODS[0] as AuditPeriod);
    const byId = Object.fromEntries(metrics.measures.map((m) => [m.id, m]));
    expect(byId.mri_suspected_mscc?.denominator).toBeGreaterThan(5);
    expect(byId.mri_suspected_mscc?.breached).toBeGreaterThan(0);
    expect(byId.mri_suspected_mscc?.medianMs).not.toBeNull();
    // The demo's two late triages are among its most recent referrals, in April.
    expect((await metricsOf(PERIODS[1] as AuditPeriod)).measures.find((m) => m.id === "coordinator_assessment")?.breached).toBeGreaterThanOrEqual(2);
    const all = await metricsOf(PERIODS[2] as AuditPeriod);
    // Every demo discharge was assessed by both therapists but for the one whose OT assessment was withdrawn.
    const rehabilitation = all.measures.find((m) => m.id === "rehabilitation_at_discharge");
    expect(rehabilitation?.denominator).toBeGreaterThan(1);
    expect(rehabilitation?.numerator).toBe((rehabilitation?.denominator ?? 0) - 1);
  });

  it("referrals by London weekday and hour, across the start of BST", async () => {
    const period = PERIODS[0] as AuditPeriod;
    const metrics = await metricsOf(period);
    const rows = rowsOf<{ dow: number; hour: number; n: number }>(
      await getDb().execute(sql`
        select extract(isodow from received_at at time zone 'Europe/London')::int - 1 as dow, extract(hour from received_at at time zone 'Europe/London')::int as hour, count(*)::int as n
        from referrals where received_at >= ${londonMidnight(period.from)} and received_at < ${londonMidnight(period.to)} + interval '1 day' group by 1, 2`),
    );
    const grid = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
    for (const r of rows) (grid[Number(r.dow)] as number[])[Number(r.hour)] = Number(r.n);
    expect(metrics.arrivals.counts).toEqual(grid);
    expect(metrics.referralCount).toBe(rows.reduce((sum, r) => sum + Number(r.n), 0));
  });

  it("categories, statuses and MRI breaches by coded reason", async () => {
    const period = PERIODS[2] as AuditPeriod;
    const metrics = await metricsOf(period);
    const inPeriod = sql`r.received_at >= ${londonMidnight(period.from)} and r.received_at < ${londonMidnight(period.to)} + interval '1 day'`;
    const categories = rowsOf<{ category: string; n: number }>(await getDb().execute(sql`select r.category, count(*)::int as n from referrals r where ${inPeriod} group by 1`));
    for (const c of categories) expect(metrics.byCategory[c.category as keyof typeof metrics.byCategory]).toBe(Number(c.n));
    const statuses = rowsOf<{ status: string; n: number }>(await getDb().execute(sql`select r.status, count(*)::int as n from referrals r where ${inPeriod} group by 1`));
    for (const s of statuses) expect(metrics.byStatus[s.status as keyof typeof metrics.byStatus]).toBe(Number(s.n));

    const reasons = rowsOf<{ reason: string; n: number }>(
      await getDb().execute(sql`
        select coalesce((select b.data->>'reason' from ${LIVE} b where b.referral_id = c.id and b.type = 'breach_reason' and b.data->>'clock' = 'mri' order by b.occurred_at desc limit 1), 'none') as reason,
          count(*)::int as n
        from (${clocksSql("mri", null)}) c join referrals r on r.id = c.id
        where r.category <> 'not_mscc' and ${inPeriod}
          and ((c.stop_at is not null and c.stop_at > c.start_at + make_interval(hours => c.target_hours)) or (c.stop_at is null and ${NOW.toISOString()}::timestamptz >= c.start_at + make_interval(hours => c.target_hours)))
        group by 1`),
    );
    const found = Object.fromEntries(metrics.breaches.filter((b) => b.clock === "mri").map((b) => [b.reason, b.count]));
    expect(found).toEqual(Object.fromEntries(reasons.map((r) => [r.reason, Number(r.n)])));
    expect(Object.keys(found).length).toBeGreaterThan(1);
  });
});

describe("the routes", () => {
  it("the JSON metrics are the page's metrics, checked against the SQL at the moment of the request", async () => {
    const answer = await call(getAuditMetrics, "/metrics?period=2026-03", coordinatorToken);
    expect(answer.status).toBe(200);
    const body = auditMetricsResponse.parse(await answer.json());
    expect(body.period).toMatchObject({ kind: "month", from: "2026-03-01", to: "2026-03-31", start: "2026-03-01T00:00:00.000Z", end: "2026-03-31T23:00:00.000Z" });
    const now = new Date(body.computedAt);
    for (const m of body.measures) {
      const expected = await SQL_MEASURES[m.id](monthPeriod("2026-03")!, now);
      expect({ numerator: m.numerator, denominator: m.denominator, pending: m.pending }, m.id).toEqual({ numerator: expected.numerator, denominator: expected.denominator, pending: expected.pending });
    }
    expect(body.trend.months).toHaveLength(12);
    expect(JSON.stringify(body)).not.toMatch(/nhsNumber|givenName|familyName/);
  });

  it("the measures CSV and the referral-level CSV, each audited with its period and referrals", async () => {
    const measures = await call(exportAudit, "/export?period=2026-Q1&dataset=measures", coordinatorToken);
    expect(measures.status).toBe(200);
    expect(measures.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(measures.headers.get("content-disposition")).toMatch(/^attachment; filename="mscc-audit-measures-2026-01-01-to-2026-03-31-\d{8}-\d{4}\.csv"$/);
    const lines = await csvLines(measures);
    expect(lines[0]).toBe(AUDIT_MEASURES_CSV_HEADER.join(","));
    expect(lines).toHaveLength(8);

    const referralsCsv = await call(exportAudit, "/export?period=2026-Q1&dataset=referrals", coordinatorToken);
    expect(referralsCsv.status).toBe(200);
    const rows = await csvLines(referralsCsv);
    expect(rows[0]).toBe(AUDIT_REFERRALS_CSV_HEADER.map((h) => (h.includes(",") ? `"${h}"` : h)).join(","));
    const expectedIds = rowsOf<{ id: string }>(
      await getDb().execute(sql`select id from referrals where received_at >= ${londonMidnight("2026-01-01")} and received_at < ${londonMidnight("2026-04-01")}`),
    ).map((r) => r.id);
    const ids = rows.slice(1).map((line) => line.split(",")[0]);
    expect(ids).toEqual(expect.arrayContaining(expectedIds));
    expect(rows[1]).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);

    const [audit] = await getDb().select().from(auditLog).where(eq(auditLog.action, "audit.export_referrals_csv")).orderBy(desc(auditLog.id)).limit(1);
    expect(audit).toMatchObject({ entityType: "audit", context: { via: "api_token" } });
    expect(audit?.after).toMatchObject({ dataset: "referrals", period: "period=2026-Q1", rows: ids.length, referralIds: ids });
    expect(await getDb().select().from(auditLog).where(eq(auditLog.action, "audit.export_measures_csv"))).toHaveLength(1);
  });

  it("with no parameters: the measures of the current month", async () => {
    const answer = await call(exportAudit, "/export", coordinatorToken);
    expect(answer.status).toBe(200);
    expect(await csvLines(answer)).toHaveLength(8);
  });

  it.each([
    { query: "period=2026-13", field: "period" },
    { query: "period=custom&from=2026-03-10&to=2026-03-01", field: "to" },
    { query: "period=custom&from=2026-02-30&to=2026-03-01", field: "from" },
    { query: "period=custom", field: "from" },
    { query: "dataset=everything", field: "dataset" },
  ])("400 with the reason for $query, and nothing audited", async ({ query, field }) => {
    const count = async () => (await getDb().select().from(auditLog).where(sql`${auditLog.action} like 'audit.export_%'`)).length;
    const before = await count();
    const answer = await call(exportAudit, `/export?${query}`, coordinatorToken);
    expect(answer.status).toBe(400);
    const body = (await answer.json()) as { error: { code: string; fields: Record<string, string[]> } };
    expect(body.error.code).toBe("validation");
    expect(body.error.fields[field]?.[0]).toBeTruthy();
    expect(await count()).toBe(before);
    if (field !== "dataset") expect((await call(getAuditMetrics, `/metrics?${query}`, coordinatorToken)).status).toBe(400);
  });

  it.each(["registrar", "discharge"] as const)("403 for the %s", async (role) => {
    const token = tokens[role] as string;
    expect((await call(getAuditMetrics, "/metrics", token)).status).toBe(403);
    expect((await call(exportAudit, "/export", token)).status).toBe(403);
  });

  it("the administrator may read the audit", async () => {
    expect((await call(getAuditMetrics, "/metrics?period=2026-04", tokens.admin as string)).status).toBe(200);
  });
});
