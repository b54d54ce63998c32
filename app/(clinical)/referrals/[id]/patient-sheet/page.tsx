import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getReferralDetail } from "@/db/queries/referrals";
import { getRehabPlan } from "@/db/queries/rehabilitation";
import { getServiceContacts } from "@/db/queries/service-contacts";
import { PatientSheet } from "@/components/print/patient-sheet";
import { PrintToolbar } from "@/components/print/print-toolbar";
import { requirePageAccess } from "@/lib/auth/guards";
import { auditReferralView } from "@/lib/server/referral-view";
import { formatNhsNumber } from "@/lib/domain/nhs-number";
import { formatCalendarDate, formatDate } from "@/lib/domain/time-format";

// No patient name in the title: it would stay in the browser's history.
export const metadata: Metadata = { title: "Patient information sheet" };

export default async function ReferralPatientSheetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageAccess("/referrals/[id]/patient-sheet", { returnTo: `/referrals/${encodeURIComponent(id)}/patient-sheet` });
  const now = new Date();
  const [detail, plan, contacts] = await Promise.all([getReferralDetail({ id, now }), getRehabPlan({ referralId: id }), getServiceContacts()]);
  if (!detail) notFound();
  await auditReferralView({ actorId: user.id, referralId: detail.referral.id, patientId: detail.patient.id, via: "/referrals/[id]/patient-sheet" });
  const { patient } = detail;
  return (
    <>
      <PrintToolbar
        printLabel="Print the sheet"
        back={{ href: `/referrals/${detail.referral.id}`, label: "Back to the referral" }}
        note="Prints on A4 in large black and white type. Give it to the patient to keep."
      />
      <PatientSheet
        patient={{ name: `${patient.givenName} ${patient.familyName}`, dateOfBirth: formatCalendarDate(patient.dateOfBirth), nhsNumber: formatNhsNumber(patient.nhsNumber) }}
        keyWorker={plan ? { name: plan.keyWorkerName, contact: plan.keyWorkerContact } : null}
        contacts={contacts?.contacts ?? null}
        printedOn={formatDate(now)}
      />
    </>
  );
}
