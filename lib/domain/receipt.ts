import { isReferralActive, type ReferralStatus } from "./vocabulary";

/**
 * The referrer's receipt (issue 5, item 7): a reference to quote on the phone and a read-only status link. Only
 * the reference, the status and the time of the last update are ever shown through it: no clinical detail.
 */

/** "MSCC-000123": the receipt's number, zero-padded to six digits (longer once past 999999). */
export function formatReceiptReference(receiptNumber: number): string {
  return `MSCC-${String(receiptNumber).padStart(6, "0")}`;
}

/** A status token is 32 random bytes in base64url: exactly 43 characters of A–Z, a–z, 0–9, "-" and "_". */
export function isStatusToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** The referrer's status page for a token, on the app's public address. */
export function statusLinkFor(origin: string, token: string): string {
  return new URL(`/status/${token}`, origin).toString();
}

export type ReceiptIssueCheck = { ok: true } | { ok: false; message: string };

/**
 * Whether a (new) status link may be issued now. Before triage the referrer has nothing to follow yet (the link is
 * given at triage); once the referral is closed its link has expired for good, so no new one is issued either.
 */
export function checkReceiptIssue(status: ReferralStatus): ReceiptIssueCheck {
  if (status === "new") return { ok: false, message: "Triage the referral first: the referrer's status link is given at triage." };
  if (!isReferralActive(status)) return { ok: false, message: "This referral is closed: its status link has expired and no new one can be issued." };
  return { ok: true };
}
