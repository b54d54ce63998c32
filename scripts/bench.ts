/**
 * npm run bench: the figures the issues name, measured on this machine, loopback only, bounded in time.
 * - start-up: `npm run dev` on a fresh embedded database (migrations and demo data included) until the sign-in
 *   page answers 200 (issue 2: within 60 s);
 * - GET /api/health and a password sign-in (argon2id), repeated, as median and 95th percentile;
 * - the worklist (scripts/bench-worklist.ts), on the embedded database by default, on a fresh PostgreSQL database
 *   when DATABASE_URL is set, or both with BENCH_DB=both: query and API at 1, 10 and 50 concurrent clients
 *   against one hand-written SQL statement, live update latency, the server's peak memory.
 * Prints one table (progress goes to stderr) and writes each engine's figures to bench/results/<engine>-<time>.json.
 * Exits 1 if a target is missed.
 */
import "./load-env";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureProductionBuild, onCleanup, percentile, round1, runAllCleanups } from "./bench-lib";
import { CONCURRENCY, runWorklistBench, type Engine, type WorklistBenchResult } from "./bench-worklist";

const PORT = Number(process.env.BENCH_PORT ?? 3400);
const WORKLIST_PORT = Number(process.env.BENCH_WORKLIST_PORT ?? PORT + 1);
const BASE = `http://127.0.0.1:${PORT}`;
const START_LIMIT_MS = 120_000;

const loadAtStart = os.loadavg();
const log = (line: string) => console.error(`[bench] ${line}`);
const ms = (n: number) => `${n.toFixed(1)} ms`;

// ---- Start-up, health and sign-in (dev server, fresh embedded database)

