/**
 * The worklist part of `npm run bench`, on one engine: a fresh database with 100 000 referrals of history and
 * 1 000 active ones (scripts/bench-data.ts); the worklist query in-process and the same page by one hand-written
 * SQL statement at 1, 10 and 50 concurrent clients; then a production server on that database: the worklist API
 * at 1, 10 and 50 concurrent clients, the time from a referral created through the API to its event on an open
 * stream, and the server's peak memory.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { loadWorklist } from "@/db/queries/worklist";
import { parseEnv } from "@/lib/env";
import { worklistQuery } from "@/lib/validation/worklist";
import { buildBenchDatabase, type BenchData } from "./bench-data";
import { load, nhsNumberSource, onCleanup, openReferralStream, percentile, round1, sampleMemory, sampleReferralBody, startServer, type LoadResult, type RunningServer } from "./bench-lib";

export type Engine = "embedded" | "postgres";
export const CONCURRENCY = [1, 10, 50] as const;

export interface WorklistBenchResult {
  engine: Engine;
  data: Omit<BenchData, "token" | "coordinatorId">;
  /** loadWorklist (the API's own query and JSON mapping), in this process on its own connection(s). */
  query: LoadResult[];
  /** The same page, one hand-written SQL statement on the raw client. */
  sql: LoadResult[];
  /** GET /api/v1/worklist (the coordinator's default view, page 1, 50 rows) on the production server. */
  api: LoadResult[];
  /**
   * GET /api/health (no sign-in, one trivial query) on the same server at the same concurrencies: the floor this
   * framework and machine set for any route, to read the worklist API's figures against.
   */
  healthFloor: LoadResult[];
  /** The same page, one hand-written statement that selects the 50 ids before joining (PAGE_FIRST_SQL). */
  sqlPageFirst: LoadResult[];
  /** p95 ratios to the hand-written SQL at the same concurrency (and API to the page-first statement). */
  ratios: { concurrency: number; queryToSql: number; apiToSql: number; apiToPageFirstSql: number }[];
  /** The page from the app's query, the API and the SQL statement hold the same ids in the same order. */
  samePage: boolean;
  live: { samples: number; errors: number; p50: number; p95: number; max: number; postP50: number; postP95: number; firstError?: string };
  memory: { peakTreeRssMiB: number; peakProcessHwmMiB: number; samples: number };
  serverStartSeconds: number;
}

const QUERY_MS = Number(process.env.BENCH_QUERY_SECONDS ?? 3) * 1000;
const API_MS = Number(process.env.BENCH_API_SECONDS ?? 8) * 1000;
const LIVE_SAMPLES = Number(process.env.BENCH_LIVE_SAMPLES ?? 30);

/**
 * The page the coordinator's default view shows (lib/validation/worklist defaults, db/queries/worklist.ts
 * orderOf "urgency" for the coordinator view): active referrals, untriaged first, then most urgent, joined to the
 * patient and both users; the same 24 columns.
 */
export const HAND_WRITTEN_SQL = `
select r.id, r.version, r.status, r.category, r.received_at, r.updated_at, r.haematological_suspected, r.open_clocks,
       r.next_clock_due_at, r.clocks_at_risk_at, r.dexamethasone_given_at, r.dexamethasone_contraindicated,
       r.immobilised_since, r.immobilisation_lifted_at, r.awaiting_acknowledgement_since, r.missing_data,
       p.given_name, p.family_name, p.nhs_number, p.date_of_birth, p.hospital_number,
       r.assigned_registrar_id, reg.name as registrar_name, upd.name as updated_by_name
from referrals r
join patients p on p.id = r.patient_id
left join users reg on reg.id = r.assigned_registrar_id
left join users upd on upd.id = r.updated_by
where r.status not in ('discharged', 'closed', 'mscc_excluded', 'withdrawn')
order by (r.status = 'new') desc, r.next_clock_due_at asc nulls last, r.received_at desc, r.id
limit 50`;

/**
 * The same page as an expert would write it for PostgreSQL's planner: the 50 ids from the referrals alone, then the
 * joins for those 50 (the shape db/queries/worklist.ts now uses). Shown beside the plain join, not used for the target.
 */
export const PAGE_FIRST_SQL = HAND_WRITTEN_SQL.replace(
  "where r.status not in ('discharged', 'closed', 'mscc_excluded', 'withdrawn')\norder by (r.status = 'new') desc, r.next_clock_due_at asc nulls last, r.received_at desc, r.id\nlimit 50",
  `where r.id in (select id from referrals where status not in ('discharged', 'closed', 'mscc_excluded', 'withdrawn')
               order by (status = 'new') desc, next_clock_due_at asc nulls last, received_at desc, id limit 50)
order by (r.status = 'new') desc, r.next_clock_due_at asc nulls last, r.received_at desc, r.id`,
);

