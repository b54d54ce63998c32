/**
 * Small helpers shared by the bench and soak scripts: percentiles, a closed-loop load generator, the production
 * server (built once, started on a loopback port), referrals through the API, the worklist stream and a sampler
 * of the server's memory.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { nhsCheckDigit } from "@/lib/domain/nhs-number";

export const percentile = (xs: readonly number[], p: number): number => {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
};

export const round1 = (n: number): number => Math.round(n * 10) / 10;

export interface LoadResult {
  concurrency: number;
  requests: number;
  errors: number;
  /** Wall time of the measured window, seconds. */
  seconds: number;
  p50: number;
  p95: number;
  p99: number;
  perSecond: number;
  /** The first error seen, for the log. */
  firstError?: string;
}

/**
 * `concurrency` clients, each sending its next request as soon as the last one answered, for `durationMs`
 * (closed loop: requests/s is what the system sustains at that concurrency). `work` throws on an error.
 */
export async function load(concurrency: number, durationMs: number, work: () => Promise<void>): Promise<LoadResult> {
  const times: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const end = started + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          await work();
          times.push(performance.now() - t);
        } catch (error) {
          errors++;
          firstError ??= error instanceof Error ? error.message : String(error);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    concurrency,
    requests: times.length + errors,
    errors,
    seconds: round1(seconds),
    p50: round1(percentile(times, 50)),
    p95: round1(percentile(times, 95)),
    p99: round1(percentile(times, 99)),
    perSecond: round1((times.length + errors) / seconds),
    firstError,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Production build and server

const SOURCES = ["app", "components", "db", "lib", "proxy.ts", "instrumentation.ts", "next.config.ts", "package-lock.json", "postcss.config.mjs", "tsconfig.json"];

function newestMtime(p: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/** `next build`, unless .next/BUILD_ID is newer than every source file (or BENCH_SKIP_BUILD=1 and a build exists). */
export function ensureProductionBuild(log: (line: string) => void): void {
  const buildId = path.join(process.cwd(), ".next", "BUILD_ID");
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  if (built > 0 && process.env.BENCH_SKIP_BUILD === "1") return log("production build: reused (BENCH_SKIP_BUILD=1)");
  const newest = Math.max(...SOURCES.map((s) => newestMtime(path.join(process.cwd(), s))));
  if (built > newest) return log("production build: reused (.next is newer than the sources)");
  log("production build: next build (once; reused while the sources do not change) ...");
  const started = performance.now();
  const result = spawnSync(process.execPath, [nextBin(), "build"], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`next build failed:\n${result.stdout}\n${result.stderr}`);
  log(`production build: done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

export function nextBin(): string {
  return path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
}

export interface RunningServer {
  base: string;
  pid: number;
  /** The server's output so far (for an error message). */
  output(): string;
  stop(): Promise<void>;
}

/** `next start` on 127.0.0.1:port in its own process group, with this environment on top of ours. */
export async function startServer(port: number, extraEnv: Record<string, string>, onSpawn?: (pid: number) => void, limitMs = 120_000): Promise<RunningServer> {
  const base = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [nextBin(), "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXTAUTH_URL: base, ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  if (child.pid) onSpawn?.(child.pid);
  let out = "";
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true;
      resolve();
    }),
  );
  const server: RunningServer = {
    base,
    pid: child.pid ?? -1,
    output: () => out,
    stop: onCleanup(async () => {
      if (exited || !child.pid) return;
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          if (child.pid) process.kill(-child.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }, 5_000);
      await exitedPromise;
      clearTimeout(timer);
      // The group's other members (if any) get a moment to go too.
      await new Promise((r) => setTimeout(r, 300));
    }),
  };
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`the server exited while starting:\n${out}`);
    try {
      if ((await fetch(`${base}/api/health`)).status === 200) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await server.stop();
  throw new Error(`the server did not answer /api/health within ${limitMs / 1000} s:\n${out}`);
}

// ---------------------------------------------------------------------------------------------------------
// Referrals through the API, and the worklist stream

/**
 * Valid NHS numbers (Modulus 11) made from a fixed prefix and a counter: first + n * step for n = 0, 1, 2 ...,
 * skipping those that have no check digit. Scripts give each run its own prefix so they never meet real numbers.
 */
export function nhsNumberSource(prefix: string, first: number, step: number): () => string {
  let serial = 0;
  return () => {
    for (;;) {
      const firstNine = `${prefix}${String(first + serial++ * step).padStart(9 - prefix.length, "0")}`;
      const check = nhsCheckDigit(firstNine);
      if (check !== null) return `${firstNine}${check}`;
    }
  };
}

/** A complete, valid body for POST /api/v1/referrals: a fictional patient with new limb weakness. */
export function sampleReferralBody(nhsNumber: string, familyName: string): Record<string, unknown> {
  return {
    nhsNumber,
    givenName: "Margaret",
    familyName,
    dateOfBirth: "1950-03-07",
    referrerName: "Dr Patel",
    referrerRole: "gp",
    referrerContact: "0161 000 0000",
    symptoms: ["severe_lower_back_pain", "limb_numbness_or_weakness"],
    neurology: ["limb_weakness"],
    neurologyOnsetAt: new Date(Date.now() - 5 * 3_600_000).toISOString(),
    ambulatoryStatus: "walks_with_aid",
  };
}

export interface ReferralStream {
  /** When (performance.now()) each referral id was first named by a `referrals` event. */
  arrivals: Map<string, number>;
  /** How many `referrals` events said anything may have changed (the server's LISTEN reconnected). */
  allChanged(): number;
  /** Resolves with the arrival time of id's event, or rejects after timeoutMs. */
  waitFor(id: string, timeoutMs: number): Promise<number>;
  close(): Promise<void>;
}

/** Opens GET /api/v1/worklist/stream and resolves once the server says it is listening (`ready`). */
export async function openReferralStream(base: string, headers: Record<string, string>): Promise<ReferralStream> {
  const controller = new AbortController();
  const stream = await fetch(`${base}/api/v1/worklist/stream`, { headers: { ...headers, accept: "text/event-stream" }, signal: controller.signal });
  if (stream.status !== 200 || !stream.body) throw new Error(`the stream answered ${stream.status}`);
  const arrivals = new Map<string, number>();
  const waiters = new Map<string, () => void>();
  let allChanged = 0;
  let ready!: () => void;
  let failed!: (error: Error) => void;
  const readyPromise = new Promise<void>((resolve, reject) => {
    ready = resolve;
    failed = reject;
  });
  const reader = stream.body.getReader();
  const decoder = new TextDecoder();
  const reading = (async () => {
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return failed(new Error("the stream ended"));
        const at = performance.now();
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event === "ready") ready();
          if (event === "referrals" && data) {
            const change = JSON.parse(data) as { ids?: string[]; all?: boolean };
            if (change.all) allChanged++;
            for (const id of change.ids ?? []) {
              if (!arrivals.has(id)) arrivals.set(id, at);
              waiters.get(id)?.();
            }
          }
        }
      }
    } catch {
      // aborted at the end
    }
  })();
  await readyPromise;
  return {
    arrivals,
    allChanged: () => allChanged,
    waitFor(id, timeoutMs) {
      const arrived = arrivals.get(id);
      if (arrived !== undefined) return Promise.resolve(arrived);
      return new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no event for ${id} within ${timeoutMs / 1000} s`)), timeoutMs);
        waiters.set(id, () => {
          clearTimeout(timer);
          resolve(arrivals.get(id) as number);
        });
      }).finally(() => waiters.delete(id));
    },
    async close() {
      controller.abort();
      await reading;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Memory of a process tree

function childrenOf(pid: number): number[] {
  const kids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) kids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return kids;
}

