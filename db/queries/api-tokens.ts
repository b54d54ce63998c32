import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import { getDb } from "../client";
import { apiTokens, users } from "../schema";

/** The user behind an unrevoked token, whatever their state (the caller checks active). */
export async function findUserByApiTokenHash({ tokenHash }: { tokenHash: string }) {
  const [row] = await getDb()
    .select({ tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt, id: users.id, email: users.email, name: users.name, role: users.role, active: users.active })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
    .limit(1);
  return row ?? null;
}

export async function listApiTokens({ userId }: { userId: string }) {
  return getDb()
    .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
}
