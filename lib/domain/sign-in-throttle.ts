/**
 * Sign-in throttling: after MAX_FAILURES failed attempts on one account within WINDOW, further attempts are
 * refused for LOCKOUT after the last of them. A successful sign-in clears the count; attempts refused while
 * locked do not extend the lock (so nobody can keep a colleague locked out forever by retrying).
 */
export const SIGN_IN_THROTTLE = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  lockoutMs: 15 * 60_000,
} as const;

export type ThrottleDecision = { locked: false } | { locked: true; until: Date };

export type SignInAttemptOutcome = "success" | "failure" | "locked";

/** How far back attempts can matter: a window of failures plus the lockout after the last of them. */
export function throttleLookback(now: Date, rule = SIGN_IN_THROTTLE): Date {
  return new Date(now.getTime() - rule.windowMs - rule.lockoutMs);
}

/** The failures that count: those after the most recent success. */
export function failuresSinceLastSuccess(attempts: readonly { at: Date; outcome: SignInAttemptOutcome }[]): Date[] {
  const newestFirst = [...attempts].sort((a, b) => b.at.getTime() - a.at.getTime());
  const failures: Date[] = [];
  for (const attempt of newestFirst) {
    if (attempt.outcome === "success") break;
    if (attempt.outcome === "failure") failures.push(attempt.at);
  }
  return failures;
}

/**
 * @param recentFailures instants of failed attempts since the last success, any order
 */
export function assessSignInThrottle(recentFailures: readonly Date[], now: Date, rule = SIGN_IN_THROTTLE): ThrottleDecision {
  const sorted = recentFailures.map((d) => d.getTime()).sort((a, b) => b - a);
  if (sorted.length < rule.maxFailures) return { locked: false };
  const newest = sorted[0] as number;
  const nthNewest = sorted[rule.maxFailures - 1] as number;
  if (newest - nthNewest > rule.windowMs) return { locked: false };
  const until = newest + rule.lockoutMs;
  return now.getTime() < until ? { locked: true, until: new Date(until) } : { locked: false };
}
