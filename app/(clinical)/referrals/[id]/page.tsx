import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getReferralDetail, listActiveRegistrars } from "@/db/queries/referrals";
import { findReceiptReference } from "@/db/queries/receipts";
import { findOnCall } from "@/db/queries/rota";
import { getRehabPlan, listEquipmentItems } from "@/db/queries/rehabilitation";
import { RehabSection } from "@/components/rehab/rehab-section";
import { ReceiptPanel } from "@/components/receipt/receipt-panel";
import { EscalationPanel } from "@/components/escalation/escalation-panel";
import { BreachReasonForm } from "@/components/referrals/breach-reason-form";
import { PrintLinks } from "@/components/print/print-links";
import { ClinicalRecord } from "@/components/referrals/clinical-record";
import { ClockTable } from "@/components/referrals/clock-table";
import { CorrectEventForm } from "@/components/referrals/correct-event-form";
import { describeEvent } from "@/components/referrals/event-labels";
import { correctionsByEvent, EventTimeline, isWithdrawn } from "@/components/referrals/event-timeline";
import { formCardClass } from "@/components/referrals/referral-form";
import { RecordEventForm } from "@/components/referrals/record-event-form";
import { ReferralSummary } from "@/components/referrals/referral-summary";
import { TriageForm } from "@/components/referrals/triage-form";
import { requirePageAccess } from "@/lib/auth/guards";
import { auditReferralView } from "@/lib/server/referral-view";
import { can } from "@/lib/auth/permissions";
import { buildTimeline } from "@/lib/domain/clocks";
import { checkAcknowledger, pendingEscalation } from "@/lib/domain/escalation";
import { allowedNextStatuses } from "@/lib/domain/referral-status";
import { formatDateTime, formatDuration, toLondonLocalInput } from "@/lib/domain/time-format";
import { isReferralActive, suggestReferralCategory } from "@/lib/domain/vocabulary";
import { env } from "@/lib/env";
import {
  addEquipmentAction,
  dischargeAction,
  issueReceiptAction,
  recordAssessmentAction,
  recordEventAction,
  saveRehabPlanAction,
  triageAction,
  updateEquipmentAction,
} from "./actions";

// No patient name in the title: it would stay in the browser's history.
export const metadata: Metadata = { title: "Referral" };

