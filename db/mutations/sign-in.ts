import "server-only";
import { sql } from "drizzle-orm";
import type { Tx } from "../client";
import { signInAttempts, type SignInOutcome } from "../schema";

/**
 * Serialises sign-in attempts on one account across every app instance for the rest of the transaction,
 * so that five parallel guesses cannot all slip under the throttle.
 */
export async function lockAccountForSignIn(tx: Tx, { email }: { email: string }): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sign-in:${email}`}))`);
}

export async function recordSignInAttempt(tx: Tx, { email, outcome, at }: { email: string; outcome: SignInOutcome; at: Date }): Promise<void> {
  await tx.insert(signInAttempts).values({ email, outcome, attemptedAt: at });
}
