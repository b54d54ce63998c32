import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkReceiptIssue, formatReceiptReference, isStatusToken, statusLinkFor } from "./receipt";
import { REFERRAL_STATUSES, isReferralActive } from "./vocabulary";

describe("formatReceiptReference", () => {
  it.each([
    [1, "MSCC-000001"],
    [123, "MSCC-000123"],
    [999_999, "MSCC-999999"],
    [1_000_000, "MSCC-1000000"],
  ])("%i is %s", (receiptNumber, reference) => {
    expect(formatReceiptReference(receiptNumber)).toBe(reference);
  });
});

describe("isStatusToken", () => {
  const real = crypto.randomBytes(32).toString("base64url");
  it.each([
    ["a real token", real, true],
    ["only the URL-safe alphabet", `${"A".repeat(20)}-_${"z9".repeat(10)}x`, true],
    ["one character short", real.slice(1), false],
    ["one character long", `${real}A`, false],
    ["standard base64 ('+')", `+${real.slice(1)}`, false],
    ["standard base64 ('/')", `/${real.slice(1)}`, false],
    ["padding", `${real.slice(1)}=`, false],
    ["empty", "", false],
    ["a route placeholder", "[token]", false],
  ])("%s", (_name, value, expected) => {
    expect(isStatusToken(value)).toBe(expected);
  });
});

describe("statusLinkFor", () => {
  it.each([
    ["https://mscc.trust.nhs.uk", "https://mscc.trust.nhs.uk/status/abc"],
    ["https://mscc.trust.nhs.uk/", "https://mscc.trust.nhs.uk/status/abc"],
    ["http://localhost:3100", "http://localhost:3100/status/abc"],
  ])("on %s", (origin, link) => {
    expect(statusLinkFor(origin, "abc")).toBe(link);
  });
});

describe("checkReceiptIssue", () => {
  it("refuses before triage, with the reason", () => {
    expect(checkReceiptIssue("new")).toEqual({ ok: false, message: expect.stringContaining("Triage the referral first") });
  });

  // After triage, a link may be issued exactly while the referral is active: the status page expires with it.
  it.each(REFERRAL_STATUSES.filter((s) => s !== "new").map((s) => [s, isReferralActive(s)] as const))("%s: allowed %s", (status, active) => {
    const check = checkReceiptIssue(status);
    expect(check.ok).toBe(active);
    if (!check.ok) expect(check.message).toContain("closed");
  });
});