async function waitFor200(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer 200 within ${START_LIMIT_MS / 1000} s`);
}

async function timed(n: number, work: () => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  return times;
}

async function signInOnce(): Promise<void> {
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const response = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, email: "coordinator@mscc.test", password: "demo-coordinator-2026", json: "true" }),
  });
  if (!response.headers.getSetCookie().some((c) => c.includes("session-token"))) throw new Error(`sign-in failed: ${response.status}`);
}

interface StartupFigures {
  devStartSeconds: number;
  healthP50: number;
  healthP95: number;
  signInP50: number;
  signInP95: number;
}

async function measureStartup(): Promise<StartupFigures> {
  log("start-up: next dev on a fresh embedded database ...");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mscc-bench-"));
  const started = performance.now();
  const server = spawn("npx", ["next", "dev", "-p", String(PORT), "-H", "127.0.0.1"], {
    env: { ...process.env, MSCC_DATA_DIR: dataDir, DATABASE_URL: "", NEXT_TELEMETRY_DISABLED: "1", NEXTAUTH_URL: BASE },
    stdio: "ignore",
    detached: true,
  });
  const stop = onCleanup(async () => {
    try {
      if (server.pid) process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 1000));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  try {
    await waitFor200(`${BASE}/signin`, Date.now() + START_LIMIT_MS);
    const startup = performance.now() - started;
    await fetch(`${BASE}/api/health`); // first compile of the route, not counted
    const health = await timed(100, async () => {
      if ((await fetch(`${BASE}/api/health`)).status !== 200) throw new Error("health not 200");
    });
    await signInOnce(); // compiles the auth route
    const signIn = await timed(10, signInOnce);
    return {
      devStartSeconds: round1(startup / 1000),
      healthP50: round1(percentile(health, 50)),
      healthP95: round1(percentile(health, 95)),
      signInP50: round1(percentile(signIn, 50)),
      signInP95: round1(percentile(signIn, 95)),
    };
  } finally {
    await stop();
  }
}

// ---- Targets (the worklist issue)

interface Targets {
  apiP95Under50msAt50: boolean;
  apiWithin3xSqlAt50: boolean;
  liveP95Under500ms: boolean;
  noErrors: boolean;
}

function targetsOf(r: WorklistBenchResult): Targets {
  const at50 = r.api.find((a) => a.concurrency === 50);
  const ratio50 = r.ratios.find((a) => a.concurrency === 50);
  const errors = [...r.query, ...r.sql, ...r.api].reduce((n, x) => n + x.errors, 0) + r.live.errors;
  return {
    apiP95Under50msAt50: (at50?.p95 ?? Infinity) < 50,
    apiWithin3xSqlAt50: (ratio50?.apiToSql ?? Infinity) <= 3,
    liveP95Under500ms: r.live.p95 < 500 && r.live.samples > 0,
    noErrors: errors === 0 && r.samePage,
  };
}

// ---- Output

const fmt = (n: number) => (Number.isFinite(n) ? n.toLocaleString("en-GB", { maximumFractionDigits: 1 }) : "n/a");

function printTable(startup: StartupFigures | null, results: WorklistBenchResult[]): void {
  const rows: string[][] = [];
  const cols = results.map((r) => r.engine);
  const each = (label: string, value: (r: WorklistBenchResult) => string) => rows.push([label, ...results.map(value)]);
  const same = (label: string, value: string) => rows.push([label, ...(results.length > 0 ? results.map(() => value) : [value])]);
  if (startup) {
    same("dev server start → sign-in page 200 (fresh embedded database, limit 60 s)", `${fmt(startup.devStartSeconds)} s`);
    same("GET /api/health, median / 95th percentile of 100 (dev server)", `${ms(startup.healthP50)} / ${ms(startup.healthP95)}`);
    same("password sign-in (argon2id), median / 95th percentile of 10 (dev server)", `${ms(startup.signInP50)} / ${ms(startup.signInP95)}`);
  }
  each("database: referrals of history / active / events", (r) => `${fmt(r.data.history)} / ${fmt(r.data.active)} / ${fmt(r.data.events)}`);
  each("database: generated in (history bulk SQL + active via the app)", (r) => `${fmt(r.data.seconds.total)} s`);
  const load = (name: string, pick: (r: WorklistBenchResult) => WorklistBenchResult["api"]) => {
    for (const c of CONCURRENCY) {
      const of = (r: WorklistBenchResult) => pick(r).find((x) => x.concurrency === c);
      each(`${name}, ${c} client${c > 1 ? "s" : ""}: p50 / p95 / p99`, (r) => {
        const x = of(r);
        return x ? `${fmt(x.p50)} / ${fmt(x.p95)} / ${fmt(x.p99)} ms` : "n/a";
      });
      each(`${name}, ${c} client${c > 1 ? "s" : ""}: throughput, errors`, (r) => {
        const x = of(r);
        return x ? `${fmt(x.perSecond)} requests/s, ${x.errors} errors` : "n/a";
      });
    }
  };
  load("hand-written SQL (same page, raw client)", (r) => r.sql);
  load("hand-written SQL, page-first (50 ids, then joins)", (r) => r.sqlPageFirst);
  load("worklist query (loadWorklist, in-process)", (r) => r.query);
  load("worklist API (GET /api/v1/worklist, 50 rows)", (r) => r.api);
  load("floor: GET /api/health on the same server (no sign-in, one trivial query)", (r) => r.healthFloor);
  for (const c of CONCURRENCY) {
    each(`p95 ÷ hand-written SQL p95, ${c} client${c > 1 ? "s" : ""}: query / API`, (r) => {
      const x = r.ratios.find((y) => y.concurrency === c);
      return x ? `${fmt(x.queryToSql)}× / ${fmt(x.apiToSql)}×` : "n/a";
    });
  }
  for (const c of CONCURRENCY) {
    each(`API p95 ÷ page-first SQL p95, ${c} client${c > 1 ? "s" : ""}`, (r) => `${fmt(r.ratios.find((y) => y.concurrency === c)?.apiToPageFirstSql ?? Number.NaN)}×`);
  }
  each("same page from query, API and both SQL statements", (r) => (r.samePage ? "yes" : "NO"));
  each("live update: POST /api/v1/referrals → event on stream, p50 / p95", (r) => `${ms(r.live.p50)} / ${ms(r.live.p95)} (${r.live.samples} of ${r.live.samples + r.live.errors})`);
  each("live update: the POST itself, p50 / p95", (r) => `${ms(r.live.postP50)} / ${ms(r.live.postP95)}`);
  each("server: next start → /api/health 200", (r) => `${fmt(r.serverStartSeconds)} s`);
  each("server peak memory: RSS of the process tree (sampled every 250 ms)", (r) => `${fmt(r.memory.peakTreeRssMiB)} MiB`);
  each("server peak memory: VmHWM of its largest process", (r) => `${fmt(r.memory.peakProcessHwmMiB)} MiB`);
  const mark = (ok: boolean) => (ok ? "met" : "MISSED");
  each("target: API p95 < 50 ms at 50 clients", (r) => `${mark(targetsOf(r).apiP95Under50msAt50)} (${ms(r.api.find((a) => a.concurrency === 50)?.p95 ?? Number.NaN)})`);
  each("target: API p95 ≤ 3× hand-written SQL p95 at 50 clients", (r) => `${mark(targetsOf(r).apiWithin3xSqlAt50)} (${fmt(r.ratios.find((a) => a.concurrency === 50)?.apiToSql ?? Number.NaN)}×)`);
  each("target: live update p95 < 500 ms", (r) => `${mark(targetsOf(r).liveP95Under500ms)} (${ms(r.live.p95)})`);
  each("target: no errors", (r) => mark(targetsOf(r).noErrors));

  const header = ["What", ...(cols.length > 0 ? cols : ["value"])];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const busy = os.loadavg()[0] ?? 0;
  console.log(`\nMSCC bench on ${os.cpus().length} cores (${cpu}), Node ${process.version}, ${new Date().toISOString()}`);
  console.log(`load average at start / end: ${loadAtStart.map((n) => n.toFixed(1)).join(" ")} / ${os.loadavg().map((n) => n.toFixed(1)).join(" ")}`);
  if (busy > os.cpus().length / 2) console.log("NOTE: other work was running on this machine: the figures are pessimistic");
  console.log();
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of rows) console.log(line(r));
  console.log();
}

function writeJson(startup: StartupFigures | null, result: WorklistBenchResult, at: Date): string {
  const dir = path.join(process.cwd(), "bench", "results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${result.engine}-${at.toISOString().replace(/:/g, "-").replace(/\.\d+Z$/, "Z")}.json`);
  const body = {
    measuredAt: at.toISOString(),
    machine: { loadAverageAtStart: loadAtStart, loadAverageAtEnd: os.loadavg(), cores: os.cpus().length, cpu: os.cpus()[0]?.model, memoryMiB: Math.round(os.totalmem() / 1048576), node: process.version, platform: `${os.platform()} ${os.release()}` },
    units: { latency: "ms", throughput: "requests/s", memory: "MiB", time: "s" },
    startup,
    ...result,
    targets: targetsOf(result),
  };
  fs.writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  return file;
}

