import type { ReferralDetail } from "@/db/queries/referrals";
import type { EquipmentItem, RehabPlan } from "@/db/schema/rehabilitation";
import { formCardClass } from "@/components/referrals/referral-form";
import type { EventAction } from "@/components/referrals/referral-form";
import { SignedBy, entryClass } from "@/components/referrals/signed-by";
import { standingEvents, type StandingEvent } from "@/components/referrals/standing-events";
import { CHECKLIST_ITEM_LABELS, CHECKLIST_ITEMS, CHECKLIST_STATE_LABELS, checkDischarge, DESTINATION_NAMES, type ChecklistItem, type Destination } from "@/lib/domain/rehabilitation";
import { RecordPanel } from "@/components/referrals/record-panel";
import { formatCalendarDate, formatDateTime, londonDate } from "@/lib/domain/time-format";
import { pathwayStepNumber } from "@/lib/domain/referral-status";
import { FRANKEL_GRADES, type FrankelGrade } from "@/lib/domain/scores";
import { AMBULATORY_STATUS_LABELS, type AmbulatoryStatus } from "@/lib/domain/vocabulary";
import type { ActionResult } from "@/lib/errors";
import { AddEquipmentForm } from "./add-equipment-form";
import { AssessmentForm } from "./assessment-form";
import { DischargeForm } from "./discharge-form";
import type { EquipmentAction } from "./equipment-item-form";
import { EquipmentTracker } from "./equipment-tracker";
import { RehabPlanForm } from "./rehab-plan-form";

export interface RehabActions {
  savePlan: (previous: unknown, formData: FormData) => Promise<ActionResult<{ version: number }>>;
  addEquipment: EquipmentAction;
  updateEquipment: EquipmentAction;
  recordAssessment: EventAction;
  discharge: EventAction;
}

interface Props {
  detail: ReferralDetail;
  plan: RehabPlan | null;
  equipment: readonly EquipmentItem[];
  now: Date;
  nowLocal: string;
  /** Present when the user may plan and discharge (rehab:manage) and the referral is still open. */
  manage: RehabActions | null;
}



