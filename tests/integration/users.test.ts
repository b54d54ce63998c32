import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDatabase, getDb } from "@/db/client";
import { createUser, updateUser } from "@/db/mutations/users";
import { findUserById } from "@/db/queries/users";
import { auditLog, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { makeUser } from "./fixtures";

describe(`user mutations on ${getDatabase().engine}`, () => {
  it("creating a user writes the user and its audit row, lower-casing the email, never the hash", async () => {
    const { id } = await getDb().transaction((tx) =>
      createUser(tx, { actorId: null, email: "  New.Person@MSCC.test ", name: " New Person ", role: "discharge", passwordHash: "$argon2id$fake" }),
    );
    const user = await findUserById({ id });
    expect(user).toMatchObject({ email: "new.person@mscc.test", name: "New Person", role: "discharge", active: true, version: 1, hasPassword: true });
    const audit = await getDb().select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, "user.create")));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.after).toEqual({ email: "new.person@mscc.test", name: "New Person", role: "discharge", active: true, version: 1 });
    expect(JSON.stringify(audit[0])).not.toContain("argon2");
  });

  it("a duplicate email is a conflict on the email field", async () => {
    const existing = await makeUser("registrar");
    const attempt = getDb().transaction((tx) =>
      createUser(tx, { actorId: null, email: existing.email.toUpperCase(), name: "Someone", role: "registrar", passwordHash: null }),
    );
    await expect(attempt).rejects.toMatchObject({ code: "conflict", fields: { email: ["A user with this email already exists"] } });
  });

  it("a failure after the write rolls back both the change and its audit row", async () => {
    const email = "rolled.back@mscc.test";
    await expect(
      getDb().transaction(async (tx) => {
        await createUser(tx, { actorId: null, email, name: "Rolled Back", role: "coordinator", passwordHash: null });
        throw new Error("fails after the write");
      }),
    ).rejects.toThrow("fails after the write");
    expect(await getDb().select().from(users).where(eq(users.email, email))).toHaveLength(0);
    const audits = await getDb().select().from(auditLog).where(eq(auditLog.action, "user.create"));
    expect(audits.some((a) => (a.after as { email?: string } | null)?.email === email)).toBe(false);
  });

  it("changes carry the version they were based on; a stale change names who changed it", async () => {
    const admin = await makeUser("admin", { name: "Admin Alice" });
    const target = await makeUser("registrar");
    const v2 = await getDb().transaction((tx) => updateUser(tx, { actorId: admin.id, id: target.id, expectedVersion: 1, changes: { role: "coordinator" } }));
    expect(v2.version).toBe(2);

    const stale = getDb().transaction((tx) => updateUser(tx, { actorId: admin.id, id: target.id, expectedVersion: 1, changes: { active: false } }));
    await expect(stale).rejects.toBeInstanceOf(AppError);
    await expect(stale).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("Admin Alice changed this user at") });

    const user = await findUserById({ id: target.id });
    expect(user).toMatchObject({ role: "coordinator", active: true, version: 2 });
    const audit = await getDb().select().from(auditLog).where(and(eq(auditLog.entityId, target.id), eq(auditLog.action, "user.change_role")));
    expect(audit[0]).toMatchObject({ actorId: admin.id, before: expect.objectContaining({ role: "registrar" }), after: expect.objectContaining({ role: "coordinator" }) });
  });

  it("deactivation is audited and the last active administrator cannot be removed", async () => {
    // This file's database may hold other admins from earlier tests: deactivate them all first.
    const admins = await getDb().select().from(users).where(and(eq(users.role, "admin"), eq(users.active, true)));
    const last = admins.pop() ?? (await makeUser("admin"));
    for (const a of admins) {
      await getDb().transaction((tx) => updateUser(tx, { actorId: last.id, id: a.id, expectedVersion: a.version, changes: { active: false } }));
    }
    const current = await findUserById({ id: last.id });
    const attempt = getDb().transaction((tx) => updateUser(tx, { actorId: last.id, id: last.id, expectedVersion: current!.version, changes: { active: false } }));
    await expect(attempt).rejects.toMatchObject({ code: "unprocessable" });
    const demote = getDb().transaction((tx) => updateUser(tx, { actorId: last.id, id: last.id, expectedVersion: current!.version, changes: { role: "registrar" } }));
    await expect(demote).rejects.toMatchObject({ code: "unprocessable" });
    expect(await findUserById({ id: last.id })).toMatchObject({ active: true, role: "admin" });

    const other = await makeUser("discharge");
    await getDb().transaction((tx) => updateUser(tx, { actorId: last.id, id: other.id, expectedVersion: 1, changes: { active: false } }));
    const audit = await getDb().select().from(auditLog).where(and(eq(auditLog.entityId, other.id), eq(auditLog.action, "user.deactivate")));
    expect(audit).toHaveLength(1);
  });

  it("an id that is not a uuid is simply not found", async () => {
    expect(await findUserById({ id: "'; drop table users; --" })).toBeNull();
    await expect(getDb().transaction((tx) => updateUser(tx, { actorId: "x", id: "nope", expectedVersion: 1, changes: {} }))).rejects.toMatchObject({ code: "not_found" });
  });
});
