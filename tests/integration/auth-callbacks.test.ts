import { and, eq } from "drizzle-orm";
import type { Account, User } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { getDatabase, getDb } from "@/db/client";
import { updateUser } from "@/db/mutations/users";
import { auditLog } from "@/db/schema";
import { getAuthOptions, OIDC_PROVIDER_ID } from "@/lib/auth/options";
import { makeUser } from "./fixtures";

const options = getAuthOptions();
const oidcAccount = { provider: OIDC_PROVIDER_ID, type: "oauth", providerAccountId: "idp-subject-123" } as Account;

async function auditRows(action: string, entityId: string | null) {
  const rows = await getDb().select().from(auditLog).where(eq(auditLog.action, action));
  return rows.filter((r) => r.entityId === entityId);
}

describe(`next-auth callbacks on ${getDatabase().engine}`, () => {
  it("sign-out is audited against the user in the token", async () => {
    const user = await makeUser("registrar");
    await options.events!.signOut!({ token: { sub: user.id } as JWT, session: null as never });
    const rows = await getDb().select().from(auditLog).where(and(eq(auditLog.action, "auth.sign_out"), eq(auditLog.entityId, user.id)));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.actorId).toBe(user.id);
  });

  it("OpenID Connect signs in an existing active user, matched by email, under our own user id", async () => {
    const user = await makeUser("coordinator");
    const idpUser = { id: "idp-subject-123", email: user.email.toUpperCase(), name: "From IdP" } as User;
    expect(await options.callbacks!.signIn!({ user: idpUser, account: oidcAccount })).toBe(true);
    const token = await options.callbacks!.jwt!({ token: { sub: "idp-subject-123" }, user: idpUser, account: oidcAccount, trigger: "signIn" });
    expect(token.sub).toBe(user.id);
    await options.events!.signIn!({ user: idpUser, account: oidcAccount, isNewUser: false });
    expect(await auditRows("auth.sign_in", user.id)).toHaveLength(1);
  });

  it("OpenID Connect refuses unknown and deactivated accounts, audited, and never creates one", async () => {
    const stranger = { id: "idp-x", email: "stranger@trust.test", name: "Stranger" } as User;
    expect(await options.callbacks!.signIn!({ user: stranger, account: oidcAccount })).toBe("/signin?error=oidc_no_account");
    const failures = await auditRows("auth.sign_in_failed", null);
    expect(failures.map((f) => f.context)).toContainEqual({ email: "stranger@trust.test", method: "oidc", reason: "unknown_account" });

    const admin = await makeUser("admin");
    const leaver = await makeUser("discharge");
    await getDb().transaction((tx) => updateUser(tx, { actorId: admin.id, id: leaver.id, expectedVersion: 1, changes: { active: false } }));
    const leaverAtIdp = { id: "idp-y", email: leaver.email, name: "Leaver" } as User;
    expect(await options.callbacks!.signIn!({ user: leaverAtIdp, account: oidcAccount })).toBe("/signin?error=oidc_no_account");
    expect((await auditRows("auth.sign_in_failed", leaver.id)).map((f) => f.context)).toContainEqual({ email: leaver.email, method: "oidc", reason: "deactivated" });
  });

  it("the session exposes only the user id, name and email", async () => {
    const session = await options.callbacks!.session!({
      session: { user: { name: "N", email: "e@x.test", image: "i" }, expires: "x" },
      token: { sub: "abc", role: "admin" },
    } as never);
    expect(session.user).toEqual({ id: "abc", name: "N", email: "e@x.test" });
  });
});
