/**
 * npm run bench: the figures the issues name, measured on this machine, loopback only, bounded in time.
 * - start-up: `npm run dev` on a fresh embedded database (migrations and demo data included) until the sign-in
 *   page answers 200 (issue 2: within 60 s);
 * - GET /api/health and a password sign-in (argon2id), repeated, as median and 95th percentile.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const PORT = Number(process.env.BENCH_PORT ?? 3400);
const BASE = `http://127.0.0.1:${PORT}`;
const START_LIMIT_MS = 120_000;

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

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

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mscc-bench-"));
  const started = performance.now();
  const server = spawn("npx", ["next", "dev", "-p", String(PORT), "-H", "127.0.0.1"], {
    env: { ...process.env, MSCC_DATA_DIR: dataDir, DATABASE_URL: "", NEXT_TELEMETRY_DISABLED: "1", NEXTAUTH_URL: BASE },
    stdio: "ignore",
    detached: true,
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
    const rows = [
      ["dev server start → sign-in page 200 (fresh embedded database, limit 60 s)", `${(startup / 1000).toFixed(1)} s`],
      ["GET /api/health, median of 100", ms(percentile(health, 50))],
      ["GET /api/health, 95th percentile of 100", ms(percentile(health, 95))],
      ["password sign-in (argon2id), median of 10", ms(percentile(signIn, 50))],
      ["password sign-in (argon2id), 95th percentile of 10", ms(percentile(signIn, 95))],
    ];
    const width = Math.max(...rows.map((r) => (r[0] as string).length));
    console.log(`\nMSCC bench on ${os.cpus().length} cores, Node ${process.version} (dev server, embedded database)\n`);
    for (const [label, value] of rows) console.log(`${(label as string).padEnd(width)}  ${value}`);
    if (startup > 60_000) process.exitCode = 1;
  } finally {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
    await new Promise((r) => setTimeout(r, 1000));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
