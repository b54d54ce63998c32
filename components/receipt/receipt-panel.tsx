"use client";

import { useEffect } from "react";
import { formCardClass } from "@/components/referrals/referral-form";
import { ActionMessage } from "@/components/ui/action-message";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ShownOnce } from "@/components/ui/shown-once";
import { useFormAction } from "@/components/ui/use-form-action";
import { checkReceiptIssue, statusLinkFor } from "@/lib/domain/receipt";
import type { ReferralStatus } from "@/lib/domain/vocabulary";
import type { ActionResult } from "@/lib/errors";
import { forgetIssuedReceipt, useIssuedReceipt, withIssuedReceipt, type IssuedReceipt } from "./issued-receipt";

interface Props {
  referralId: string;
  /** "MSCC-000123", or null before one is issued. */
  reference: string | null;
  status: ReferralStatus;
  /** The role may issue links (referral:triage); the server checks again. */
  canIssue: boolean;
  /** The app's public address (NEXTAUTH_URL); null: the address this page was opened at. */
  origin: string | null;
  action: (previous: unknown, formData: FormData) => Promise<ActionResult<{ receipt: IssuedReceipt }>>;
}

/**
 * The referrer's receipt on the referral page: the reference to quote, the status link just issued (by triage or
 * here, shown this once) and, for the coordinator, a new link that replaces the old. Place it where it stays
 * mounted when the status changes, so the link given at triage survives the page reloading its data.
 */
export function ReceiptPanel({ referralId, reference, status, canIssue, origin, action }: Props) {
  const { state, onSubmit, pending } = useFormAction(withIssuedReceipt(referralId, action));
  const issued = useIssuedReceipt(referralId);
  const allowed = checkReceiptIssue(status);
  // Leaving the page forgets the link: it is shown once.
  useEffect(() => forgetIssuedReceipt, []);

  return (
    <section aria-labelledby="receipt-heading" className={formCardClass}>
      <h2 id="receipt-heading" className="text-xl font-bold">
        Referrer&apos;s receipt
      </h2>
      {reference || issued ? (
        <p>
          Reference <strong data-testid="receipt-reference">{issued?.reference ?? reference}</strong>. The referrer quotes it when they call, and follows
          the referral&apos;s status (no clinical details) through their status link{allowed.ok ? " until the referral closes" : ""}.
        </p>
      ) : (
        <p>No reference yet: the referrer&apos;s reference and status link are given at triage.</p>
      )}
      {!allowed.ok && status !== "new" ? <p>The referral is closed, so its status link has expired.</p> : null}
      {issued ? <IssuedStatusLink receipt={issued} origin={origin} /> : null}
      {canIssue && allowed.ok ? (
        <div>
          <ConfirmDialog
            id="issue-status-link"
            triggerLabel={pending ? "Issuing…" : reference ? "Issue a new status link" : "Issue a status link"}
            title={reference ? "Issue a new status link?" : "Issue a status link?"}
            body={
              reference
                ? "The referrer's current link stops working at once, for good. Give them the new one: it is shown only once."
                : "The referrer gets a reference and a link to follow the referral's status. It is shown only once."
            }
            confirmLabel={reference ? "Issue a new link" : "Issue the link"}
            tone={reference ? "danger" : "safe"}
            fields={{ referralId }}
            onSubmit={onSubmit}
          />
        </div>
      ) : null}
      {state && !state.ok ? <ActionMessage state={state} /> : null}
    </section>
  );
}

function IssuedStatusLink({ receipt, origin }: { receipt: IssuedReceipt; origin: string | null }) {
  // Only ever rendered in the browser: an issued link is never part of the server's render.
  const link = statusLinkFor(origin ?? window.location.origin, receipt.token);
  return (
    <ShownOnce
      id="status-link"
      message={
        <>
          Give this to the referrer: reference {receipt.reference}, status link <span className="break-all">{link}</span>. It is shown only now.
        </>
      }
      label="Status link"
      value={link}
      hint="It shows only the reference, the status and the time of the last change, and stops working when the referral closes. Anyone with the link can see those, so send it only to the referrer."
      copyLabel="Copy status link"
    >
      <button type="button" onClick={forgetIssuedReceipt} className="rounded border-2 border-gray-700 bg-white px-3 py-1 font-semibold hover:bg-gray-100">
        Hide the link
      </button>
    </ShownOnce>
  );
}
