import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApiTokenAction, revokeApiTokenAction } from "@/app/(clinical)/account/tokens/actions";
import { getDatabase, getDb } from "@/db/client";
import { listApiTokens } from "@/db/queries/api-tokens";
import { apiTokens, auditLog } from "@/db/schema";
import { authenticateBearer, hashSecretToken } from "@/lib/auth/api-tokens";
import type { CurrentUser } from "@/lib/auth/session";
import { ACTION_SPEC, runAction } from "@/lib/server/action";
import { makeUser } from "./fixtures";

const as = async (role: CurrentUser["role"]): Promise<CurrentUser> => {
  const made = await makeUser(role);
  return { id: made.id, email: made.email, name: made.name, role };
};
const bearer = (token: string) => new Request("http://localhost/api/v1/referrals", { headers: { authorization: `Bearer ${token}` } });

describe(`personal API tokens on ${getDatabase().engine}`, () => {
  it("are shown once, stored only as a hash, act as their user, and stop at once when revoked", async () => {
    const me = await as("registrar");
    const created = await runAction(createApiTokenAction[ACTION_SPEC], me, { name: "  Ward dashboard  " });
    if (!created.ok) throw new Error(created.error.message);
    const { id, token, name } = created.data as { id: string; token: string; name: string };
    expect(name).toBe("Ward dashboard");
    expect(token).toMatch(/^mscc_[A-Za-z0-9_-]{43}$/);

    const [row] = await getDb().select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(row).toMatchObject({ userId: me.id, name: "Ward dashboard", tokenHash: hashSecretToken(token), prefix: token.slice(0, 11), revokedAt: null });
    const audit = await getDb().select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(JSON.stringify(audit)).not.toContain(token.slice(11));
    expect(audit.map((a) => a.action)).toEqual(["api_token.create"]);

    expect(await authenticateBearer(bearer(token))).toMatchObject({ kind: "user", tokenId: id, user: { id: me.id, role: "registrar" } });
    expect((await listApiTokens({ userId: me.id }))[0]?.lastUsedAt).toBeInstanceOf(Date);

    const revoked = await runAction(revokeApiTokenAction[ACTION_SPEC], me, { id });
    expect(revoked).toMatchObject({ ok: true, message: "Token revoked: it no longer works." });
    expect(await authenticateBearer(bearer(token))).toEqual({ kind: "invalid" });
    expect((await listApiTokens({ userId: me.id }))[0]?.revokedAt).toBeInstanceOf(Date);
    expect((await getDb().select().from(auditLog).where(eq(auditLog.entityId, id))).map((a) => a.action)).toEqual(["api_token.create", "api_token.revoke"]);
  });

  it("refuses a name that is empty or too long, and someone else's token is not found", async () => {
    const me = await as("coordinator");
    expect(await runAction(createApiTokenAction[ACTION_SPEC], me, { name: "   " })).toMatchObject({ ok: false, error: { code: "validation", fields: { name: ["Enter a name for the token"] } } });
    expect(await runAction(createApiTokenAction[ACTION_SPEC], me, { name: "x".repeat(101) })).toMatchObject({ ok: false, error: { fields: { name: ["The name must be at most 100 characters"] } } });

    const other = await as("admin");
    const theirs = await runAction(createApiTokenAction[ACTION_SPEC], other, { name: "Theirs" });
    if (!theirs.ok) throw new Error(theirs.error.message);
    const { id, token } = theirs.data as { id: string; token: string };
    expect(await runAction(revokeApiTokenAction[ACTION_SPEC], me, { id })).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await authenticateBearer(bearer(token))).toMatchObject({ kind: "user", user: { id: other.id } });
  });
});
