import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterEach, describe, expect, it } from "vitest";
import { acquireDataDirectoryLock, DataDirectoryLockedError, LOCK_FILE_NAME } from "@/db/lock";

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
});

function holdInChild(dir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "hold-lock.ts"), dir], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) resolve(child);
    });
    child.once("exit", (code) => reject(new Error(`child exited early with ${code}`)));
  });
}

function waitForExit(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));
}

describe("the embedded database's data directory lock", () => {
  it("a second process is refused at once with a message naming the holder; a dead holder's lock is taken over", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mscc-lock-"));
    const child = await holdInChild(dir);

    let caught: unknown;
    try {
      acquireDataDirectoryLock(dir);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DataDirectoryLockedError);
    expect((caught as Error).message).toContain(`already in use by process ${child.pid}`);
    expect((caught as Error).message).toContain(dir);

    // kill -9 leaves the lock file behind; the next process sees its holder is dead and takes over,
    // and what the dead process had written is still there.
    child.kill("SIGKILL");
    await waitForExit(child);
    expect(fs.existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(true);
    const release = acquireDataDirectoryLock(dir);
    const db = new PGlite(dir);
    const { rows } = await db.query<{ n: number }>("select n from written");
    expect(rows).toEqual([{ n: 1 }]);
    await db.close();
    release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it("the same process may ask again (hot reload) without locking itself out", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mscc-lock-"));
    const release = acquireDataDirectoryLock(dir);
    expect(() => acquireDataDirectoryLock(dir)).not.toThrow();
    release();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("stale locks", () => {
  it("a lock written before the last reboot is taken over even if its pid is alive now", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mscc-lock-"));
    // This very process is alive, but the lock says it was taken in another boot.
    fs.writeFileSync(
      path.join(dir, LOCK_FILE_NAME),
      JSON.stringify({ pid: process.ppid, host: os.hostname(), command: "npm run dev", since: "2026-01-01T00:00:00.000Z", boot: "a-previous-boot" }),
    );
    const release = acquireDataDirectoryLock(dir);
    const holder = JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), "utf8")) as { pid: number };
    expect(holder.pid).toBe(process.pid);
    release();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a lock naming a live pid that another process has since been given is taken over", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mscc-lock-"));
    const boot = fs.readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    // The parent process is alive, but did not start at the time the lock records.
    fs.writeFileSync(path.join(dir, LOCK_FILE_NAME), JSON.stringify({ pid: process.ppid, host: os.hostname(), command: "npm run dev", since: "x", boot, started: "1" }));
    const release = acquireDataDirectoryLock(dir);
    release();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
