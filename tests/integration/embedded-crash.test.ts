import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb, openDatabase } from "@/db/client";
import { LOCK_FILE_NAME } from "@/db/lock";
import { createReferral } from "@/db/mutations/referrals";
import { referrals } from "@/db/schema";
import { parseEnv } from "@/lib/env";
import { createReferralInput } from "@/lib/validation/referrals";
import { verificationPassed, verifyAcknowledgedWrites, type AcknowledgedWrites } from "@/scripts/soak-verify";
import { makeUser } from "./fixtures";

// Acknowledgements to wait for before the kill: a few dozen transactions, so it lands mid-stream. The writer needs
// tens of seconds to start on a busy machine (a new PGlite data directory and every migration), hence the timeout.
const KILL_AFTER = 40;

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Runs the writer on dir until it has acknowledged `count` writes, then kills it with SIGKILL (kill -9). */
function writeThenKill(dir: string, count: number): Promise<{ acknowledged: AcknowledgedWrites; signal: string | null }> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(import.meta.dirname, "crash-writer.ts")], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: { ...process.env, MSCC_DATA_DIR: dir, DATABASE_URL: "", NODE_ENV: "test" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  const acknowledged: AcknowledgedWrites = { referralIds: [], events: [] };
  let seen = 0;
  let buffer = "";
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      let end: number;
      while ((end = buffer.indexOf("\n")) >= 0) {
        const [kind, a, b, c] = buffer.slice(0, end).split(" ");
        buffer = buffer.slice(end + 1);
        if (kind === "referral" && a) acknowledged.referralIds.push(a);
        else if (kind === "event" && a && b && c) acknowledged.events.push({ referralId: a, eventId: b, version: Number(c) });
        else continue;
        if (++seen === count) child.kill("SIGKILL");
      }
    });
    child.once("exit", (code, signal) => (signal === "SIGKILL" ? resolve({ acknowledged, signal }) : reject(new Error(`the writer exited by itself (${code}) after ${seen} writes`))));
  });
}

describe("the embedded database after kill -9 during writes", () => {
  it("keeps every acknowledged write, leaves no referral half-written, and the next process takes over the stale lock", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mscc-crash-"));
    dirs.push(dir);
    const { acknowledged } = await writeThenKill(dir, KILL_AFTER);
    // Lines still in the pipe when the kill landed are read too: at least KILL_AFTER acknowledgements.
    expect(acknowledged.referralIds.length + acknowledged.events.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(fs.existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(true);

    const handle = openDatabase(parseEnv({ NODE_ENV: "test", MSCC_DATA_DIR: dir }));
    try {
      const result = await verifyAcknowledgedWrites(handle.db, acknowledged);
      expect(result.lostReferrals).toEqual([]);
      expect(result.lostEvents).toEqual([]);
      expect(result.halfWritten).toEqual([]);
      expect(result.staleSummaries).toEqual([]);
      expect(result.referralsInDatabase).toBeGreaterThanOrEqual(acknowledged.referralIds.length);
    } finally {
      await handle.close();
    }
    expect(fs.existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
  }, 300_000);

  it("the check finds a lost write, a version that disagrees with the events and a summary the app would not write", async () => {
    const user = await makeUser("coordinator");
    const referral = createReferralInput.parse({ nhsNumber: "9434765919", givenName: "Check", familyName: "Test", dateOfBirth: "1950-01-01", referrerName: "Dr Test", referrerRole: "gp", neurology: ["limb_weakness"] });
    const { id } = await getDb().transaction((tx) => createReferral(tx, { actor: { id: user.id }, referral, now: new Date() }));
    expect(verificationPassed(await verifyAcknowledgedWrites(getDb(), { referralIds: [id], events: [] }))).toBe(true);

    await getDb().update(referrals).set({ version: 2, openClocks: [] }).where(eq(referrals.id, id));
    const lostId = crypto.randomUUID();
    const result = await verifyAcknowledgedWrites(getDb(), { referralIds: [id, lostId], events: [{ referralId: id, eventId: lostId, version: 3 }] });
    expect(result.lostReferrals).toEqual([lostId]);
    expect(result.lostEvents).toEqual([lostId]);
    expect(result.halfWritten).toEqual([`${id}: version 2 with 0 events after creation`, `${id}: version 2 below the acknowledged 3`]);
    expect(result.staleSummaries).toEqual([id]);
  });
});
