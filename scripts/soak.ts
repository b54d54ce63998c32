/**
 * npm run soak: the app under load while PostgreSQL restarts (issue 8, item 4). Loopback only, bounded in time.
 * A private PostgreSQL cluster (scripts/soak-cluster.ts), a fresh migrated database on it, the production server
 * on it, then SOAK_CLINICIANS (50) simulated clinicians for SOAK_SECONDS (60), each with their own API token,
 * looping: take a referral, triage it and add notes with the version they hold (and, now and then, a deliberately
 * stale version that must be refused with 409), read the worklist. Half-way through, PostgreSQL restarts (fast).
 * Then: a table of what was asked and answered; every acknowledged write checked in the database itself
 * (scripts/soak-verify.ts); recovery proved without restarting the app (health 200, a fresh write and read, and the
 * worklist stream hears of it on a stream opened before the restart and on a new one).
 * Prints a Markdown table (progress to stderr). Exits 1 if an acknowledged write is lost, a referral is
 * half-written, any answer is a 500, a stale version is accepted, or the app does not recover.
 */
import "./load-env";
import crypto from "node:crypto";
import os from "node:os";
import postgres from "postgres";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { createApiToken } from "@/db/mutations/api-tokens";
import { createUser } from "@/db/mutations/users";
import { generateApiToken } from "@/lib/auth/api-tokens";
import { parseEnv } from "@/lib/env";
import { ensureProductionBuild, nhsNumberSource, openReferralStream, percentile, round1, runAllCleanups, sampleReferralBody, startServer, type ReferralStream, type RunningServer } from "./bench-lib";
import { createTarget } from "./bench-worklist";
import { soakDatabaseServer } from "./soak-cluster";
import { verificationPassed, verifyAcknowledgedWrites, type AcknowledgedWrites, type Verification } from "./soak-verify";

const PORT = Number(process.env.SOAK_PORT ?? 3206);
const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const CLINICIANS = Number(process.env.SOAK_CLINICIANS ?? 50);
// A clinician reads and types between requests; 0 makes it a closed loop.
const THINK_MS = Number(process.env.SOAK_THINK_MS ?? 100);
const STALE_SHARE = 0.3;
const NOTES_PER_REFERRAL = 3;
const REQUEST_TIMEOUT_MS = 30_000;
const RECOVERY_LIMIT_MS = 60_000;
// A clinician out of every five is a registrar: they add notes but do not triage.
const REGISTRAR_EVERY = 5;

