import "server-only";
import { getDb } from "@/db/client";
import { recordAudit } from "@/db/mutations/audit";
import { lockAccountForSignIn, recordSignInAttempt } from "@/db/mutations/sign-in";
import { listRecentSignInFailures } from "@/db/queries/sign-in";
import { findUserCredentialsByEmail } from "@/db/queries/users";
import { assessSignInThrottle, SIGN_IN_THROTTLE } from "@/lib/domain/sign-in-throttle";
import { verifyPassword } from "./passwords";
import type { Role } from "./roles";

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; role: Role } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; until: Date };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Checks an email and password, with throttling kept in the database and every outcome audited, all in one
 * transaction. Unknown accounts, deactivated accounts and wrong passwords give the same answer in the same time.
 */
export async function authenticateWithPassword(input: { email: string; password: string }, now = new Date()): Promise<SignInResult> {
  const email = normaliseEmail(input.email);
  if (email.length === 0 || email.length > 320 || input.password.length === 0 || input.password.length > 1024) {
    return { ok: false, reason: "invalid" };
  }
  return getDb().transaction(async (tx) => {
    await lockAccountForSignIn(tx, { email });
    const since = new Date(now.getTime() - SIGN_IN_THROTTLE.windowMs - SIGN_IN_THROTTLE.lockoutMs);
    const throttle = assessSignInThrottle(await listRecentSignInFailures(tx, { email, since }), now);
    const account = await findUserCredentialsByEmail({ email }, tx);

    if (throttle.locked) {
      await recordSignInAttempt(tx, { email, outcome: "locked", at: now });
      await recordAudit(tx, {
        actorId: null,
        action: "auth.sign_in_refused",
        entityType: "user",
        entityId: account?.id ?? null,
        context: { email, reason: "locked", until: throttle.until.toISOString() },
      });
      return { ok: false, reason: "locked", until: throttle.until };
    }

    const passwordOk = await verifyPassword(account?.passwordHash ?? null, input.password);
    if (account && account.active && passwordOk) {
      await recordSignInAttempt(tx, { email, outcome: "success", at: now });
      await recordAudit(tx, { actorId: account.id, action: "auth.sign_in", entityType: "user", entityId: account.id, context: { method: "password" } });
      return { ok: true, user: { id: account.id, email: account.email, name: account.name, role: account.role } };
    }

    await recordSignInAttempt(tx, { email, outcome: "failure", at: now });
    await recordAudit(tx, {
      actorId: null,
      action: "auth.sign_in_failed",
      entityType: "user",
      entityId: account?.id ?? null,
      // The real reason is kept for the audit, never told to the person signing in.
      context: { email, reason: !account ? "unknown_account" : !account.active ? "deactivated" : "wrong_password" },
    });
    const after = assessSignInThrottle(await listRecentSignInFailures(tx, { email, since }), now);
    return after.locked ? { ok: false, reason: "locked", until: after.until } : { ok: false, reason: "invalid" };
  });
}
