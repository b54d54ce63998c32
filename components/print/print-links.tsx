import Link from "next/link";

/** The printable pages of one referral, for its page: the patient information sheet and the discharge summary. */
export function PrintLinks({ referralId }: { referralId: string }) {
  const base = `/referrals/${encodeURIComponent(referralId)}`;
  return (
    <ul aria-label="Print" className="no-print flex flex-wrap gap-x-6 gap-y-2">
      <li>
        <Link href={`${base}/patient-sheet`} className="font-semibold text-nhs-blue underline">
          Patient information sheet
        </Link>
      </li>
      <li>
        <Link href={`${base}/discharge-summary`} className="font-semibold text-nhs-blue underline">
          Discharge summary
        </Link>
      </li>
    </ul>
  );
}
