import { notFound } from "next/navigation";
import { findReceiptStatus } from "@/db/queries/receipts";
import { formatDateTime } from "@/lib/domain/time-format";
import { REFERRAL_STATUS_LABELS } from "@/lib/domain/vocabulary";

// Read at every request: the status changes, and a closed referral's link must stop working at once.
export const dynamic = "force-dynamic";

/**
 * The referrer's read-only status page (issue 5, item 7). Public: the unguessable token is the access. Only the
 * reference, the status and the time of the last change, never a clinical detail or who the patient is.
 */
export default async function ReferralStatusPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const receipt = await findReceiptStatus({ token });
  // An unknown link and a closed referral's link get the same page, so the page tells nothing about which.
  if (!receipt) notFound();
  return (
    <>
      <h1 className="text-2xl font-bold">Referral {receipt.reference}</h1>
      <dl className="mt-6 grid grid-cols-[auto_1fr] gap-x-6 gap-y-3">
        <dt className="font-semibold">Reference</dt>
        <dd data-testid="status-reference">{receipt.reference}</dd>
        <dt className="font-semibold">Status</dt>
        <dd data-testid="status-label">{REFERRAL_STATUS_LABELS[receipt.status]}</dd>
        <dt className="font-semibold">Last updated</dt>
        <dd data-testid="status-updated">
          <time dateTime={receipt.updatedAt.toISOString()}>{formatDateTime(receipt.updatedAt)}</time> (UK time)
        </dd>
      </dl>
      <p className="mt-6 text-gray-800">
        This page shows only how far the referral to the metastatic spinal cord compression (MSCC) service has got. It stops working when the
        referral closes. For anything about the patient&apos;s care, or if their symptoms get worse, contact the MSCC service or the acute oncology
        team by telephone as usual: do not wait for this page to change.
      </p>
    </>
  );
}