function chooseEngines(): Engine[] {
  const choice = (process.env.BENCH_DB ?? (process.env.DATABASE_URL ? "postgres" : "embedded")).toLowerCase();
  const engines: Engine[] = choice === "both" ? ["embedded", "postgres"] : choice === "postgres" ? ["postgres"] : choice === "embedded" ? ["embedded"] : choice === "none" ? [] : [];
  if (!["both", "postgres", "embedded", "none"].includes(choice)) throw new Error(`BENCH_DB is embedded, postgres, both or none, not ${choice}`);
  if (engines.includes("postgres") && !process.env.DATABASE_URL) throw new Error("BENCH_DB=postgres/both needs DATABASE_URL (a server URL: the bench creates and drops its own database there)");
  return engines;
}

async function main() {
  const engines = chooseEngines();
  const at = new Date();
  const startup = process.env.BENCH_SKIP_STARTUP === "1" ? null : await measureStartup();
  const results: WorklistBenchResult[] = [];
  if (engines.length > 0) ensureProductionBuild(log);
  for (const engine of engines) {
    log(`worklist on ${engine} ...`);
    const started = performance.now();
    results.push(await runWorklistBench(engine, { port: WORKLIST_PORT, serverUrl: process.env.DATABASE_URL, log }));
    log(`worklist on ${engine}: ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  printTable(startup, results);
  for (const r of results) console.log(`written: ${path.relative(process.cwd(), writeJson(startup, r, at))}`);
  const missed = results.some((r) => Object.values(targetsOf(r)).includes(false));
  if ((startup && startup.devStartSeconds > 60) || missed) process.exitCode = 1;
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  if (error instanceof Error && error.cause) console.error("cause:", error.cause);
  await runAllCleanups();
  process.exit(1);
});