const log = (line: string) => console.error(`[soak] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();

// ---- What was asked and answered

const KINDS = ["take a referral", "append an event", "append with a stale version", "read the worklist", "after the load: take and read a referral"] as const;
type Kind = (typeof KINDS)[number];

interface Outcome {
  kind: Kind;
  /** null: no HTTP answer (connection refused or reset, timeout). */
  status: number | null;
  started: number;
  ms: number;
  /** A 5xx answer's message (never patient data: the app's error bodies carry none). */
  message?: string;
}

const outcomes: Outcome[] = [];
const acknowledged: AcknowledgedWrites = { referralIds: [], events: [] };
let staleAccepted = 0;
/** 409 to a request that carried the version the clinician had just been given: a conflict nobody caused. */
let unexplainedConflicts = 0;

async function call(kind: Kind, token: string, method: "GET" | "POST", path: string, body?: unknown): Promise<{ status: number; json: unknown } | null> {
  const started = now();
  try {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: the status says enough
    }
    const message = response.status >= 500 ? ((json as { error?: { message?: string } } | null)?.error?.message ?? text.slice(0, 200)) : undefined;
    outcomes.push({ kind, status: response.status, started, ms: now() - started, message });
    return { status: response.status, json };
  } catch {
    outcomes.push({ kind, status: null, started, ms: now() - started });
    return null;
  }
}

let base = "";

// postgres.js can let a connection error escape as an unhandled rejection when the connection it belongs to is
// already being closed: an ECONNRESET when the server resets it, a CONNECT_TIMEOUT when a probe's connection attempt
// outlives the probe (both seen in this script's own probes during the restart; the second, unfiltered, once ended
// the run by dropping the cluster in the middle of its restart). Only this script's connections can raise one here
// (the app is another process, whose answers are all counted), so it is noise about the harness, not a finding about
// the app: it is counted and the run goes on.
const HARNESS_CONNECTION_ERRORS = new Set(["ECONNRESET", "CONNECT_TIMEOUT", "CONNECTION_CLOSED", "CONNECTION_DESTROYED"]);
let harnessConnectionErrors = 0;
process.on("unhandledRejection", (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && HARNESS_CONNECTION_ERRORS.has(code)) {
    harnessConnectionErrors++;
    return;
  }
  console.error(error);
  void runAllCleanups().then(() => process.exit(1));
});

// ---- One simulated clinician

interface Clinician {
  token: string;
  triages: boolean;
}

const noteEvent = (expectedVersion: number, text: string) => ({ type: "note", occurredAt: new Date().toISOString(), expectedVersion, data: { text } });
const triageEvent = (expectedVersion: number) => ({ type: "triaged", occurredAt: new Date().toISOString(), expectedVersion, data: { category: "suspected_mscc", advice: ["immobilisation"] } });

async function workReferral(c: Clinician, nextNhsNumber: () => string, n: number): Promise<void> {
  const created = await call("take a referral", c.token, "POST", "/api/v1/referrals", sampleReferralBody(nextNhsNumber(), `Soak ${n}`));
  if (created?.status !== 201) return;
  const id = (created.json as { referral: { id: string; version: number } }).referral.id;
  acknowledged.referralIds.push(id);
  let version = 1;
  for (let step = 0; step <= NOTES_PER_REFERRAL; step++) {
    await sleep(THINK_MS * Math.random());
    if (version >= 2 && Math.random() < STALE_SHARE) {
      const stale = await call("append with a stale version", c.token, "POST", `/api/v1/referrals/${id}/events`, noteEvent(version - 1, "Written from an old screen"));
      if (stale?.status === 201) {
        staleAccepted++;
        // Accepted (wrongly), so it is in the database and moved the version on: count it as written.
        const e = stale.json as { eventId: string; version: number };
        acknowledged.events.push({ referralId: id, eventId: e.eventId, version: e.version });
        version = e.version;
      }
    }
    const event = step === 0 ? (c.triages ? triageEvent(version) : null) : noteEvent(version, `Progress note ${step}`);
    if (!event) continue;
    const appended = await call("append an event", c.token, "POST", `/api/v1/referrals/${id}/events`, event);
    if (appended?.status === 201) {
      const e = appended.json as { eventId: string; version: number };
      acknowledged.events.push({ referralId: id, eventId: e.eventId, version: e.version });
      version = e.version;
      continue;
    }
    if (appended?.status === 409) unexplainedConflicts++;
    // No answer or a refusal: whether it was written is unknown, so the version held is no longer known either.
    return;
  }
}

async function runClinician(c: Clinician, index: number, deadline: number): Promise<void> {
  const nextNhsNumber = nhsNumberSource(`97${String(index).padStart(2, "0")}`, 0, 1);
  let n = 0;
  while (now() < deadline) {
    await workReferral(c, nextNhsNumber, ++n);
    await sleep(THINK_MS * Math.random());
    await call("read the worklist", c.token, "GET", "/api/v1/worklist");
  }
}

// ---- Watching the database and the app's health through the restart

interface Watch {
  /** When the restart command started and finished. */
  restartStarted: number;
  restartEnded: number;
  /** The database refused or dropped queries from ... to ... (a direct connection, polled every 50 ms). */
  databaseDownFrom: number;
  databaseUpAt: number;
  /** GET /api/health: first answer not 200 at or after the restart, and the first 200 after that. */
  healthDownFrom: number;
  healthUpAt: number;
}

/** A new connection for every probe, so the driver's own reconnection delays do not blur the figure. */
async function pollDatabase(url: string, restartDone: () => boolean, limit: number): Promise<{ downFrom: number; upAt: number }> {
  let downFrom = Number.NaN;
  let upAt = Number.NaN;
  while (now() < limit) {
    const t = now();
    const probe = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
    const up = await probe`select 1`.then(
      () => true,
      () => false,
    );
    await probe.end({ timeout: 1 }).catch(() => {});
    if (!up && Number.isNaN(downFrom)) downFrom = t;
    if (up && !Number.isNaN(downFrom)) upAt = t;
    if (up && restartDone()) break;
    await sleep(50);
  }
  return { downFrom, upAt };
}

async function pollHealth(from: number, limit: number): Promise<{ downFrom: number; upAt: number }> {
  let downFrom = Number.NaN;
  while (now() < limit) {
    const t = now();
    let status = 0;
    try {
      status = (await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5_000) })).status;
    } catch {
      // no answer counts as down
    }
    if (status !== 200 && t >= from && Number.isNaN(downFrom)) downFrom = t;
    if (status === 200 && !Number.isNaN(downFrom)) return { downFrom, upAt: t };
    await sleep(100);
  }
  return { downFrom, upAt: Number.NaN };
}

async function restartDuringLoad(server: { url: string; restart(): Promise<void> }, at: number): Promise<Watch> {
  await sleep(Math.max(0, at - now()));
  log("restarting PostgreSQL (fast) ...");
  const restartStarted = now();
  let restartEnded = Number.NaN;
  const database = pollDatabase(server.url, () => !Number.isNaN(restartEnded), restartStarted + RECOVERY_LIMIT_MS);
  const health = pollHealth(restartStarted, restartStarted + RECOVERY_LIMIT_MS);
  await server.restart();
  restartEnded = now();
  const [db, h] = await Promise.all([database, health]);
  log(`restart command took ${((restartEnded - restartStarted) / 1000).toFixed(1)} s; the database refused queries for ${((db.upAt - db.downFrom) / 1000).toFixed(1)} s`);
  return { restartStarted, restartEnded, databaseDownFrom: db.downFrom, databaseUpAt: db.upAt, healthDownFrom: h.downFrom, healthUpAt: h.upAt };
}

// ---- Recovery, after the load

interface Recovery {
  health200: boolean;
  freshWrite: boolean;
  freshRead: boolean;
  /** The stream opened before the restart heard of the fresh write; and one opened after it. */
  oldStreamHeard: boolean;
  newStreamHeard: boolean;
  /** "Anything may have changed" events on the old stream (the server's LISTEN reconnected). */
  oldStreamResyncs: number;
}

async function proveRecovery(token: string, oldStream: ReferralStream): Promise<Recovery> {
  const health = await fetch(`${base}/api/health`).then((r) => r.status).catch(() => 0);
  const newStream = await openReferralStream(base, { authorization: `Bearer ${token}` }).catch(() => null);
  const created = await call("after the load: take and read a referral", token, "POST", "/api/v1/referrals", sampleReferralBody(nhsNumberSource("9799", 0, 1)(), "Soak recovery"));
  const id = created?.status === 201 ? (created.json as { referral: { id: string } }).referral.id : null;
  if (id) acknowledged.referralIds.push(id);
  const read = id ? await call("after the load: take and read a referral", token, "GET", `/api/v1/referrals/${id}`) : null;
  const heard = async (stream: ReferralStream | null) => (stream && id ? stream.waitFor(id, 5_000).then(() => true, () => false) : false);
  const [oldStreamHeard, newStreamHeard] = await Promise.all([heard(oldStream), heard(newStream)]);
  await newStream?.close();
  return { health200: health === 200, freshWrite: id !== null, freshRead: read?.status === 200, oldStreamHeard, newStreamHeard, oldStreamResyncs: oldStream.allChanged() };
}

// ---- The table

const fmt = (n: number) => (Number.isFinite(n) ? n.toLocaleString("en-GB", { maximumFractionDigits: 1 }) : "n/a");
const secs = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : "n/a");

function statusCounts(xs: Outcome[], test: (s: number) => boolean): string {
  const counts = new Map<number, number>();
  for (const o of xs) if (o.status !== null && test(o.status)) counts.set(o.status, (counts.get(o.status) ?? 0) + 1);
  return counts.size === 0 ? "0" : [...counts].sort(([a], [b]) => a - b).map(([s, n]) => `${n} × ${s}`).join(", ");
}

/** The server's own log lines about the database (ids and driver codes only), counted by what they say. */
function serverLogReasons(output: string): Map<string, number> {
  const reasons = new Map<string, number>();
  for (const line of output.split("\n")) {
    const match = /\] (database unavailable|unexpected error|database unreachable): (.*)$/.exec(line);
    if (!match) continue;
    const reason = `${match[1]}: ${(match[2] ?? "").replace(/127\.0\.0\.1:\d+/g, "127.0.0.1:<port>")}`;
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  return reasons;
}

function printReport(watch: Watch, recovery: Recovery, verification: Verification, wallSeconds: number, loadAtStart: number[], serverOutput: string): void {
  // The outage as the clients saw it: from the restart until the app's health was 200 again, or, when the health
  // check rode out a short restart (it waits for the pool to reconnect), until new connections succeeded again.
  const healthWentDown = Number.isFinite(watch.healthDownFrom);
  const outageEnd = healthWentDown ? watch.healthUpAt : watch.databaseUpAt;
  const inOutage = (o: Outcome) => o.started + o.ms >= watch.restartStarted && o.started <= (Number.isFinite(outageEnd) ? outageEnd : Infinity);
  const header = ["Request", "sent", "2xx", "4xx", "503 in the outage", "503 outside it", "500", "other 5xx", "no answer", "p50", "p95"];
  const rows = KINDS.map((kind) => {
    const xs = outcomes.filter((o) => o.kind === kind);
    const answered = xs.filter((o) => o.status !== null).map((o) => o.ms);
    return [
      kind,
      fmt(xs.length),
      fmt(xs.filter((o) => o.status !== null && o.status < 300).length),
      statusCounts(xs, (s) => s >= 400 && s < 500),
      fmt(xs.filter((o) => o.status === 503 && inOutage(o)).length),
      fmt(xs.filter((o) => o.status === 503 && !inOutage(o)).length),
      fmt(xs.filter((o) => o.status === 500).length),
      statusCounts(xs, (s) => s > 500 && s !== 503),
      fmt(xs.filter((o) => o.status === null).length),
      `${fmt(round1(percentile(answered, 50)))} ms`,
      `${fmt(round1(percentile(answered, 95)))} ms`,
    ];
  });
  const all = outcomes;
  const allAnswered = all.filter((o) => o.status !== null).map((o) => o.ms);
  rows.push([
    "all",
    fmt(all.length),
    fmt(all.filter((o) => o.status !== null && o.status < 300).length),
    statusCounts(all, (s) => s >= 400 && s < 500),
    fmt(all.filter((o) => o.status === 503 && inOutage(o)).length),
    fmt(all.filter((o) => o.status === 503 && !inOutage(o)).length),
    fmt(all.filter((o) => o.status === 500).length),
    statusCounts(all, (s) => s > 500 && s !== 503),
    fmt(all.filter((o) => o.status === null).length),
    `${fmt(round1(percentile(allAnswered, 50)))} ms`,
    `${fmt(round1(percentile(allAnswered, 95)))} ms`,
  ]);
  const stale = outcomes.filter((o) => o.kind === "append with a stale version");
  const mark = (ok: boolean) => (ok ? "yes" : "NO");
  const facts: [string, string][] = [
    ["load", `${CLINICIANS} clinicians (API tokens; 1 in ${REGISTRAR_EVERY} a registrar) for ${SECONDS} s, think time up to ${THINK_MS} ms; ${fmt(all.length / wallSeconds)} requests/s`],
    ["PostgreSQL restart (fast), started at", `${secs(watch.restartStarted - runStarted)} into the run; the command took ${secs(watch.restartEnded - watch.restartStarted)}`],
    ["a new database connection (2 s limit) failed for", secs(watch.databaseUpAt - watch.databaseDownFrom)],
    ["/api/health not 200 for", healthWentDown ? secs(watch.healthUpAt - watch.healthDownFrom) : "never seen (polled every 100 ms; each check waits up to 3 s for the pool to reconnect)"],
    ["/api/health 200 again, after a new connection succeeded again", healthWentDown ? secs(watch.healthUpAt - watch.databaseUpAt) : "n/a"],
    ["stale versions refused with 409 (conflicts correctly refused)", `${fmt(stale.filter((o) => o.status === 409).length)} of ${fmt(stale.length)} sent; wrongly accepted: ${staleAccepted}`],
    ["409 to a request carrying the current version", fmt(unexplainedConflicts)],
    ["acknowledged writes: referrals / events", `${fmt(verification.acknowledgedReferrals)} / ${fmt(verification.acknowledgedEvents)}`],
    ["in the database: referrals / events", `${fmt(verification.referralsInDatabase)} / ${fmt(verification.eventsInDatabase)}`],
    ["acknowledged writes lost", fmt(verification.lostReferrals.length + verification.lostEvents.length)],
    ["referrals half-written (no patient, no received event or audit row, version ≠ events)", fmt(verification.halfWritten.length)],
    ["stored worklist summaries differing from the app's recomputation", fmt(verification.staleSummaries.length)],
    ["recovered without restarting the app: health 200 / fresh write / fresh read", `${mark(recovery.health200)} / ${mark(recovery.freshWrite)} / ${mark(recovery.freshRead)}`],
    ["worklist stream hears the fresh write: opened before the restart / after it", `${mark(recovery.oldStreamHeard)} / ${mark(recovery.newStreamHeard)} (resync events: ${recovery.oldStreamResyncs})`],
  ];
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  console.log(`\nMSCC soak on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown CPU"}), Node ${process.version}, ${new Date().toISOString()}`);
  console.log(`load average at start / end: ${loadAtStart.map((n) => n.toFixed(1)).join(" ")} / ${os.loadavg().map((n) => n.toFixed(1)).join(" ")}; p50/p95 over answered requests\n`);
  if (harnessConnectionErrors > 0) console.log(`(this script's own database connections raised ${harnessConnectionErrors} stray connection error(s) during the restart: ignored)\n`);
  console.log(line(header));
  console.log(line(header.map((_, i) => (i === 0 ? "---" : "---:"))));
  for (const r of rows) console.log(line(r));
  console.log();
  console.log(line(["What", "Measured"]));
  console.log(line(["---", "---"]));
  for (const [what, value] of facts) console.log(line([what, value]));
  console.log();
  const reasons = new Map<string, number>();
  for (const o of all) if (o.message) reasons.set(`${o.status}: ${o.message}`, (reasons.get(`${o.status}: ${o.message}`) ?? 0) + 1);
  for (const [reason, n] of reasons) console.log(`${n} × ${reason}`);
  for (const [reason, n] of serverLogReasons(serverOutput)) console.log(`server log (last 20 kB): ${n} × ${reason}`);
  for (const o of all.filter((x) => x.status === 503 && !inOutage(x))) {
    console.log(`503 outside the outage: sent ${secs(o.started - watch.restartEnded)} after the restart command returned, answered in ${secs(o.ms)}`);
  }
  for (const problem of [...verification.halfWritten, ...verification.staleSummaries.map((id) => `${id}: stale summary`)].slice(0, 20)) console.log(`problem: ${problem}`);
  for (const id of [...verification.lostReferrals, ...verification.lostEvents].slice(0, 20)) console.log(`lost: ${id}`);
}

