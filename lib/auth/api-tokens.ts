import "server-only";
import crypto from "node:crypto";
import { touchApiToken } from "@/db/mutations/api-tokens";
import { findUserByApiTokenHash } from "@/db/queries/api-tokens";
import type { CurrentUser } from "./session";

const TOKEN_PREFIX = "mscc_";

/** A new token: shown once to its owner; only its hash is kept. */
export function generateApiToken(): { token: string; tokenHash: string; prefix: string } {
  const token = `${TOKEN_PREFIX}${crypto.randomBytes(32).toString("base64url")}`;
  return { token, tokenHash: hashSecretToken(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6) };
}

// API tokens and referrers' status tokens: 256 random bits each, so a plain SHA-256 is enough (no salt or slow hash needed).
export function hashSecretToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export type BearerResult = { kind: "none" } | { kind: "invalid" } | { kind: "user"; user: CurrentUser; tokenId: string };

/**
 * The user named by an `Authorization: Bearer` header, acting with their current role. A revoked token, an
 * unknown one or a deactivated user's is invalid: the request is refused, never treated as signed out.
 */
export async function authenticateBearer(request: Request, now = new Date()): Promise<BearerResult> {
  const header = request.headers.get("authorization");
  if (!header) return { kind: "none" };
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match?.[1] || !match[1].startsWith(TOKEN_PREFIX) || match[1].length > 200) return { kind: "invalid" };
  const row = await findUserByApiTokenHash({ tokenHash: hashSecretToken(match[1]) });
  if (!row || !row.active) return { kind: "invalid" };
  // "Last used" is kept to the minute: most requests need no write at all.
  if (row.lastUsedAt === null || now.getTime() - row.lastUsedAt.getTime() >= 60_000) await touchApiToken({ tokenId: row.tokenId, now });
  return { kind: "user", tokenId: row.tokenId, user: { id: row.id, email: row.email, name: row.name, role: row.role } };
}
