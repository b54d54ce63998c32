import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * PGlite has no lock of its own: two processes on one data directory silently lose writes. The first
 * process holds a lock file naming itself; a second one fails at once with a message naming the holder.
 * A lock left by a process that has died (kill -9, power cut) is noticed and taken over.
 */

export const LOCK_FILE_NAME = "mscc.lock";

interface LockHolder {
  pid: number;
  host: string;
  command: string;
  since: string;
  /** Linux's boot id: a lock written before the last reboot is stale whatever its pid now names. */
  boot?: string;
  /** The process's start time (Linux, clock ticks since boot): with the pid, names exactly one process. */
  started?: string;
}

/** Field 22 of /proc/<pid>/stat; the command name before it may itself contain spaces and brackets. */
function processStartTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function bootId(): string | undefined {
  try {
    return fs.readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return undefined;
  }
}

export class DataDirectoryLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The embedded database in ${dataDir} is already in use by process ${holder.pid} on ${holder.host} ` +
        `(${holder.command}), running since ${holder.since}. Only one process may use it at a time: ` +
        `stop that process first, or set MSCC_DATA_DIR to another directory, or set DATABASE_URL to use PostgreSQL. ` +
        `If no such process is running any more, delete ${path.join(dataDir, LOCK_FILE_NAME)}.`,
    );
    this.name = "DataDirectoryLockedError";
  }
}

function isAlive(holder: LockHolder): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  // The pid may since have been given to another program: the holder is alive only if the process with that
  // pid started when the holder did. (Not its name: Next renames its server process "next-server".)
  const startedNow = processStartTime(holder.pid);
  return holder.started === undefined || startedNow === undefined || startedNow === holder.started;
}

function readHolder(lockPath: string): LockHolder | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockPath, "utf8")) as Partial<LockHolder>;
    if (typeof parsed.pid !== "number" || typeof parsed.host !== "string") return null;
    return {
      pid: parsed.pid,
      host: parsed.host,
      command: parsed.command ?? "unknown",
      since: parsed.since ?? "unknown",
      boot: parsed.boot,
      started: parsed.started,
    };
  } catch {
    return null;
  }
}

/** Takes the lock on dataDir (creating the directory) and returns a function that releases it. */
export function acquireDataDirectoryLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_FILE_NAME);
  const me: LockHolder = {
    pid: process.pid,
    host: os.hostname(),
    command: process.env.npm_lifecycle_event ? `npm run ${process.env.npm_lifecycle_event}` : process.argv.slice(1, 3).map((a) => path.basename(a)).join(" ") || "node",
    since: new Date().toISOString(),
    boot: bootId(),
    started: processStartTime(process.pid),
  };

  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      // "wx" creates atomically and fails if the file exists: of two racing processes exactly one wins.
      fs.writeFileSync(lockPath, JSON.stringify(me), { flag: "wx", mode: 0o600 });
      const release = () => {
        const holder = readHolder(lockPath);
        if (holder?.pid === me.pid && holder.host === me.host) fs.rmSync(lockPath, { force: true });
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }

    const holder = readHolder(lockPath);
    if (holder && holder.host === me.host && holder.pid === me.pid && holder.boot === me.boot) return () => {};
    if (!isStale(lockPath, holder, me)) throw new DataDirectoryLockedError(dataDir, holder ?? { pid: -1, host: "unknown", command: "unknown", since: "unknown" });
    breakStaleLock(lockPath, holder);
  }
  throw new Error(`Could not take the lock on ${lockPath}: another process keeps taking it`);
}

function isStale(lockPath: string, holder: LockHolder | null, me: LockHolder): boolean {
  if (holder === null) return isStaleUnreadable(lockPath);
  // A lock on another host (a shared disk) cannot be checked, so it is always respected.
  if (holder.host !== me.host) return false;
  if (holder.boot && me.boot && holder.boot !== me.boot) return true;
  return !isAlive(holder);
}

/**
 * Removes a dead process's lock. Two processes starting together after a crash could both find it stale,
 * and the second could then delete the first one's fresh lock; so breaking is itself exclusive (a ".break"
 * file made with "wx"), and the lock is removed only if it still names the same dead holder.
 */
function breakStaleLock(lockPath: string, holder: LockHolder | null): void {
  const breakPath = `${lockPath}.break`;
  try {
    fs.writeFileSync(breakPath, String(process.pid), { flag: "wx" });
  } catch {
    // Someone else is breaking it; if their break file is old they died doing so.
    if (isStaleUnreadable(breakPath)) fs.rmSync(breakPath, { force: true });
    return;
  }
  try {
    const now = readHolder(lockPath);
    const same = holder === null ? now === null : now !== null && now.pid === holder.pid && now.since === holder.since;
    if (same) fs.rmSync(lockPath, { force: true });
  } finally {
    fs.rmSync(breakPath, { force: true });
  }
}

// An unreadable lock file is normally one being written this instant; only an old one is garbage.
function isStaleUnreadable(lockPath: string): boolean {
  try {
    return Date.now() - fs.statSync(lockPath).mtimeMs > 5_000;
  } catch {
    return true;
  }
}

/** The live process holding dataDir's lock, if any: for a friendly refusal before anything starts. */
export function findLockHolder(dataDir: string): LockHolder | null {
  const holder = readHolder(path.join(dataDir, LOCK_FILE_NAME));
  if (!holder) return null;
  if (holder.host !== os.hostname()) return holder;
  if (holder.pid === process.pid) return null;
  const boot = bootId();
  if (holder.boot && boot && holder.boot !== boot) return null;
  return isAlive(holder) ? holder : null;
}
