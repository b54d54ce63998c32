import "server-only";
import { and, desc, eq, gt } from "drizzle-orm";
import type { Db } from "../client";
import { signInAttempts } from "../schema";

/** Failed attempts on an account since its last successful sign-in, newest first, no older than `since`. */
export async function listRecentSignInFailures(db: Db, { email, since }: { email: string; since: Date }): Promise<Date[]> {
  const rows = await db
    .select({ at: signInAttempts.attemptedAt, outcome: signInAttempts.outcome })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, email), gt(signInAttempts.attemptedAt, since)))
    .orderBy(desc(signInAttempts.attemptedAt), desc(signInAttempts.id));
  const failures: Date[] = [];
  for (const row of rows) {
    if (row.outcome === "success") break;
    if (row.outcome === "failure") failures.push(row.at);
  }
  return failures;
}