export default async function ReferralPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageAccess("/referrals/[id]", { returnTo: `/referrals/${encodeURIComponent(id)}` });
  const now = new Date();
  const [detail, registrars, onCall, receiptReference, rehabPlan, equipment] = await Promise.all([
    getReferralDetail({ id, now }),
    listActiveRegistrars(),
    findOnCall({ line: "first", at: now }),
    findReceiptReference({ referralId: id }),
    getRehabPlan({ referralId: id }),
    listEquipmentItems({ referralId: id }),
  ]);
  if (!detail) notFound();
  await auditReferralView({ actorId: user.id, referralId: detail.referral.id, patientId: detail.patient.id, via: "/referrals/[id]" });

  const { referral } = detail;
  const canTriage = can(user.role, "referral:triage") && isReferralActive(referral.status);
  const canRecord = can(user.role, "referral:record_event");
  const nowLocal = toLondonLocalInput(now);
  const names = new Map([...detail.userNames, ...registrars.map((r) => [r.id, r.name] as const)]);
  if (referral.assignedRegistrarId && detail.registrarName) names.set(referral.assignedRegistrarId, detail.registrarName);
  const userName = (userId: string) => names.get(userId) ?? null;
  const corrections = correctionsByEvent(detail.events);
  const correctable = detail.events
    .filter((e) => e.type !== "received" && e.type !== "correction" && !isWithdrawn(corrections.get(e.id)))
    .map((e) => ({ id: e.id, label: `${formatDateTime(e.occurredAt)}: ${describeEvent(e, { userName })}` }));
  const needReason = detail.clocks.filter((c) => c.reasonRequired);
  const common = { action: recordEventAction, referralId: referral.id, version: referral.version };
  const escalation = pendingEscalation({ category: referral.category, timeline: buildTimeline(detail.events), settingsHistory: detail.settingsHistory });
  const canAcknowledge = can(user.role, "referral:acknowledge") && checkAcknowledger(escalation, user, (uid) => userName(uid) ?? "").ok;

  return (
    <article>
      <ReferralSummary detail={detail} now={now} />
      <div className="mt-3">
        <PrintLinks referralId={referral.id} />
        <p className="no-print mt-2">
          {/* A file download from the API, not a page: a plain link, so the browser saves it. */}
          <a href={`/api/v1/referrals/${encodeURIComponent(referral.id)}/fhir`} download className="font-semibold text-nhs-blue underline">
            Download FHIR (JSON)
          </a>
        </p>
      </div>

      {escalation ? (
        <div className="mt-6">
          <EscalationPanel pending={escalation} now={now} userName={userName} canAcknowledge={canAcknowledge} {...common} />
        </div>
      ) : null}

      <section aria-labelledby="clocks-heading" className="mt-8">
        <h2 id="clocks-heading" className="mb-2 text-xl font-bold">
          Clocks
        </h2>
        <ClockTable clocks={detail.clocks} now={now} />
        {needReason.map((clock) => (
          <section key={clock.id} aria-labelledby={`reason-${clock.id}`} className="mt-4 rounded border-4 border-nhs-red bg-white p-4">
            <h3 id={`reason-${clock.id}`} className="text-lg font-bold text-red-900">
              <span aria-hidden>✕ </span>Reason needed: the {clock.label} clock was breached{clock.overrunMs !== null ? ` by ${formatDuration(clock.overrunMs)}` : ""}
            </h3>
            {canRecord ? (
              <div className="no-print mt-2">
                <BreachReasonForm {...common} clock={{ id: clock.id, label: clock.label }} />
              </div>
            ) : (
              <p className="mt-1">The coordinator or the registrar records the reason.</p>
            )}
          </section>
        ))}
      </section>

      <ClinicalRecord detail={detail} now={now} record={canRecord ? { ...common, nowLocal } : null} />

      <RehabSection
        detail={detail}
        plan={rehabPlan}
        equipment={equipment}
        now={now}
        nowLocal={nowLocal}
        manage={
          can(user.role, "rehab:manage") && isReferralActive(referral.status)
            ? { savePlan: saveRehabPlanAction, addEquipment: addEquipmentAction, updateEquipment: updateEquipmentAction, recordAssessment: recordAssessmentAction, discharge: dischargeAction }
            : null
        }
      />

      <div className="mt-8 grid gap-8 lg:grid-cols-5">
        <section aria-labelledby="timeline-heading" className="lg:col-span-3">
          <h2 id="timeline-heading" className="mb-2 text-xl font-bold">
            Timeline
          </h2>
          <p className="mb-3 text-sm text-gray-800">
            Oldest first, by the time it happened. Version {referral.version}, last changed {formatDateTime(referral.updatedAt)}
            {detail.updatedByName ? ` by ${detail.updatedByName}` : ""}.
          </p>
          <EventTimeline events={detail.events} userName={userName} />
        </section>

        <div className="space-y-6 lg:col-span-2">
          <ReceiptPanel
            referralId={referral.id}
            reference={receiptReference}
            status={referral.status}
            canIssue={can(user.role, "referral:triage")}
            origin={env().NEXTAUTH_URL ?? null}
            action={issueReceiptAction}
          />
          {canTriage ? (
            <section aria-labelledby="triage-heading" className={formCardClass}>
              <h2 id="triage-heading" className="text-xl font-bold">
                Triage
              </h2>
              {referral.status === "new" ? (
                <TriageForm
                  action={triageAction}
                  referralId={referral.id}
                  version={referral.version}
                  suggested={suggestReferralCategory(referral.neurology)}
                  registrars={registrars}
                  onCallName={onCall?.userName ?? null}
                  nowLocal={nowLocal}
                />
              ) : (
                <details>
                  <summary className="cursor-pointer font-semibold text-nhs-blue">Triage again: change the category or escalate</summary>
                  <div className="mt-3">
                    <TriageForm
                      action={triageAction}
                      referralId={referral.id}
                      version={referral.version}
                      suggested={referral.category}
                      registrars={registrars}
                      onCallName={onCall?.userName ?? null}
                      nowLocal={nowLocal}
                    />
                  </div>
                </details>
              )}
            </section>
          ) : null}
          {canRecord ? (
            <section aria-labelledby="record-heading" className={formCardClass}>
              <h2 id="record-heading" className="text-xl font-bold">
                Record an event
              </h2>
              <RecordEventForm {...common} nextStatuses={allowedNextStatuses(referral.status).filter((s) => s !== "discharged")} nowLocal={nowLocal} />
            </section>
          ) : null}
          {canRecord && correctable.length > 0 ? (
            <section aria-labelledby="correct-heading" className={formCardClass}>
              <h2 id="correct-heading" className="text-xl font-bold">
                Correct an event
              </h2>
              <CorrectEventForm {...common} events={correctable} />
            </section>
          ) : null}
        </div>
      </div>
    </article>
  );
}
