import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDatabase, getDb } from "@/db/client";
import { updateUser } from "@/db/mutations/users";
import { auditLog, signInAttempts } from "@/db/schema";
import { authenticateWithPassword } from "@/lib/auth/credentials";
import { makeUser } from "./fixtures";

const PASSWORD = "correct horse battery staple";
const minutes = (n: number) => n * 60_000;

describe(`password sign-in on ${getDatabase().engine}`, () => {
  it("the right password signs in and is audited; email case and spaces do not matter", async () => {
    const user = await makeUser("registrar", { password: PASSWORD });
    const result = await authenticateWithPassword({ email: ` ${user.email.toUpperCase()} `, password: PASSWORD });
    expect(result).toEqual({ ok: true, user: { id: user.id, email: user.email, name: user.name, role: "registrar" } });
    const audit = await getDb().select().from(auditLog).where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, "auth.sign_in")));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorId).toBe(user.id);
  });

  it("wrong password, unknown account and deactivated account all get the same answer, each audited with its reason", async () => {
    const user = await makeUser("coordinator", { password: PASSWORD });
    const gone = await makeUser("discharge", { password: PASSWORD });
    const admin = await makeUser("admin");
    await getDb().transaction((tx) => updateUser(tx, { actorId: admin.id, id: gone.id, expectedVersion: 1, changes: { active: false } }));

    expect(await authenticateWithPassword({ email: user.email, password: "wrong password!" })).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticateWithPassword({ email: "nobody@mscc.test", password: PASSWORD })).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticateWithPassword({ email: gone.email, password: PASSWORD })).toEqual({ ok: false, reason: "invalid" });

    const failures = await getDb().select().from(auditLog).where(eq(auditLog.action, "auth.sign_in_failed"));
    const reasonFor = (email: string) => failures.map((f) => f.context as { email: string; reason: string }).find((c) => c.email === email)?.reason;
    expect(reasonFor(user.email)).toBe("wrong_password");
    expect(reasonFor("nobody@mscc.test")).toBe("unknown_account");
    expect(reasonFor(gone.email)).toBe("deactivated");
  });

  it("after 5 failures in 15 minutes the account is refused for 15 minutes, even with the right password", async () => {
    const user = await makeUser("registrar", { password: PASSWORD });
    const t0 = new Date(Date.now() - minutes(60));
    for (let i = 0; i < 4; i++) {
      expect(await authenticateWithPassword({ email: user.email, password: "nope nope" }, new Date(t0.getTime() + minutes(i)))).toEqual({ ok: false, reason: "invalid" });
    }
    const fifth = await authenticateWithPassword({ email: user.email, password: "nope nope" }, new Date(t0.getTime() + minutes(4)));
    const until = new Date(t0.getTime() + minutes(4) + minutes(15));
    expect(fifth).toEqual({ ok: false, reason: "locked", until });

    const refused = await authenticateWithPassword({ email: user.email, password: PASSWORD }, new Date(t0.getTime() + minutes(10)));
    expect(refused).toEqual({ ok: false, reason: "locked", until });
    const refusedAudit = await getDb().select().from(auditLog).where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, "auth.sign_in_refused")));
    expect(refusedAudit).toHaveLength(1);

    const later = await authenticateWithPassword({ email: user.email, password: PASSWORD }, until);
    expect(later.ok).toBe(true);
    // A success clears the count: one more failure does not lock again.
    expect(await authenticateWithPassword({ email: user.email, password: "nope nope" }, new Date(until.getTime() + 1000))).toEqual({ ok: false, reason: "invalid" });
  });

  it("unknown accounts are throttled the same way, so lockout does not reveal which accounts exist", async () => {
    const now = Date.now() - minutes(120);
    let last;
    for (let i = 0; i < 5; i++) last = await authenticateWithPassword({ email: "ghost@mscc.test", password: "guess guess" }, new Date(now + i * 1000));
    expect(last).toMatchObject({ ok: false, reason: "locked" });
  });

  it("parallel guesses cannot slip past the throttle: exactly 5 count as failures, the rest are refused", async () => {
    const user = await makeUser("coordinator", { password: PASSWORD });
    const at = new Date(Date.now() - minutes(5));
    const results = await Promise.all(Array.from({ length: 8 }, () => authenticateWithPassword({ email: user.email, password: "bad guess!" }, at)));
    // Four failures answered "invalid"; the fifth failure and the three refused guesses answered "locked".
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(4);
    expect(results.filter((r) => !r.ok && r.reason === "locked")).toHaveLength(4);
    const attempts = await getDb().select().from(signInAttempts).where(eq(signInAttempts.email, user.email));
    expect(attempts.filter((a) => a.outcome === "failure")).toHaveLength(5);
    expect(attempts.filter((a) => a.outcome === "locked")).toHaveLength(3);
    expect(await authenticateWithPassword({ email: user.email, password: PASSWORD }, at)).toMatchObject({ ok: false, reason: "locked" });
  });

  it("takes about the same time whether or not the account exists", async () => {
    const user = await makeUser("discharge", { password: PASSWORD });
    const time = async (email: string) => {
      const start = performance.now();
      await authenticateWithPassword({ email, password: "wrong but long enough" }, new Date(0));
      return performance.now() - start;
    };
    await time("warmup@mscc.test");
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      known.push(await time(user.email));
      unknown.push(await time(`nobody${i}@mscc.test`));
    }
    const ratio = median(known) / median(unknown);
    // argon2 dominates both paths (tens of ms); a skipped hash would make one side several times faster.
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it("empty and oversized input is refused without touching the database", async () => {
    const before = (await getDb().select().from(auditLog)).length;
    expect(await authenticateWithPassword({ email: "", password: "x" })).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticateWithPassword({ email: "a@b.test", password: "x".repeat(1_000_000) })).toEqual({ ok: false, reason: "invalid" });
    expect((await getDb().select().from(auditLog)).length).toBe(before);
  });
});
