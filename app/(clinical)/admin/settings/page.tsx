import type { Metadata } from "next";
import Link from "next/link";
import { getServiceContacts } from "@/db/queries/service-contacts";
import { listPathwaySettingsVersions } from "@/db/queries/settings";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { PathwaySettingsForm } from "@/components/settings/pathway-settings-form";
import { ServiceContactsForm } from "@/components/settings/service-contacts-form";
import { requirePageAccess } from "@/lib/auth/guards";
import { DEFAULT_PATHWAY_SETTINGS, PATHWAY_SETTING_SOURCES } from "@/lib/domain/clocks";
import { formatDateTime } from "@/lib/domain/time-format";
import { TARGET_KEYS } from "@/lib/validation/settings";
import { savePathwaySettingsAction, saveServiceContactsAction } from "./actions";

export const metadata: Metadata = { title: "Pathway settings" };

const asHours = (minutes: number) => String(Math.round((minutes / 60) * 100) / 100);

export default async function PathwaySettingsPage() {
  await requirePageAccess("/admin/settings");
  const [versions, serviceContacts] = await Promise.all([listPathwaySettingsVersions(), getServiceContacts()]);
  const current = versions[0];
  const settings = current?.settings ?? DEFAULT_PATHWAY_SETTINGS;
  const fields = TARGET_KEYS.map((key) => ({
    key,
    label: PATHWAY_SETTING_SOURCES[key].label,
    source: PATHWAY_SETTING_SOURCES[key].source,
    localPractice: PATHWAY_SETTING_SOURCES[key].localPractice,
    hours: asHours(settings[key]),
    defaultHours: asHours(DEFAULT_PATHWAY_SETTINGS[key]),
  }));

  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">Administration</h1>
      <AdminTabs current="/admin/settings" />
      <h2 className="mb-2 text-xl font-semibold">Pathway settings</h2>
      <p className="mb-4 max-w-3xl text-gray-800">
        The time standards every clock is measured against. A change applies to clocks that start after it; a clock already
        running or closed keeps the target that was in force when it started, so no past breach is rewritten.{" "}
        {current ? `In force since ${formatDateTime(current.effectiveFrom)}, set by ${current.createdByName ?? "the system"}.` : "These are the defaults."}
      </p>
      <PathwaySettingsForm
        action={savePathwaySettingsAction}
        basedOnVersionId={current?.id ?? 0}
        atRiskPercent={String(Math.round(settings.atRiskFraction * 100))}
        fields={fields}
      />
      <section aria-labelledby="history-heading" className="mt-8">
        <h2 id="history-heading" className="mb-2 text-xl font-semibold">
          History
        </h2>
        {versions.length === 0 ? (
          <p>No change has been made: the defaults apply.</p>
        ) : (
          <ol className="list-decimal space-y-1 pl-6">
            {versions.map((v) => (
              <li key={v.id}>
                From {formatDateTime(v.effectiveFrom)} by {v.createdByName ?? "the system"}: at risk at {Math.round(v.settings.atRiskFraction * 100)} %,
                MRI (suspected MSCC) {asHours(v.settings.mriSuspectedMsccMinutes)} h, triage (neurology) {asHours(v.settings.triageNeurologyMinutes)} h
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="service-contacts-heading" className="mt-8">
        <h2 id="service-contacts-heading" className="mb-2 text-xl font-semibold">
          Service contact numbers
        </h2>
        <p className="mb-4 max-w-3xl text-gray-800">
          Printed on the patient information sheet, for patients to call and for a clinician who sees them elsewhere.{" "}
          {serviceContacts
            ? `Set ${formatDateTime(serviceContacts.createdAt)} by ${serviceContacts.createdByName ?? "the system"}.`
            : "Not set yet: the sheet prints blank lines to write the numbers in."}{" "}
          <Link href="/patient-sheet" className="font-semibold text-nhs-blue underline">
            See the blank sheet
          </Link>
        </p>
        <ServiceContactsForm action={saveServiceContactsAction} basedOnVersionId={serviceContacts?.id ?? 0} contacts={serviceContacts?.contacts ?? null} />
      </section>
    </>
  );
}