if (PAGE_FIRST_SQL === HAND_WRITTEN_SQL) throw new Error("PAGE_FIRST_SQL was not derived from HAND_WRITTEN_SQL");

async function rawQuery(handle: DatabaseHandle, text: string): Promise<{ id: string }[]> {
  if (handle.pglite) return (await handle.pglite.query<{ id: string }>(text)).rows;
  if (handle.sql) return [...(await handle.sql.unsafe<{ id: string }[]>(text))];
  throw new Error("no raw client");
}

export interface Target {
  /** Where the database lives, for the server. */
  serverEnv: Record<string, string>;
  appEnv: Record<string, string>;
  url?: string;
  cleanup: () => Promise<void>;
}

/** A fresh database for one run: an embedded directory, or a new database on the PostgreSQL server at serverUrl. */
export async function createTarget(engine: Engine, serverUrl: string | undefined, log: (line: string) => void): Promise<Target> {
  if (engine === "embedded") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mscc-bench-worklist-"));
    log(`database: embedded, fresh directory ${dir}`);
    return {
      serverEnv: { MSCC_DATA_DIR: dir, DATABASE_URL: "" },
      appEnv: { MSCC_DATA_DIR: dir },
      cleanup: onCleanup(async () => fs.rmSync(dir, { recursive: true, force: true })),
    };
  }
  if (!serverUrl) throw new Error("PostgreSQL needs DATABASE_URL");
  const name = `mscc_bench_${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}_${crypto.randomBytes(3).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  log(`database: PostgreSQL, fresh database ${url.hostname}:${url.port || "5432"}/${name} (dropped at the end)`);
  return {
    serverEnv: { DATABASE_URL: url.toString() },
    appEnv: { DATABASE_URL: url.toString() },
    url: url.toString(),
    cleanup: onCleanup(async () => {
      try {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await admin.end({ timeout: 5 });
      }
    }),
  };
}

export async function runWorklistBench(engine: Engine, options: { port: number; serverUrl?: string; log: (line: string) => void }): Promise<WorklistBenchResult> {
  const { log } = options;
  const target = await createTarget(engine, options.serverUrl, log);
  let server: RunningServer | undefined;
  let handle: DatabaseHandle | undefined;
  try {
    // ---- The database, and the in-process measurements (before the server: PGlite is one process only).
    handle = openDatabase(parseEnv({ NODE_ENV: "production", NEXTAUTH_URL: "http://127.0.0.1", ...target.appEnv }));
    await migrateDatabase(handle, target.url);
    const data = await buildBenchDatabase(handle, log);
    const h = handle;
    const coordinator = { id: data.coordinatorId, role: "coordinator" as const };
    const defaultQuery = worklistQuery.parse({});

    const appPage = await loadWorklist(defaultQuery, coordinator, new Date(), h.db);
    const sqlPage = await rawQuery(h, HAND_WRITTEN_SQL);
    const appIds = appPage.items.map((i) => i.id).join(",");
    const pageFirst = await rawQuery(h, PAGE_FIRST_SQL);
    let samePage = appIds === sqlPage.map((r) => r.id).join(",") && appIds === pageFirst.map((r) => r.id).join(",") && appPage.items.length === 50;
    if (!samePage) log("WARNING: the hand-written SQL does not return the app's page");

    const queryOnce = async () => {
      const page = await loadWorklist(defaultQuery, coordinator, new Date(), h.db);
      if (page.items.length !== 50) throw new Error(`${page.items.length} rows`);
    };
    const sqlOnce = async () => {
      const rows = await rawQuery(h, HAND_WRITTEN_SQL);
      if (rows.length !== 50) throw new Error(`${rows.length} rows`);
    };
    const pageFirstOnce = async () => {
      const rows = await rawQuery(h, PAGE_FIRST_SQL);
      if (rows.length !== 50) throw new Error(`${rows.length} rows`);
    };
    await load(1, 1000, queryOnce); // warm-up: plans, caches, JIT
    await load(1, 500, pageFirstOnce);
    await load(1, 1000, sqlOnce);
    const query: LoadResult[] = [];
    const sqlResults: LoadResult[] = [];
    const sqlPageFirst: LoadResult[] = [];
    for (const c of CONCURRENCY) {
      query.push(await load(c, QUERY_MS, queryOnce));
      sqlResults.push(await load(c, QUERY_MS, sqlOnce));
      sqlPageFirst.push(await load(c, QUERY_MS, pageFirstOnce));
      log(`in-process, ${c} clients: query p95 ${query.at(-1)?.p95} ms, hand-written SQL p95 ${sqlResults.at(-1)?.p95} ms`);
    }
    await handle.close();
    handle = undefined;

    // ---- The production server on the same database.
    const secret = crypto.randomBytes(32).toString("hex");
    let sampler: ReturnType<typeof sampleMemory> | undefined;
    const startStarted = performance.now();
    server = await startServer(options.port, { ...target.serverEnv, NEXTAUTH_SECRET: secret, MSCC_DEMO_DATA: "off" }, (pid) => {
      sampler = sampleMemory(pid);
    });
    const serverStartSeconds = round1((performance.now() - startStarted) / 1000);
    log(`server: next start answered /api/health in ${serverStartSeconds} s`);
    const base = server.base;
    const auth = { authorization: `Bearer ${data.token}` };

    const apiOnce = async () => {
      const response = await fetch(`${base}/api/v1/worklist`, { headers: auth });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${body.slice(0, 200)}`);
    };
    const first = await fetch(`${base}/api/v1/worklist`, { headers: auth });
    if (first.status !== 200) throw new Error(`GET /api/v1/worklist answered ${first.status}: ${await first.text()}`);
    const firstPage = (await first.json()) as { items: { id: string }[] };
    samePage &&= firstPage.items.map((i) => i.id).join(",") === appIds;
    await load(1, 1000, apiOnce); // warm-up
    await load(10, 2000, apiOnce);
    const api: LoadResult[] = [];
    for (const c of CONCURRENCY) {
      api.push(await load(c, API_MS, apiOnce));
      const r = api.at(-1) as LoadResult;
      log(`API, ${c} clients: p50 ${r.p50} ms, p95 ${r.p95} ms, ${r.perSecond} requests/s, ${r.errors} errors${r.firstError ? ` (${r.firstError})` : ""}`);
    }

    const healthOnce = async () => {
      const response = await fetch(`${base}/api/health`);
      await response.text();
      if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
    };
    const healthFloor: LoadResult[] = [];
    for (const c of CONCURRENCY) healthFloor.push(await load(c, API_MS / 2, healthOnce));

    const live = await measureLiveUpdates(base, auth);
    log(`live: p50 ${live.p50} ms, p95 ${live.p95} ms over ${live.samples}, ${live.errors} errors${live.firstError ? ` (${live.firstError})` : ""}`);
    const memory = sampler?.stop() ?? { peakTreeRssMiB: Number.NaN, peakProcessHwmMiB: Number.NaN, samples: 0 };

    const ratios = CONCURRENCY.map((c, i) => ({
      concurrency: c,
      queryToSql: round1((query[i]?.p95 ?? Number.NaN) / (sqlResults[i]?.p95 ?? Number.NaN)),
      apiToSql: round1((api[i]?.p95 ?? Number.NaN) / (sqlResults[i]?.p95 ?? Number.NaN)),
      apiToPageFirstSql: round1((api[i]?.p95 ?? Number.NaN) / (sqlPageFirst[i]?.p95 ?? Number.NaN)),
    }));
    const { token: _token, coordinatorId: _id, ...dataFigures } = data;
    return { engine, data: dataFigures, query, sql: sqlResults, sqlPageFirst, api, healthFloor, ratios, samePage, live, memory, serverStartSeconds };
  } catch (error) {
    if (server) console.error(`--- server output (last lines) ---\n${server.output().split("\n").slice(-40).join("\n")}`);
    throw error;
  } finally {
    await server?.stop();
    await handle?.close().catch(() => {});
    await target.cleanup();
  }
}

