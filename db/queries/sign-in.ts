import "server-only";
import { and, desc, eq, gt } from "drizzle-orm";
import type { SignInAttemptOutcome } from "@/lib/domain/sign-in-throttle";
import type { Db } from "../client";
import { signInAttempts } from "../schema";

/** Sign-in attempts on an account since an instant, newest first. */
export async function listSignInAttempts(db: Db, { email, since }: { email: string; since: Date }): Promise<{ at: Date; outcome: SignInAttemptOutcome }[]> {
  return db
    .select({ at: signInAttempts.attemptedAt, outcome: signInAttempts.outcome })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, email), gt(signInAttempts.attemptedAt, since)))
    .orderBy(desc(signInAttempts.attemptedAt), desc(signInAttempts.id));
}
