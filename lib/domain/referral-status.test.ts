import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  PATHWAY_STEP_COUNT,
  REFERRAL_TRANSITIONS,
  allowedNextStatuses,
  checkTransition,
  isFinalStatus,
  pathwayStepNumber,
} from "./referral-status";
import { CLOSED_REFERRAL_STATUSES, REFERRAL_STATUSES, REFERRAL_STATUS_LABELS, type ReferralStatus, isReferralActive } from "./vocabulary";

/** The allowed changes written out by hand, one per line, so that the table is checked against a second statement. */
const ALLOWED_PAIRS: readonly string[] = [
  "new -> triaged",
  "new -> withdrawn",
  "triaged -> awaiting_imaging",
  "triaged -> treatment_planned",
  "triaged -> closed",
  "triaged -> mscc_excluded",
  "triaged -> withdrawn",
  "awaiting_imaging -> imaging_reported",
  "awaiting_imaging -> mscc_excluded",
  "awaiting_imaging -> withdrawn",
  "imaging_reported -> treatment_planned",
  "imaging_reported -> mscc_excluded",
  "imaging_reported -> withdrawn",
  "treatment_planned -> in_treatment",
  "treatment_planned -> rehabilitation",
  "treatment_planned -> mscc_excluded",
  "treatment_planned -> withdrawn",
  "in_treatment -> treatment_planned",
  "in_treatment -> rehabilitation",
  "in_treatment -> withdrawn",
  "rehabilitation -> discharged",
  "rehabilitation -> withdrawn",
  "discharged -> closed",
];

const FINAL: readonly ReferralStatus[] = ["closed", "mscc_excluded", "withdrawn"];
const ACTIVE = REFERRAL_STATUSES.filter(isReferralActive);
const EXITS: readonly ReferralStatus[] = ["mscc_excluded", "withdrawn"];
const MAIN_PATH: readonly ReferralStatus[] = [
  "new",
  "triaged",
  "awaiting_imaging",
  "imaging_reported",
  "treatment_planned",
  "in_treatment",
  "rehabilitation",
  "discharged",
];

const ALL_PAIRS = REFERRAL_STATUSES.flatMap((from) => REFERRAL_STATUSES.map((to) => ({ from, to, allowed: ALLOWED_PAIRS.includes(`${from} -> ${to}`) })));

/** Each status with the one after it: [a, b], [b, c], ... */
function consecutive<T>(items: readonly T[]): [T, T][] {
  return items.slice(1).map((item, i) => [items[i] as T, item]);
}

/** Every status reachable from `start` by one or more allowed changes. */
function reachableFrom(start: ReferralStatus): Set<ReferralStatus> {
  const seen = new Set<ReferralStatus>();
  const queue: ReferralStatus[] = [...allowedNextStatuses(start)];
  while (queue.length > 0) {
    const status = queue.shift() as ReferralStatus;
    if (seen.has(status)) continue;
    seen.add(status);
    queue.push(...allowedNextStatuses(status));
  }
  return seen;
}

const status = fc.constantFrom(...REFERRAL_STATUSES);

describe("REFERRAL_TRANSITIONS", () => {
  it("has a row for every status and nothing else", () => {
    expect(Object.keys(REFERRAL_TRANSITIONS).sort()).toEqual([...REFERRAL_STATUSES].sort());
  });

  it("names only known statuses, without repeats, in pathway order", () => {
    for (const from of REFERRAL_STATUSES) {
      const next = REFERRAL_TRANSITIONS[from];
      expect(new Set(next).size).toBe(next.length);
      const positions = next.map((to) => REFERRAL_STATUSES.indexOf(to));
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    }
  });

  it("the hand-written list names only real pairs", () => {
    const real = new Set(ALL_PAIRS.map(({ from, to }) => `${from} -> ${to}`));
    for (const pair of ALLOWED_PAIRS) expect(real.has(pair)).toBe(true);
    expect(ALL_PAIRS.filter((p) => p.allowed)).toHaveLength(ALLOWED_PAIRS.length);
  });

  it.each(ALL_PAIRS)("$from -> $to allowed: $allowed", ({ from, to, allowed }) => {
    expect(REFERRAL_TRANSITIONS[from].includes(to)).toBe(allowed);
    expect(checkTransition(from, to).ok).toBe(allowed);
  });

  it("never allows staying in the same status", () => {
    for (const s of REFERRAL_STATUSES) expect(REFERRAL_TRANSITIONS[s]).not.toContain(s);
  });
});

