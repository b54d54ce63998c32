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
