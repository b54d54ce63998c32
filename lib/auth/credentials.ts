import "server-only";
import { getDb, type Db } from "@/db/client";
import { recordAudit } from "@/db/mutations/audit";
import { lockAccountForSignIn, recordSignInAttempt } from "@/db/mutations/sign-in";
import { listSignInAttempts } from "@/db/queries/sign-in";
import { findUserCredentialsByEmail } from "@/db/queries/users";
import { assessSignInThrottle, failuresSinceLastSuccess, throttleLookback, type ThrottleDecision } from "@/lib/domain/sign-in-throttle";
import { normaliseEmail } from "@/lib/validation/email";
import { verifyPassword } from "./passwords";
import type { Role } from "./roles";

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; role: Role } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; until: Date };

async function throttleFor(db: Db, email: string, now: Date): Promise<ThrottleDecision> {
  const attempts = await listSignInAttempts(db, { email, since: throttleLookback(now) });
  return assessSignInThrottle(failuresSinceLastSuccess(attempts), now);
}

/**
 * Checks an email and password, with throttling kept in the database and every outcome audited. Unknown
 * accounts, deactivated accounts and wrong passwords give the same answer in the same time.
 *
 * The password hash is checked outside any transaction (it takes tens of milliseconds, and an embedded
 * database transaction holds up every other query); the outcome is then recorded in a short transaction
 * serialised per account, which re-checks the throttle so that parallel guesses cannot slip past it.
 */
export async function authenticateWithPassword(input: { email: string; password: string }, now = new Date()): Promise<SignInResult> {
  const email = normaliseEmail(input.email);
  if (email.length === 0 || email.length > 320 || input.password.length === 0 || input.password.length > 1024) {
    return { ok: false, reason: "invalid" };
  }
  const account = await findUserCredentialsByEmail({ email });
  const lockedBefore = await throttleFor(getDb(), email, now);
  const passwordOk = lockedBefore.locked ? false : await verifyPassword(account?.passwordHash ?? null, input.password);

  return getDb().transaction(async (tx): Promise<SignInResult> => {
    await lockAccountForSignIn(tx, { email });
    const throttle = await throttleFor(tx, email, now);
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
    const after = await throttleFor(tx, email, now);
    return after.locked ? { ok: false, reason: "locked", until: after.until } : { ok: false, reason: "invalid" };
  });
}
