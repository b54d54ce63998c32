import type { Metadata } from "next";
import { countReferralsSince } from "@/db/queries/referrals";
import { requirePageAccess } from "@/lib/auth/guards";
import { formatDate } from "@/lib/domain/time-format";
import { REFERRAL_CATEGORIES, REFERRAL_CATEGORY_LABELS, REFERRAL_STATUS_LABELS, REFERRAL_STATUSES } from "@/lib/domain/vocabulary";

export const metadata: Metadata = { title: "Audit" };

const DAYS = 30;

export default async function AuditPage() {
  await requirePageAccess("/audit");
  const now = new Date();
  const since = new Date(now.getTime() - DAYS * 24 * 3_600_000);
  const counts = await countReferralsSince({ since });
  const cell = (status: string, category: string) => counts.find((c) => c.status === status && c.category === category)?.n ?? 0;
  const total = counts.reduce((sum, c) => sum + c.n, 0);

  return (
    <>
      <h1 className="mb-1 text-2xl font-bold">Audit</h1>
      <p className="mb-4 text-gray-800">
        Referrals received from {formatDate(since)} to {formatDate(now)}: {total} in all, by pathway step and category.
      </p>
      <div className="overflow-x-auto rounded bg-white shadow">
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">Referrals in the last {DAYS} days by status and category</caption>
          <thead className="bg-gray-100">
            <tr>
              <th scope="col" className="p-3">Status</th>
              {REFERRAL_CATEGORIES.map((c) => (
                <th key={c} scope="col" className="p-3 text-right">
                  {REFERRAL_CATEGORY_LABELS[c]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {REFERRAL_STATUSES.map((s) => (
              <tr key={s} className="border-t border-gray-200">
                <th scope="row" className="p-3 font-normal">
                  {REFERRAL_STATUS_LABELS[s]}
                </th>
                {REFERRAL_CATEGORIES.map((c) => (
                  <td key={c} className="p-3 text-right tabular-nums">
                    {cell(s, c)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