describe("clinical realities", () => {
  it.each(ACTIVE)("%s can be withdrawn (sent in error, died, admitted elsewhere)", (from) => {
    expect(checkTransition(from, "withdrawn").ok).toBe(true);
  });

  it("discharged is no longer active and is closed rather than withdrawn", () => {
    expect(checkTransition("discharged", "withdrawn").ok).toBe(false);
    expect(checkTransition("discharged", "closed").ok).toBe(true);
  });

  it("MSCC is excluded from triage until the plan, and only then", () => {
    const from = REFERRAL_STATUSES.filter((s) => REFERRAL_TRANSITIONS[s].includes("mscc_excluded"));
    expect(from).toEqual(["triaged", "awaiting_imaging", "imaging_reported", "treatment_planned"]);
  });

  it.each([
    { name: "imaging already came with the referral", from: "triaged", to: "treatment_planned", ok: true },
    { name: "not MSCC, advice only", from: "triaged", to: "closed", ok: true },
    { name: "the plan changed (radiotherapy to surgery)", from: "in_treatment", to: "treatment_planned", ok: true },
    { name: "best supportive care: plan, then rehabilitation and discharge", from: "treatment_planned", to: "rehabilitation", ok: true },
    { name: "no rehabilitation without a plan and treatment", from: "imaging_reported", to: "rehabilitation", ok: false },
    { name: "no treatment without a plan", from: "imaging_reported", to: "in_treatment", ok: false },
    { name: "excluding MSCC is a triage decision", from: "new", to: "mscc_excluded", ok: false },
    { name: "a new referral is triaged before it is closed", from: "new", to: "closed", ok: false },
    { name: "rehabilitation ends in discharge, not closure", from: "rehabilitation", to: "closed", ok: false },
    { name: "no going back from rehabilitation to treatment", from: "rehabilitation", to: "in_treatment", ok: false },
  ] as const)("$from -> $to is $ok: $name", ({ from, to, ok }) => {
    expect(checkTransition(from, to).ok).toBe(ok);
  });

  it("walks the whole main path and closes", () => {
    for (const [from, to] of consecutive<ReferralStatus>([...MAIN_PATH, "closed"])) expect(checkTransition(from, to)).toEqual({ ok: true });
  });
});

describe("graph", () => {
  it.each(FINAL)("final %s allows nothing", (from) => {
    expect(allowedNextStatuses(from)).toEqual([]);
    for (const to of REFERRAL_STATUSES) expect(checkTransition(from, to).ok).toBe(false);
  });

  it.each(REFERRAL_STATUSES.filter((s) => !FINAL.includes(s)))("%s can reach a final status", (from) => {
    expect([...reachableFrom(from)].some(isFinalStatus)).toBe(true);
  });

  it("every other status is reachable from new", () => {
    const reached = reachableFrom("new");
    expect(REFERRAL_STATUSES.filter((s) => s !== "new" && !reached.has(s))).toEqual([]);
  });

  it("nothing leads back to new", () => {
    expect(REFERRAL_STATUSES.filter((s) => REFERRAL_TRANSITIONS[s].includes("new"))).toEqual([]);
  });

  it("the only cycle is a change of plan during treatment", () => {
    const inCycle = REFERRAL_STATUSES.filter((s) => reachableFrom(s).has(s));
    expect(inCycle).toEqual(["treatment_planned", "in_treatment"]);
  });
});

describe("isFinalStatus", () => {
  it.each(REFERRAL_STATUSES.map((s) => ({ s, final: FINAL.includes(s) })))("$s final: $final", ({ s, final }) => {
    expect(isFinalStatus(s)).toBe(final);
    expect(isFinalStatus(s)).toBe(allowedNextStatuses(s).length === 0);
  });

  it("agrees with CLOSED_REFERRAL_STATUSES except discharged, which can still be closed", () => {
    const closed = CLOSED_REFERRAL_STATUSES as readonly ReferralStatus[];
    const disagree = REFERRAL_STATUSES.filter((s) => isFinalStatus(s) !== closed.includes(s));
    expect(disagree).toEqual(["discharged"]);
    expect(isReferralActive("discharged")).toBe(false);
    expect(isFinalStatus("discharged")).toBe(false);
  });

  it("every active status is not final", () => {
    for (const s of ACTIVE) expect(isFinalStatus(s)).toBe(false);
  });
});

