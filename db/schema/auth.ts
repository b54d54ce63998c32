import { bigint, index, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const signInOutcome = pgEnum("sign_in_outcome", ["success", "failure", "locked"]);
export type SignInOutcome = (typeof signInOutcome.enumValues)[number];

/**
 * Sign-in attempts by account email, kept in the database so throttling holds across app instances.
 * Keyed by the email typed (lower-cased), whether or not such an account exists, so the answer never
 * tells an attacker which accounts are real.
 */
export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    email: text("email").notNull(),
    attemptedAt: timestamp("attempted_at", { withTimezone: true }).notNull().defaultNow(),
    outcome: signInOutcome("outcome").notNull(),
  },
  (t) => [index("sign_in_attempts_email_idx").on(t.email, t.attemptedAt)],
);
