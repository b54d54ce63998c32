import { describe, expect, it } from "vitest";
import { clockStatusAt } from "@/lib/domain/clocks";
import { countdownText, type LiveClock } from "./clock-status";

const HOUR = 3_600_000;
const start = Date.UTC(2026, 10, 25, 12, 0);
const mri: LiveClock = { status: "running", dueAt: start + 24 * HOUR, atRiskAt: start + 18 * HOUR, stopAt: null };

describe("the live clock on the referral page", () => {
  it.each([
    ["running two hours in", 2 * HOUR, "running", "due in 22 h 0 m"],
    ["at risk from 18 h", 18 * HOUR, "at_risk", "due in 6 h 0 m"],
    ["breached at the due instant itself", 24 * HOUR, "breached", "breached by 0 m"],
    ["breached 6 h later", 30 * HOUR, "breached", "breached by 6 h 0 m"],
  ] as const)("%s", (_name, elapsed, status, text) => {
    const now = start + elapsed;
    expect(clockStatusAt(mri, now)).toBe(status);
    expect(countdownText(mri, clockStatusAt(mri, now), now)).toBe(text);
  });

  it("a stopped clock keeps its outcome, whatever the time", () => {
    const late: LiveClock = { status: "breached", dueAt: mri.dueAt, atRiskAt: mri.atRiskAt, stopAt: start + 30 * HOUR };
    expect(clockStatusAt(late, start + 100 * HOUR)).toBe("breached");
    expect(countdownText(late, "breached", start + 100 * HOUR)).toBe("breached by 6 h 0 m");
    const met: LiveClock = { status: "met", dueAt: mri.dueAt, atRiskAt: mri.atRiskAt, stopAt: start + 20 * HOUR };
    expect(clockStatusAt(met, start + 100 * HOUR)).toBe("met");
    expect(countdownText(met, "met", start + 100 * HOUR)).toBe("met 4 h 0 m before due");
  });

  it("not started and not applicable do not tick", () => {
    const idle: LiveClock = { status: "not_started", dueAt: null, atRiskAt: null, stopAt: null };
    expect(clockStatusAt(idle, start)).toBe("not_started");
    expect(countdownText({ ...idle, status: "not_applicable" }, "not_applicable", start)).toBe("Not applicable");
  });
});
