import "server-only";
import { and, count, eq, isNull, ne, sql } from "drizzle-orm";
import type { Role } from "@/lib/auth/roles";
import { formatDateTime } from "@/lib/domain/time-format";
import { AppError } from "@/lib/errors";
import { normaliseEmail } from "@/lib/validation/email";
import type { Tx } from "../client";
import { isUuid } from "../queries/users";
import { users } from "../schema";
import { recordAudit } from "./audit";

// What the audit trail keeps of a user: never the password hash.
function auditView(u: { email: string; name: string; role: Role; active: boolean; version: number }) {
  return { email: u.email, name: u.name, role: u.role, active: u.active, version: u.version };
}

export async function createUser(
  tx: Tx,
  input: { actorId: string | null; email: string; name: string; role: Role; passwordHash: string | null },
): Promise<{ id: string }> {
  const email = normaliseEmail(input.email);
  const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (existing) throw new AppError("conflict", "A user with this email already exists", { email: ["A user with this email already exists"] });
  const [created] = await tx
    .insert(users)
    .values({ email, name: input.name.trim(), role: input.role, passwordHash: input.passwordHash, updatedBy: input.actorId })
    .returning();
  if (!created) throw new Error("insert returned no row");
  await recordAudit(tx, { actorId: input.actorId, action: "user.create", entityType: "user", entityId: created.id, after: auditView(created) });
  return { id: created.id };
}

/**
 * Changes a user's role or active flag. The caller names the version it saw; if someone else changed the
 * user since, the change is refused with a message naming them (house rule 6).
 */
export async function updateUser(
  tx: Tx,
  input: { actorId: string; id: string; expectedVersion: number; changes: { role?: Role; active?: boolean } },
): Promise<{ version: number }> {
  if (!isUuid(input.id)) throw new AppError("not_found", "No such user");
  // Every active administrator's row is locked first (in id order, so two changes cannot deadlock): two
  // administrators deactivating each other at the same moment must not leave the service with none.
  await tx.select({ id: users.id }).from(users).where(and(eq(users.role, "admin"), eq(users.active, true))).orderBy(users.id).for("update");
  const [before] = await tx.select().from(users).where(eq(users.id, input.id)).for("update");
  if (!before) throw new AppError("not_found", "No such user");
  if (before.version !== input.expectedVersion) {
    const editor = before.updatedBy
      ? (await tx.select({ name: users.name }).from(users).where(eq(users.id, before.updatedBy)))[0]?.name
      : undefined;
    throw new AppError(
      "conflict",
      `${editor ?? "Someone"} changed this user at ${formatDateTime(before.updatedAt)} while you were editing. Reload to see their change, then try again.`,
    );
  }

  const next = { role: input.changes.role ?? before.role, active: input.changes.active ?? before.active };
  const stillAdmin = next.role === "admin" && next.active;
  if (before.role === "admin" && before.active && !stillAdmin) {
    const [others] = await tx
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, "admin"), eq(users.active, true), ne(users.id, before.id)));
    if ((others?.n ?? 0) === 0) {
      throw new AppError("unprocessable", "This is the last active administrator: make someone else an administrator first.");
    }
  }

  const [after] = await tx
    .update(users)
    .set({ ...next, version: before.version + 1, updatedAt: new Date(), updatedBy: input.actorId })
    .where(eq(users.id, before.id))
    .returning();
  if (!after) throw new Error("update returned no row");
  const action = before.active !== after.active ? (after.active ? "user.reactivate" : "user.deactivate") : "user.change_role";
  await recordAudit(tx, { actorId: input.actorId, action, entityType: "user", entityId: after.id, before: auditView(before), after: auditView(after) });
  return { version: after.version };
}

/**
 * Pins an OpenID Connect identity to an account at its first OIDC sign-in; from then on only that identity
 * signs in as this account. Refuses if the account is already pinned to another identity.
 */
export async function linkOidcIdentity(tx: Tx, input: { userId: string; issuer: string; subject: string }): Promise<void> {
  const [updated] = await tx
    .update(users)
    .set({ oidcIssuer: input.issuer, oidcSubject: input.subject, updatedAt: new Date(), updatedBy: input.userId, version: sql`${users.version} + 1` })
    .where(and(eq(users.id, input.userId), isNull(users.oidcSubject)))
    .returning({ id: users.id });
  if (!updated) throw new AppError("conflict", "This account is already linked to another sign-in identity.");
  await recordAudit(tx, {
    actorId: input.userId,
    action: "user.link_oidc",
    entityType: "user",
    entityId: input.userId,
    after: { oidcIssuer: input.issuer, oidcSubject: input.subject },
  });
}
