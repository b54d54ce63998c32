import type { ReferralDetail } from "@/db/queries/referrals";
import { formatNhsNumber } from "@/lib/domain/nhs-number";
import { ageInYears, formatCalendarDate, formatDateTime, formatDuration } from "@/lib/domain/time-format";
import {
  AMBULATORY_STATUS_LABELS,
  HAEMATOLOGICAL_SUSPICIONS,
  isReferralActive,
  KNOWN_METASTASES,
  NEUROLOGY,
  REFERRAL_CATEGORY_LABELS,
  REFERRAL_STATUS_LABELS,
  REFERRER_ROLE_LABELS,
  WARNING_SYMPTOMS,
  type ReferralStatus,
} from "@/lib/domain/vocabulary";
import { CategoryBadge } from "./category-badge";
import { PATIENT_LOCATION_LABELS } from "./event-labels";

const notRecorded = <span className="text-gray-700">Not recorded</span>;

function Item({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="py-1">
      <dt className="text-sm font-semibold text-gray-800">{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="rounded bg-white p-4 shadow break-inside-avoid">
      <h3 className="mb-1 text-lg font-semibold">{title}</h3>
      <dl>{children}</dl>
    </section>
  );
}

/** Status with an icon and its words: open statuses ●, closed ones ■. */
export function ReferralStatusText({ status }: { status: ReferralStatus }) {
  return (
    <span className="inline-flex items-center gap-1 rounded border border-gray-700 bg-white px-2 py-0.5 font-semibold">
      <span aria-hidden>{isReferralActive(status) ? "●" : "■"}</span>
      {REFERRAL_STATUS_LABELS[status]}
    </span>
  );
}

/** The patient and the referral as received: identity first, then what matters for the first decisions. */
export function ReferralSummary({ detail, now }: { detail: ReferralDetail; now: Date }) {
  const { referral: r, patient: p } = detail;
  const age = ageInYears(p.dateOfBirth, now);
  const haematological = r.haematologicalSuspected === "lymphoma" || r.haematologicalSuspected === "myeloma";
  return (
    <>
      <header className="mb-4">
        <h1 className="text-2xl font-bold">
          {p.familyName.toUpperCase()}, {p.givenName}
        </h1>
        <dl className="mt-2 flex flex-wrap items-center gap-x-6 gap-y-2">
          <div className="flex gap-2">
            <dt className="font-semibold">NHS number</dt>
            <dd className="font-mono">{formatNhsNumber(p.nhsNumber)}</dd>
          </div>
          <div className="flex gap-2">
            <dt className="font-semibold">Born</dt>
            <dd>
              {formatCalendarDate(p.dateOfBirth)}
              {age !== null ? ` (${age} years)` : ""}
            </dd>
          </div>
          <div className="flex gap-2">
            <dt className="sr-only">Category</dt>
            <dd>
              <CategoryBadge category={r.category} label={REFERRAL_CATEGORY_LABELS[r.category]} />
            </dd>
          </div>
          <div className="flex gap-2">
            <dt className="font-semibold">Status</dt>
            <dd data-testid="referral-status">
              <ReferralStatusText status={r.status} />
            </dd>
          </div>
          <div className="flex gap-2">
            <dt className="font-semibold">Received</dt>
            <dd>
              <time dateTime={r.receivedAt.toISOString()}>{formatDateTime(r.receivedAt)}</time> ({formatDuration(now.getTime() - r.receivedAt.getTime())} ago)
            </dd>
          </div>
        </dl>
      </header>

      {haematological ? (
        <p role="note" className="mb-4 rounded border-4 border-nhs-red bg-red-50 p-4 text-lg font-bold text-red-900">
          <span aria-hidden>▲ </span>Lymphoma/myeloma suspected: discuss with a consultant before steroids
        </p>
      ) : null}

      {detail.missing.length > 0 ? (
        <div role="note" className="mb-4 rounded border-l-4 border-nhs-warm-yellow bg-yellow-50 p-4">
          <p>
            <strong>Incomplete:</strong> {detail.missing.join("; ")}
          </p>
          <p className="text-sm">Add these when they are known. They never hold up the referral.</p>
        </div>
      ) : null}

      <h2 className="sr-only">Referral details</h2>
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
        <Card title="Referral">
          <Item term="Referred by">
            {r.referrerName}, {REFERRER_ROLE_LABELS[r.referrerRole]}
            {r.referrerOrganisation ? `, ${r.referrerOrganisation}` : ""}
          </Item>
          <Item term="Referrer's phone or bleep">{r.referrerContact ?? notRecorded}</Item>
          <Item term="Registrar">{detail.registrarName ?? <span className="text-gray-700">Not escalated yet</span>}</Item>
        </Card>
        <Card title="Patient">
          <Item term="Hospital number">{p.hospitalNumber ?? notRecorded}</Item>
          <Item term="Phone">{p.phone ?? notRecorded}</Item>
          <Item term="Where now">{p.location ? PATIENT_LOCATION_LABELS[p.location] : notRecorded}</Item>
          <Item term="Ambulatory status">{r.ambulatoryStatus ? AMBULATORY_STATUS_LABELS[r.ambulatoryStatus] : notRecorded}</Item>
        </Card>
        <Card title="Symptoms and neurology">
          <Item term="Warning symptoms">
            {r.symptoms.length > 0 ? (
              <ul className="list-disc pl-5">
                {r.symptoms.map((s) => (
                  <li key={s}>{WARNING_SYMPTOMS[s]}</li>
                ))}
              </ul>
            ) : (
              "None recorded"
            )}
          </Item>
          <Item term="Neurology">
            {r.neurology.length > 0 ? (
              <ul className="list-disc pl-5 font-semibold">
                {r.neurology.map((n) => (
                  <li key={n}>{NEUROLOGY[n]}</li>
                ))}
              </ul>
            ) : (
              "None recorded (pain only)"
            )}
          </Item>
          {r.neurology.length > 0 ? (
            <Item term="Onset">{r.neurologyOnsetAt ? <time dateTime={r.neurologyOnsetAt.toISOString()}>{formatDateTime(r.neurologyOnsetAt)}</time> : notRecorded}</Item>
          ) : null}
        </Card>
        <Card title="Cancer history">
          <Item term="Primary cancer">{r.primaryCancer ?? notRecorded}</Item>
          <Item term="Known metastases">{r.knownMetastases && r.knownMetastases.length > 0 ? r.knownMetastases.map((m) => KNOWN_METASTASES[m]).join(", ") : notRecorded}</Item>
          <Item term="Current or past treatment">{r.currentTreatment ?? notRecorded}</Item>
          <Item term="Lymphoma or myeloma">
            {r.haematologicalSuspected ? (
              <span className={haematological ? "font-bold text-red-900" : undefined}>{HAEMATOLOGICAL_SUSPICIONS[r.haematologicalSuspected]}</span>
            ) : (
              notRecorded
            )}
          </Item>
          <Item term="Previous radiotherapy to the spine">
            {r.previousSpinalRadiotherapy === null ? notRecorded : r.previousSpinalRadiotherapy ? `Yes${r.previousSpinalRadiotherapyLevel ? `, ${r.previousSpinalRadiotherapyLevel}` : ""}` : "No"}
          </Item>
          <Item term="Imaging already available">{r.imagingAvailable ?? notRecorded}</Item>
        </Card>
      </div>
    </>
  );
}