describe("pathwayStepNumber", () => {
  it.each(MAIN_PATH.map((s, i) => ({ s, step: i + 1 })))("$s is step $step of the main path", ({ s, step }) => {
    expect(pathwayStepNumber(s)).toBe(step);
  });

  it.each(["closed", ...EXITS] as const)("%s is not a step", (s) => {
    expect(pathwayStepNumber(s)).toBeNull();
  });

  it("counts the steps of the main path", () => {
    expect(PATHWAY_STEP_COUNT).toBe(MAIN_PATH.length);
    const steps = REFERRAL_STATUSES.map(pathwayStepNumber).filter((n): n is number => n !== null);
    expect(steps).toEqual(Array.from({ length: PATHWAY_STEP_COUNT }, (_, i) => i + 1));
  });

  it("each step on the main path leads to the next", () => {
    for (const [from, to] of consecutive(MAIN_PATH)) expect(REFERRAL_TRANSITIONS[from]).toContain(to);
  });
});

describe("checkTransition messages", () => {
  it("names the allowed next steps by their labels", () => {
    const result = checkTransition("triaged", "in_treatment");
    expect(result).toEqual({
      ok: false,
      message:
        "A referral cannot go from Triaged to In treatment. A referral that is Triaged can next be: Awaiting imaging, Treatment planned, Closed, MSCC excluded, Withdrawn.",
      allowed: ["awaiting_imaging", "treatment_planned", "closed", "mscc_excluded", "withdrawn"],
    });
  });

  it("says a final status cannot change", () => {
    expect(checkTransition("withdrawn", "triaged")).toEqual({
      ok: false,
      message: "A referral that is Withdrawn is closed: it cannot change status.",
      allowed: [],
    });
  });

  it("refuses the same status as already there", () => {
    expect(checkTransition("triaged", "triaged")).toEqual({
      ok: false,
      message:
        "This referral is already Triaged. A referral that is Triaged can next be: Awaiting imaging, Treatment planned, Closed, MSCC excluded, Withdrawn.",
      allowed: REFERRAL_TRANSITIONS.triaged,
    });
    const final = checkTransition("mscc_excluded", "mscc_excluded");
    expect(final.ok).toBe(false);
    if (!final.ok) expect(final.message).toBe("This referral is already MSCC excluded. A referral that is MSCC excluded is closed: it cannot change status.");
  });

  it.each(ALL_PAIRS.filter((p) => !p.allowed))("$from -> $to is refused naming every allowed label and no other", ({ from, to }) => {
    const result = checkTransition(from, to);
    if (result.ok) throw new Error("expected a refusal");
    expect(result.allowed).toEqual(REFERRAL_TRANSITIONS[from]);
    const fromLabel = REFERRAL_STATUS_LABELS[from];
    expect(result.message).toContain(fromLabel);
    const nextSteps = result.message.slice(result.message.indexOf(`A referral that is ${fromLabel}`));
    if (result.allowed.length === 0) {
      expect(nextSteps).toBe(`A referral that is ${fromLabel} is closed: it cannot change status.`);
    } else {
      expect(nextSteps).toBe(`A referral that is ${fromLabel} can next be: ${result.allowed.map((s) => REFERRAL_STATUS_LABELS[s]).join(", ")}.`);
    }
  });
});

describe("properties", () => {
  it("checkTransition(a, b).ok is exactly membership of the table", () => {
    fc.assert(
      fc.property(status, status, (a, b) => {
        expect(checkTransition(a, b).ok).toBe(REFERRAL_TRANSITIONS[a].includes(b));
      }),
    );
  });

  it("a refusal always carries the table's next steps and a message", () => {
    fc.assert(
      fc.property(status, status, (a, b) => {
        const result = checkTransition(a, b);
        if (!result.ok) {
          expect(result.allowed).toEqual(allowedNextStatuses(a));
          expect(result.message.length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it("any walk of allowed changes ends in a final status or can still go on, and never revisits new", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 30 }), (choices) => {
        let current: ReferralStatus = "new";
        for (const choice of choices) {
          const next = allowedNextStatuses(current);
          if (next.length === 0) {
            expect(isFinalStatus(current)).toBe(true);
            break;
          }
          const to = next[choice % next.length] as ReferralStatus;
          expect(checkTransition(current, to).ok).toBe(true);
          current = to;
          expect(current).not.toBe("new");
        }
      }),
    );
  });
});
