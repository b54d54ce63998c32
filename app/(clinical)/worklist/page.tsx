import type { Metadata } from "next";
import { listReferrals } from "@/db/queries/referrals";
import { ReferralTable } from "@/components/referrals/referral-table";
import { requirePageAccess } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Worklist" };

export default async function WorklistPage() {
  await requirePageAccess("/worklist");
  const rows = await listReferrals();
  return (
    <>
      <h1 className="mb-1 text-2xl font-bold">Worklist</h1>
      <p className="mb-4 text-gray-800">
        {rows.length} active {rows.length === 1 ? "referral" : "referrals"}, most recently received first.
      </p>
      <ReferralTable rows={rows} now={new Date()} caption="Active referrals" emptyMessage="There are no active referrals." />
    </>
  );
}
