import type { Metadata } from "next";
import { listReferrals } from "@/db/queries/referrals";
import { ReferralTable } from "@/components/referrals/referral-table";
import { requirePageAccess } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Discharge" };

export default async function DischargePage() {
  await requirePageAccess("/discharge");
  const rows = await listReferrals({ statuses: ["rehabilitation"] });
  return (
    <>
      <h1 className="mb-1 text-2xl font-bold">Discharge</h1>
      <p className="mb-4 text-gray-800">Patients on the rehabilitation and discharge planning step.</p>
      <ReferralTable
        rows={rows}
        now={new Date()}
        caption="Patients on the rehabilitation and discharge step"
        emptyMessage="No patient is on the rehabilitation and discharge step."
      />
    </>
  );
}
