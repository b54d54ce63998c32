import Link from "next/link";
import type { ReferralListRow } from "@/db/queries/referrals";
import { formatNhsNumber } from "@/lib/domain/nhs-number";
import { ageInYears, formatDateTime, formatDuration } from "@/lib/domain/time-format";
import { REFERRAL_CATEGORY_LABELS, REFERRAL_STATUS_LABELS, REFERRER_ROLE_LABELS } from "@/lib/domain/vocabulary";
import { CategoryBadge } from "./category-badge";

interface Props {
  rows: ReferralListRow[];
  caption: string;
  emptyMessage: string;
  now: Date;
}

/** The first, plain list of referrals (the full live worklist replaces it). Server-rendered. */
export function ReferralTable({ rows, caption, emptyMessage, now }: Props) {
  if (rows.length === 0) {
    return (
      <p role="status" className="rounded bg-white p-6 shadow">
        {emptyMessage}
      </p>
    );
  }
  return (
    <div className="overflow-x-auto rounded bg-white shadow" tabIndex={0} role="region" aria-label={caption}>
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-gray-100">
          <tr>
            <th scope="col" className="p-3">Patient</th>
            <th scope="col" className="p-3">NHS number</th>
            <th scope="col" className="p-3">Category</th>
            <th scope="col" className="p-3">Status</th>
            <th scope="col" className="p-3">Received</th>
            <th scope="col" className="p-3">Referred by</th>
            <th scope="col" className="p-3">Registrar</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const age = ageInYears(r.dateOfBirth, now);
            return (
              <tr key={r.id} className="border-t border-gray-200 align-top">
                <td className="p-3">
                  <Link href={`/referrals/${r.id}`} className="font-semibold text-nhs-blue underline hover:no-underline">
                    {r.patientFamilyName.toUpperCase()}, {r.patientGivenName}
                  </Link>
                  {age !== null ? <span className="block text-gray-700">{age} years</span> : null}
                </td>
                <td className="p-3 whitespace-nowrap font-mono">{formatNhsNumber(r.nhsNumber)}</td>
                <td className="p-3">
                  <CategoryBadge category={r.category} label={REFERRAL_CATEGORY_LABELS[r.category]} />
                </td>
                <td className="p-3">{REFERRAL_STATUS_LABELS[r.status]}</td>
                <td className="p-3 whitespace-nowrap">
                  <time dateTime={r.receivedAt.toISOString()}>{formatDateTime(r.receivedAt)}</time>
                  <span className="block text-gray-700">{formatDuration(now.getTime() - r.receivedAt.getTime())} ago</span>
                </td>
                <td className="p-3">{REFERRER_ROLE_LABELS[r.referrerRole]}</td>
                <td className="p-3">{r.registrarName ?? <span className="text-gray-700">Not assigned</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
