import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SIGN_IN_THROTTLE, assessSignInThrottle, failuresSinceLastSuccess } from "./sign-in-throttle";

const MINUTE = 60_000;
const T0 = Date.parse("2026-11-25T09:00:00Z");
/** Failures at these minute offsets from T0. */
const at = (...minutes: number[]): Date[] => minutes.map((m) => new Date(T0 + m * MINUTE));
const minutesAfter = (m: number): Date => new Date(T0 + m * MINUTE);

describe("SIGN_IN_THROTTLE", () => {
  it("is 5 failures in 15 minutes, locked for 15 minutes", () => {
    expect(SIGN_IN_THROTTLE).toEqual({ maxFailures: 5, windowMs: 15 * MINUTE, lockoutMs: 15 * MINUTE });
  });
});

describe("assessSignInThrottle", () => {
  it.each([
    { name: "no failures", failures: at(), now: minutesAfter(1), until: null },
    { name: "4 failures in a minute", failures: at(0, 0.25, 0.5, 0.75), now: minutesAfter(1), until: null },
    { name: "5 failures in a minute", failures: at(0, 0.25, 0.5, 0.75, 1), now: minutesAfter(1), until: minutesAfter(16) },
    { name: "5 failures spanning exactly 15 minutes", failures: at(0, 5, 10, 12, 15), now: minutesAfter(15), until: minutesAfter(30) },
    {
      name: "5 failures spanning 15 minutes and 1 ms",
      failures: [...at(5, 10, 12, 15), new Date(T0 - 1)],
      now: minutesAfter(15),
      until: null,
    },
    { name: "5 failures spread over 20 minutes", failures: at(0, 5, 10, 15, 20), now: minutesAfter(20), until: null },
    { name: "5 failures, checked 14 minutes after the last", failures: at(0, 1, 2, 3, 4), now: minutesAfter(18), until: minutesAfter(19) },
    { name: "5 failures, checked 15 minutes after the last", failures: at(0, 1, 2, 3, 4), now: minutesAfter(19), until: null },
    { name: "5 failures, checked an hour later", failures: at(0, 1, 2, 3, 4), now: minutesAfter(64), until: null },
    // Six or more: only the newest five count.
    { name: "6 failures: old one ignored, newest 5 close", failures: at(-120, 20, 21, 22, 23, 24), now: minutesAfter(25), until: minutesAfter(39) },
    { name: "6 failures: oldest 5 close, newest 5 spread", failures: at(0, 1, 2, 3, 4, 25), now: minutesAfter(25), until: null },
    { name: "6 failures in 5 minutes: lock runs from the newest", failures: at(0, 1, 2, 3, 4, 5), now: minutesAfter(5), until: minutesAfter(20) },
    { name: "10 failures, newest 5 within 15 minutes", failures: at(0, 30, 60, 90, 100, 101, 102, 103, 110, 114), now: minutesAfter(115), until: minutesAfter(129) },
    { name: "10 failures, newest 5 span 16 minutes", failures: at(0, 1, 2, 3, 4, 5, 6, 7, 8, 24), now: minutesAfter(24), until: null },
  ])("$name", ({ failures, now, until }) => {
    const decision = assessSignInThrottle(failures, now);
    expect(decision).toEqual(until === null ? { locked: false } : { locked: true, until });
  });

  it("is locked 1 ms before the lock ends and unlocked at exactly the end", () => {
    const failures = at(0, 2, 4, 6, 8);
    const until = minutesAfter(23);
    expect(assessSignInThrottle(failures, new Date(until.getTime() - 1))).toEqual({ locked: true, until });
    expect(assessSignInThrottle(failures, until)).toEqual({ locked: false });
    expect(assessSignInThrottle(failures, new Date(until.getTime() + 1))).toEqual({ locked: false });
  });

  it("honours a custom window and lockout", () => {
    // The rule parameter's type fixes maxFailures at 5 (SIGN_IN_THROTTLE is `as const`); window and lockout vary.
    const rule = { maxFailures: 5, windowMs: 5 * MINUTE, lockoutMs: 60 * MINUTE } as const;
    expect(assessSignInThrottle(at(0, 1, 2, 3, 4), minutesAfter(30), rule)).toEqual({ locked: true, until: minutesAfter(64) });
    expect(assessSignInThrottle(at(0, 1, 2, 3, 5), minutesAfter(6), rule)).toEqual({ locked: true, until: minutesAfter(65) });
    expect(assessSignInThrottle(at(0, 1, 2, 3, 6), minutesAfter(6), rule)).toEqual({ locked: false });
  });

  it("does not modify its input", () => {
    const failures = at(4, 0, 3, 1, 2);
    const copy = failures.map((d) => d.getTime());
    assessSignInThrottle(failures, minutesAfter(5));
    expect(failures.map((d) => d.getTime())).toEqual(copy);
  });
});

describe("properties", () => {
  const failureTimes = fc.array(fc.integer({ min: 0, max: 60 * MINUTE }), { minLength: 0, maxLength: 12 });

  it("the order of the failures does not matter", () => {
    fc.assert(
      fc.property(
        failureTimes.chain((times) => fc.tuple(fc.constant(times), fc.shuffledSubarray(times, { minLength: times.length, maxLength: times.length }))),
        fc.integer({ min: 0, max: 90 * MINUTE }),
        ([times, shuffled], nowOffset) => {
          const now = new Date(T0 + nowOffset);
          const sorted = assessSignInThrottle(
            [...times].sort((a, b) => a - b).map((t) => new Date(T0 + t)),
            now,
          );
          expect(assessSignInThrottle(times.map((t) => new Date(T0 + t)), now)).toEqual(sorted);
          expect(assessSignInThrottle(shuffled.map((t) => new Date(T0 + t)), now)).toEqual(sorted);
        },
      ),
    );
  });

  it("when locked, the lock ends exactly lockoutMs after the newest failure", () => {
    fc.assert(
      fc.property(failureTimes, fc.integer({ min: 0, max: 90 * MINUTE }), (times, nowOffset) => {
        const decision = assessSignInThrottle(times.map((t) => new Date(T0 + t)), new Date(T0 + nowOffset));
        if (!decision.locked) return;
        expect(times.length).toBeGreaterThanOrEqual(SIGN_IN_THROTTLE.maxFailures);
        expect(decision.until.getTime()).toBe(T0 + Math.max(...times) + SIGN_IN_THROTTLE.lockoutMs);
        expect(nowOffset).toBeLessThan(Math.max(...times) + SIGN_IN_THROTTLE.lockoutMs);
      }),
    );
  });
});

describe("failuresSinceLastSuccess", () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 9, minute));
  it.each([
    { name: "no attempts", attempts: [], expected: [] },
    { name: "failures only", attempts: [{ at: at(1), outcome: "failure" }, { at: at(2), outcome: "failure" }], expected: [at(2), at(1)] },
    {
      name: "a success clears earlier failures",
      attempts: [{ at: at(1), outcome: "failure" }, { at: at(2), outcome: "success" }, { at: at(3), outcome: "failure" }],
      expected: [at(3)],
    },
    {
      name: "refused (locked) attempts are not failures",
      attempts: [{ at: at(1), outcome: "failure" }, { at: at(2), outcome: "locked" }],
      expected: [at(1)],
    },
    {
      name: "order of the input does not matter",
      attempts: [{ at: at(3), outcome: "failure" }, { at: at(1), outcome: "failure" }, { at: at(2), outcome: "success" }],
      expected: [at(3)],
    },
  ] as const)("$name", ({ attempts, expected }) => {
    expect(failuresSinceLastSuccess(attempts)).toEqual(expected);
  });
});