function Details({ rows }: { rows: [string, React.ReactNode][] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="font-semibold">{label}</dt>
          <dd className="mb-1 break-words sm:mb-0">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

const label = <K extends string>(labels: Record<K, string>, value: unknown): string | null => (typeof value === "string" && value in labels ? labels[value as K] : null);
const FRANKEL_NAMES = Object.fromEntries(FRANKEL_GRADES.map((g) => [g, `Frankel ${g}`])) as Record<FrankelGrade, string>;

/** Ambulatory status and Frankel grade at presentation against at discharge (pathway.md: the strongest predictor of outcome). */
function Outcomes({ presentation, frankelAtPresentation, discharged }: { presentation: AmbulatoryStatus | null; frankelAtPresentation: StandingEvent | undefined; discharged: StandingEvent | undefined }) {
  const notYet = discharged ? "Not recorded" : "Not discharged yet";
  return (
    <table className="w-full border-collapse text-left">
      <caption className="mb-1 text-left font-semibold">At presentation → at discharge</caption>
      <thead>
        <tr className="bg-gray-100">
          <th scope="col" className="p-2" />
          <th scope="col" className="p-2">At presentation</th>
          <th scope="col" className="p-2">At discharge</th>
        </tr>
      </thead>
      <tbody>
        <tr className="border-t border-gray-200">
          <th scope="row" className="p-2">Ambulatory status</th>
          <td className="p-2">{label(AMBULATORY_STATUS_LABELS, presentation) ?? "Not recorded"}</td>
          <td className="p-2">{label(AMBULATORY_STATUS_LABELS, discharged?.data.ambulatoryStatus) ?? notYet}</td>
        </tr>
        <tr className="border-t border-gray-200">
          <th scope="row" className="p-2">Frankel grade</th>
          <td className="p-2">{label(FRANKEL_NAMES, frankelAtPresentation?.data.value) ?? "Not recorded"}</td>
          <td className="p-2">{label(FRANKEL_NAMES, discharged?.data.frankelGrade) ?? notYet}</td>
        </tr>
      </tbody>
    </table>
  );
}

/**
 * Rehabilitation and discharge on the referral page (issue 6): the plan and its checklist, the physiotherapy and
 * occupational therapy assessments, the equipment tracker, and the discharge with what still blocks it. Shown
 * once the referral is past triage; editable by the discharge team and the coordinator, read-only for others.
 */
export function RehabSection({ detail, plan, equipment, now, nowLocal, manage }: Props) {
  const { referral } = detail;
  const step = pathwayStepNumber(referral.status);
  if ((step === null || step < 3) && plan === null && equipment.length === 0) return null;

  const events = standingEvents(detail.events);
  const discharged = events.find((e) => e.type === "discharged");
  const assessments = events.filter((e) => e.type === "physiotherapy_assessed" || e.type === "occupational_therapy_assessed");
  const frankelAtPresentation = events.find((e) => e.type === "score_recorded" && e.data.scale === "frankel");
  const checklist = plan?.checklist ?? {};
  const destination: Destination | null = plan?.destination ?? null;
  const blockers = checkDischarge({ checklist, equipment, reasons: {}, destination });
  const assessmentClocks = detail.clocks.filter((c) => c.id === "physiotherapy_assessment" || c.id === "occupational_therapy_assessment");
  const common = { referralId: referral.id, version: referral.version, nowLocal };

  const planRows: [string, React.ReactNode][] = [
    ["Key worker", plan?.keyWorkerName ? `${plan.keyWorkerName}${plan.keyWorkerContact ? ` (${plan.keyWorkerContact})` : ""}` : "Not named yet"],
    ["Goals", plan?.goals ?? "None recorded"],
    ["Medically fit", plan?.medicallyFitAt ? `Yes, since ${formatDateTime(plan.medicallyFitAt)}` : "Not yet"],
    ["Destination", destination ? DESTINATION_NAMES[destination] : "Not decided yet"],
    ["Expected discharge", plan?.expectedDischargeOn ? formatCalendarDate(plan.expectedDischargeOn) : "No date yet"],
  ];

  return (
    <section aria-labelledby="rehab-heading" className="mt-8">
      <h2 id="rehab-heading" className="mb-2 text-xl font-bold">
        Rehabilitation and discharge
      </h2>
      {!plan ? <p className="mb-3">No rehabilitation plan yet: planning starts on admission, led by a key worker (QS56 statement 7).</p> : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <RecordPanel level={3}
          id="rehab-plan"
          title="Rehabilitation plan"
          formLabel={plan ? "Edit the plan" : "Start the plan"}
          form={manage ? <RehabPlanForm action={manage.savePlan} referralId={referral.id} plan={plan} nowLocal={nowLocal} /> : null}
        >
          <Details rows={planRows} />
          <table className="w-full border-collapse text-left text-sm">
            <caption className="mb-1 text-left font-semibold">Checklist</caption>
            <thead className="sr-only">
              <tr>
                <th scope="col">Item</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {CHECKLIST_ITEMS.map((item: ChecklistItem) => {
                const entry = checklist[item];
                const state = entry?.state ?? "open";
                return (
                  <tr key={item} className="border-t border-gray-200 align-top">
                    <th scope="row" className="py-1 pr-2 font-normal">
                      {CHECKLIST_ITEM_LABELS[item]}
                      {entry?.note ? <span className="block text-gray-800">{entry.note}</span> : null}
                    </th>
                    <td className="py-1 font-semibold whitespace-nowrap">
                      <span aria-hidden>{state === "open" ? "○ " : "✓ "}</span>
                      {CHECKLIST_STATE_LABELS[state]}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </RecordPanel>

        <RecordPanel level={3}
          id="rehab-assessments"
          title="Physiotherapy and occupational therapy"
          formLabel="Record an assessment"
          form={manage ? <AssessmentForm action={manage.recordAssessment} {...common} /> : null}
        >
          <ul className="space-y-1">
            {assessmentClocks.map((clock) => (
              <li key={clock.id}>
                <span className="font-semibold">{clock.label}:</span>{" "}
                {clock.stopAt
                  ? `done ${formatDateTime(clock.stopAt)}`
                  : clock.dueAt
                    ? `not done yet; due ${formatDateTime(clock.dueAt)}`
                    : "its clock starts on admission or when MSCC is confirmed"}
              </li>
            ))}
          </ul>
          {assessments.length > 0 ? (
            <ol className="space-y-2">
              {assessments.map((e) => (
                <li key={e.id} className={entryClass}>
                  <p className="font-semibold">{e.type === "physiotherapy_assessed" ? "Physiotherapy assessment" : "Occupational therapy assessment"}</p>
                  {typeof e.data.note === "string" ? <p>{e.data.note}</p> : null}
                  <SignedBy event={e} />
                </li>
              ))}
            </ol>
          ) : null}
        </RecordPanel>

        <RecordPanel level={3}
          id="rehab-equipment"
          title="Equipment and adaptations"
          formLabel="Add equipment or an adaptation"
          form={manage ? <AddEquipmentForm action={manage.addEquipment} referralId={referral.id} /> : null}
          className="lg:col-span-2"
        >
          <EquipmentTracker items={equipment} today={londonDate(now)} now={now} update={manage?.updateEquipment ?? null} />
        </RecordPanel>

        <section aria-labelledby="rehab-discharge-heading" className={`${formCardClass} lg:col-span-2`}>
          <h3 id="rehab-discharge-heading" className="text-xl font-bold">
            Discharge
          </h3>
          <Outcomes presentation={referral.ambulatoryStatus} frankelAtPresentation={frankelAtPresentation} discharged={discharged} />
          {discharged ? (
            <div className={entryClass}>
              <p className="font-semibold">
                Discharged{label(DESTINATION_NAMES, discharged.data.destination) ? ` to ${label(DESTINATION_NAMES, discharged.data.destination)}` : ""}
              </p>
              {Object.entries((discharged.data.openItemReasons ?? {}) as Record<string, string>).map(([item, reason]) => (
                <p key={item}>
                  {label(CHECKLIST_ITEM_LABELS, item) ?? item}, left open: {reason}
                </p>
              ))}
              <SignedBy event={discharged} />
            </div>
          ) : referral.status !== "rehabilitation" ? (
            <p>The discharge is recorded once the patient is on the rehabilitation and discharge planning step.</p>
          ) : manage ? (
            <DischargeForm action={manage.discharge} {...common} checklist={checklist} equipment={equipment} plannedDestination={destination} />
          ) : (
            <>
              {blockers.ok ? (
                <p>
                  <span aria-hidden>✓ </span>Nothing blocks the discharge.
                </p>
              ) : (
                <>
                  <p className="font-semibold">
                    <span aria-hidden>✕ </span>Discharge is blocked:
                  </p>
                  <ul className="list-disc pl-5">
                    {blockers.blockers.map((b) => (
                      <li key={b.field}>{b.message}</li>
                    ))}
                  </ul>
                </>
              )}
              <p>The discharge team records the discharge.</p>
            </>
          )}
        </section>
      </div>
    </section>
  );
}
