import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getReferralDetail } from "@/db/queries/referrals";
import { getRehabPlan, listEquipmentItems } from "@/db/queries/rehabilitation";
import { DischargeSummary } from "@/components/print/discharge-summary";
import { PrintToolbar } from "@/components/print/print-toolbar";
import { standingEvents } from "@/components/referrals/standing-events";
import { requirePageAccess } from "@/lib/auth/guards";
import { auditReferralView } from "@/lib/server/referral-view";

// No patient name in the title: it would stay in the browser's history.
export const metadata: Metadata = { title: "Discharge summary" };

export default async function DischargeSummaryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageAccess("/referrals/[id]/discharge-summary", { returnTo: `/referrals/${encodeURIComponent(id)}/discharge-summary` });
  const now = new Date();
  const [detail, plan, equipment] = await Promise.all([getReferralDetail({ id, now }), getRehabPlan({ referralId: id }), listEquipmentItems({ referralId: id })]);
  if (!detail) notFound();
  await auditReferralView({ actorId: user.id, referralId: detail.referral.id, patientId: detail.patient.id, via: "/referrals/[id]/discharge-summary" });
  return (
    <>
      <PrintToolbar
        printLabel="Print the summary"
        back={{ href: `/referrals/${detail.referral.id}`, label: "Back to the referral" }}
        note="Prints on A4 portrait in black and white, for the GP and the community teams. Times are UK time."
      />
      <DischargeSummary detail={detail} events={standingEvents(detail.events)} plan={plan} equipment={equipment} now={now} printedBy={user.name} />
    </>
  );
}
