/**
 * Small helpers shared by the bench scripts: percentiles, a closed-loop load generator, the production server
 * (built once, started on a loopback port) and a sampler of its memory.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

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
