import type { Metadata } from "next";
import Link from "next/link";
import { listReferrals } from "@/db/queries/referrals";
import { ReferralTable } from "@/components/referrals/referral-table";
import { requirePageAccess } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Worklist" };

export default async function WorklistPage() {
  const user = await requirePageAccess("/worklist");
  const rows = await listReferrals();
  return (
    <>
      <div className="mb-1 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Worklist</h1>
        {can(user.role, "referral:create") ? (
          <Link href="/referrals/new" className="no-print rounded bg-nhs-green px-4 py-2 font-semibold text-white hover:bg-green-800">
            New referral
          </Link>
        ) : null}
      </div>
      <p className="mb-4 text-gray-800">
        {rows.length} active {rows.length === 1 ? "referral" : "referrals"}, most recently received first.
      </p>
      <ReferralTable rows={rows} now={new Date()} caption="Active referrals" emptyMessage="There are no active referrals." />
    </>
  );
}
