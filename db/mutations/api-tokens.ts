import "server-only";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import { getDb, type Tx } from "../client";
import { apiTokens } from "../schema";
import { recordAudit } from "./audit";

export async function createApiToken(tx: Tx, input: { userId: string; name: string; tokenHash: string; prefix: string }): Promise<{ id: string }> {
  const [created] = await tx.insert(apiTokens).values(input).returning({ id: apiTokens.id });
  if (!created) throw new Error("insert returned no row");
  // Never the token or its hash in the audit trail: the prefix is enough to tell tokens apart.
  await recordAudit(tx, { actorId: input.userId, action: "api_token.create", entityType: "api_token", entityId: created.id, after: { name: input.name, prefix: input.prefix } });
  return created;
}

/** Revokes one of the user's own tokens. Someone else's token is "not found", never "forbidden". */
export async function revokeApiToken(tx: Tx, input: { userId: string; tokenId: string }): Promise<void> {
  const [revoked] = await tx
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, input.tokenId), eq(apiTokens.userId, input.userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix });
  if (!revoked) throw new AppError("not_found", "No such token, or it is already revoked.");
  await recordAudit(tx, { actorId: input.userId, action: "api_token.revoke", entityType: "api_token", entityId: revoked.id, before: { name: revoked.name, prefix: revoked.prefix }, after: { revoked: true } });
}

/** Marks a token used, at most once a minute (a busy integration must not write on every request). */
export async function touchApiToken({ tokenId, now }: { tokenId: string; now: Date }): Promise<void> {
  const aMinuteAgo = new Date(now.getTime() - 60_000);
  await getDb()
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, tokenId), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, aMinuteAgo))));
}
