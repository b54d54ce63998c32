import type { Metadata } from "next";
import { getServiceContacts } from "@/db/queries/service-contacts";
import { PatientSheet } from "@/components/print/patient-sheet";
import { PrintToolbar } from "@/components/print/print-toolbar";
import { requirePageAccess } from "@/lib/auth/guards";
import { formatDate } from "@/lib/domain/time-format";

export const metadata: Metadata = { title: "Patient information sheet (blank)" };

/** The sheet with lines to write the patient's details by hand: for a clinic, a ward stock, or downtime. */
export default async function BlankPatientSheetPage() {
  await requirePageAccess("/patient-sheet");
  const contacts = await getServiceContacts();
  return (
    <>
      <PrintToolbar
        printLabel="Print the blank sheet"
        back={{ href: "/", label: "Back to the dashboard" }}
        note="Prints on A4 in large black and white type, with lines to write the patient's name, NHS number and key worker by hand."
      />
      <PatientSheet patient={null} keyWorker={null} contacts={contacts?.contacts ?? null} printedOn={formatDate(new Date())} />
    </>
  );
}