function treeOf(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i++) all.push(...childrenOf(all[i] as number));
  return all;
}

function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

export interface MemorySampler {
  /** Peak of the sampled sum of VmRSS over the tree, and the largest VmHWM of any one process in it (MiB). */
  stop(): { peakTreeRssMiB: number; peakProcessHwmMiB: number; samples: number };
}

/** Samples the resident memory of the process tree under pid every intervalMs. */
export function sampleMemory(pid: number, intervalMs = 250): MemorySampler {
  let peakTree = 0;
  let peakHwm = 0;
  let samples = 0;
  let tree = treeOf(pid);
  const sample = () => {
    if (samples % 20 === 0) tree = treeOf(pid); // the tree rarely changes: look again every 5 s
    samples++;
    peakTree = Math.max(peakTree, tree.reduce((sum, p) => sum + statusKb(p, "VmRSS"), 0));
    for (const p of tree) peakHwm = Math.max(peakHwm, statusKb(p, "VmHWM"));
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      sample();
      clearInterval(timer);
      return { peakTreeRssMiB: round1(peakTree / 1024), peakProcessHwmMiB: round1(peakHwm / 1024), samples };
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Clean-up even when interrupted: child processes, temporary directories and databases.

const cleanups = new Set<() => Promise<void>>();

/** Runs fn at the end (call the returned function to run it earlier and forget it), or on Ctrl-C/SIGTERM. */
export function onCleanup(fn: () => Promise<void>): () => Promise<void> {
  let done = false;
  const once = async () => {
    if (done) return;
    done = true;
    cleanups.delete(once);
    await fn();
  };
  cleanups.add(once);
  return once;
}

/** Runs every clean-up not yet run (after an error). */
export async function runAllCleanups(): Promise<void> {
  await Promise.allSettled([...cleanups].map((fn) => fn()));
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up ...`);
    void Promise.allSettled([...cleanups].map((fn) => fn())).then(() => process.exit(130));
  });
}