/**
 * One open stream; then, one after another, a referral created through the API and the time from just before
 * the POST to the `referrals` event naming its id.
 */
async function measureLiveUpdates(base: string, auth: Record<string, string>): Promise<WorklistBenchResult["live"]> {
  const stream = await openReferralStream(base, auth);
  const latencies: number[] = [];
  const posts: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const nextNhsNumber = nhsNumberSource("999", 100_000, 37);
  for (let i = 0; i < LIVE_SAMPLES; i++) {
    const body = sampleReferralBody(nextNhsNumber(), `Bench ${i + 1}`);
    const t0 = performance.now();
    try {
      const response = await fetch(`${base}/api/v1/referrals`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) });
      const text = await response.text();
      posts.push(performance.now() - t0);
      if (response.status !== 201) throw new Error(`POST /api/v1/referrals answered ${response.status}: ${text.slice(0, 200)}`);
      const id = (JSON.parse(text) as { referral: { id: string } }).referral.id;
      latencies.push((await stream.waitFor(id, 5_000)) - t0);
    } catch (error) {
      errors++;
      firstError ??= error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stream.close();
  return {
    samples: latencies.length,
    errors,
    p50: round1(percentile(latencies, 50)),
    p95: round1(percentile(latencies, 95)),
    max: round1(Math.max(...latencies)),
    postP50: round1(percentile(posts, 50)),
    postP95: round1(percentile(posts, 95)),
    firstError,
  };
}