// ---- Main

let runStarted = 0;

async function main() {
  const loadAtStart = os.loadavg();
  const dbServer = await soakDatabaseServer(log);
  const target = await createTarget("postgres", dbServer.url, log);
  const url = target.url as string;
  ensureProductionBuild(log);

  const handle = openDatabase(parseEnv({ NODE_ENV: "production", NEXTAUTH_URL: "http://127.0.0.1", DATABASE_URL: url }));
  let server: RunningServer | undefined;
  try {
    await migrateDatabase(handle, url);
    const clinicians: Clinician[] = [];
    for (let i = 0; i < CLINICIANS; i++) {
      const registrar = i % REGISTRAR_EVERY === REGISTRAR_EVERY - 1;
      const { token, tokenHash, prefix } = generateApiToken();
      await handle.db.transaction(async (tx) => {
        const { id } = await createUser(tx, { actorId: null, email: `soak-${i + 1}@mscc.test`, name: `Soak Clinician ${i + 1}`, role: registrar ? "registrar" : "coordinator", passwordHash: null });
        await createApiToken(tx, { userId: id, name: "soak", tokenHash, prefix });
      });
      clinicians.push({ token, triages: !registrar });
    }
    const coordinatorToken = (clinicians[0] as Clinician).token;
    log(`${CLINICIANS} clinicians with API tokens`);

    server = await startServer(PORT, { ...target.serverEnv, NEXTAUTH_SECRET: crypto.randomBytes(32).toString("hex"), MSCC_DEMO_DATA: "off" });
    base = server.base;
    log(`server: ${base} on the ${dbServer.describe}`);
    const oldStream = await openReferralStream(base, { authorization: `Bearer ${coordinatorToken}` });

    log(`load: ${CLINICIANS} clinicians for ${SECONDS} s ...`);
    runStarted = now();
    const deadline = runStarted + SECONDS * 1000;
    const restart = restartDuringLoad(dbServer, runStarted + (SECONDS * 1000) / 2);
    await Promise.all(clinicians.map((c, i) => runClinician(c, i, deadline)));
    const watch = await restart;
    const wallSeconds = (now() - runStarted) / 1000;
    log(`load done: ${outcomes.length} requests in ${wallSeconds.toFixed(0)} s`);

    const recovery = await proveRecovery(coordinatorToken, oldStream);
    await oldStream.close();
    log("verifying every acknowledged write in the database ...");
    const verification = await verifyAcknowledgedWrites(handle.db, acknowledged);
    printReport(watch, recovery, verification, wallSeconds, loadAtStart, server.output());

    const recovered = recovery.health200 && recovery.freshWrite && recovery.freshRead && recovery.oldStreamHeard && recovery.newStreamHeard;
    const fivehundreds = outcomes.filter((o) => o.status === 500).length;
    if (!verificationPassed(verification) || fivehundreds > 0 || staleAccepted > 0 || !recovered) {
      log("FAILED: see the table");
      process.exitCode = 1;
    }
  } catch (error) {
    if (server) console.error(`--- server output (last lines) ---\n${server.output().split("\n").slice(-40).join("\n")}`);
    throw error;
  } finally {
    await server?.stop();
    await handle.close().catch(() => {});
    await target.cleanup();
    await dbServer.cleanup();
  }
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  await runAllCleanups();
  process.exit(1);
});
