import { and, eq } from "drizzle-orm";
import type { Account, Profile, User } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { getDatabase, getDb } from "@/db/client";
import { updateUser } from "@/db/mutations/users";
import { auditLog } from "@/db/schema";
import { getAuthOptions, OIDC_PROVIDER_ID } from "@/lib/auth/options";
import { resolveOidcIdentity } from "@/lib/auth/oidc";
import { makeUser } from "./fixtures";

const options = getAuthOptions();
const ISSUER = "https://login.example.test/tenant/v2.0";
const accountFor = (subject: string) => ({ provider: OIDC_PROVIDER_ID, type: "oauth", providerAccountId: subject }) as Account;

async function auditRows(action: string, entityId: string | null) {
  const rows = await getDb().select().from(auditLog).where(eq(auditLog.action, action));
  return rows.filter((r) => r.entityId === entityId);
}

describe(`sign-in callbacks and OpenID Connect identities on ${getDatabase().engine}`, () => {
  it("sign-out is audited against the user in the token", async () => {
    const user = await makeUser("registrar");
    await options.events!.signOut!({ token: { sub: user.id } as JWT, session: null as never });
    const rows = await getDb().select().from(auditLog).where(and(eq(auditLog.action, "auth.sign_out"), eq(auditLog.entityId, user.id)));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.actorId).toBe(user.id);
  });

  it("a password sign-in's token carries our user id and role", async () => {
    const user = await makeUser("discharge");
    const token = await options.callbacks!.jwt!({ token: { sub: user.id }, user: { id: user.id } as User, account: { provider: "credentials" } as Account, trigger: "signIn" });
    expect(token).toMatchObject({ sub: user.id, role: "discharge" });
  });

  it("the first OIDC sign-in pins the identity to the account with the same verified email; then only that identity works", async () => {
    const user = await makeUser("coordinator");
    const first = await resolveOidcIdentity({ issuer: ISSUER, subject: "sub-1", email: user.email.toUpperCase(), emailVerified: true });
    expect(first).toEqual({ ok: true, userId: user.id });
    expect(await auditRows("user.link_oidc", user.id)).toHaveLength(1);

    // The same identity again: by subject, whatever email it now sends.
    expect(await resolveOidcIdentity({ issuer: ISSUER, subject: "sub-1", email: "renamed@trust.test", emailVerified: true })).toEqual({ ok: true, userId: user.id });
    // Another identity presenting the same email cannot take the account over.
    expect(await resolveOidcIdentity({ issuer: ISSUER, subject: "sub-2", email: user.email, emailVerified: true })).toEqual({ ok: false, reason: "identity_mismatch" });
    // Nor the same subject from another issuer.
    expect(await resolveOidcIdentity({ issuer: "https://other.example.test", subject: "sub-1", email: user.email, emailVerified: true })).toEqual({ ok: false, reason: "identity_mismatch" });
  });

  it("refuses unverified emails, unknown and deactivated accounts, audited, and never creates an account", async () => {
    const user = await makeUser("registrar");
    expect(await resolveOidcIdentity({ issuer: ISSUER, subject: "u-1", email: user.email, emailVerified: false })).toEqual({ ok: false, reason: "email_unverified" });
    expect(await resolveOidcIdentity({ issuer: ISSUER, subject: "u-2", email: "stranger@trust.test", emailVerified: true })).toEqual({ ok: false, reason: "unknown_account" });
    expect(await resolveOidcIdentity({ issuer: ISSUER, subject: "u-3", email: null, emailVerified: undefined })).toEqual({ ok: false, reason: "unknown_account" });

    const admin = await makeUser("admin");
    const leaver = await makeUser("discharge");
    await getDb().transaction((tx) => updateUser(tx, { actorId: admin.id, id: leaver.id, expectedVersion: 1, changes: { active: false } }));
    expect(await resolveOidcIdentity({ issuer: ISSUER, subject: "u-4", email: leaver.email, emailVerified: true })).toEqual({ ok: false, reason: "deactivated" });

    const failures = (await getDb().select().from(auditLog).where(eq(auditLog.action, "auth.sign_in_failed"))).map((f) => f.context);
    expect(failures).toEqual(
      expect.arrayContaining([
        { email: user.email, method: "oidc", reason: "email_unverified" },
        { email: "stranger@trust.test", method: "oidc", reason: "unknown_account" },
        { email: leaver.email, method: "oidc", reason: "deactivated" },
      ]),
    );
  });

  it("the OIDC callbacks refuse with the sign-in page's code, or sign in under our user id", async () => {
    // tests/integration/setup.ts configures the provider with ISSUER.
    const provider = options.providers.find((p) => p.id === OIDC_PROVIDER_ID) as { wellKnown?: string } | undefined;
    expect(provider?.wellKnown).toBe(`${ISSUER}/.well-known/openid-configuration`);

    const user = await makeUser("coordinator");
    const idpUser = { id: "cb-sub", email: user.email, name: "From IdP" } as User;
    const profile = { sub: "cb-sub", email: user.email, email_verified: true } as Profile;
    expect(await options.callbacks!.signIn!({ user: idpUser, account: accountFor("cb-sub"), profile })).toBe(true);
    const token = await options.callbacks!.jwt!({ token: { sub: "cb-sub" }, user: idpUser, account: accountFor("cb-sub"), trigger: "signIn" });
    expect(token).toMatchObject({ sub: user.id, role: "coordinator" });

    const stranger = { id: "cb-x", email: "nobody@trust.test" } as User;
    expect(await options.callbacks!.signIn!({ user: stranger, account: accountFor("cb-x"), profile: { sub: "cb-x" } as Profile })).toBe("/signin?error=oidc_no_account");
  });

  it("the session exposes only the user id, name and email", async () => {
    const session = await options.callbacks!.session!({
      session: { user: { name: "N", email: "e@x.test", image: "i" }, expires: "x" },
      token: { sub: "abc", role: "admin" },
    } as never);
    expect(session.user).toEqual({ id: "abc", name: "N", email: "e@x.test" });
  });
});
