import Link from "next/link";
import type { WorklistItemJson } from "@/lib/api/schemas";
import { formatDateTime } from "@/lib/domain/time-format";
import { REFERRAL_CATEGORY_LABELS, REFERRAL_STATUS_LABELS } from "@/lib/domain/vocabulary";
import { WORKLIST_CLOCK_STATE_LABELS, type WorklistClockState } from "@/lib/domain/worklist";
import {
  awaitingAcknowledgementText,
  clockStateOf,
  dexamethasoneState,
  dexamethasoneText,
  immobilisationText,
  missingDataText,
  nextClockText,
  otherClocksText,
  patientName,
  patientNhsNumber,
  receivedAgoText,
} from "@/lib/worklist/present";
import { CLOCK_STATUS_STYLE } from "@/components/referrals/clock-status";
import { CategoryBadge } from "@/components/referrals/category-badge";

/** The cells of one worklist row, shared by the table and the phone cards. `now` is the browser's ticking clock. */

const CLOCK_STATE_STYLE: Record<WorklistClockState, { icon: string; className: string }> = {
  breached: { icon: CLOCK_STATUS_STYLE.breached.icon, className: CLOCK_STATUS_STYLE.breached.className },
  at_risk: { icon: CLOCK_STATUS_STYLE.at_risk.icon, className: CLOCK_STATUS_STYLE.at_risk.className },
  running: { icon: CLOCK_STATUS_STYLE.running.icon, className: CLOCK_STATUS_STYLE.running.className },
  none: { icon: "–", className: "border-gray-400 bg-white text-gray-800" },
};

export function ClockStateBadge({ state }: { state: WorklistClockState }) {
  const style = CLOCK_STATE_STYLE[state];
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded border px-2 py-0.5 text-sm font-semibold ${style.className}`}>
      <span aria-hidden>{style.icon}</span>
      {WORKLIST_CLOCK_STATE_LABELS[state]}
    </span>
  );
}

export function PatientCell({ item }: { item: Pick<WorklistItemJson, "id" | "patient"> }) {
  return (
    <div>
      <Link href={`/referrals/${item.id}`} className="font-semibold text-nhs-blue underline hover:no-underline" data-testid="patient-link">
        {patientName(item)}
      </Link>
      <span className="block whitespace-nowrap font-mono text-sm" aria-label={item.patient.kind === "ward" ? `NHS number ending ${item.patient.nhsLast4}` : undefined}>
        {item.patient.kind === "ward" ? `NHS …${item.patient.nhsLast4}` : patientNhsNumber(item)}
      </span>
      {item.patient.kind === "full" && item.patient.age !== null ? <span className="block text-sm text-gray-700">{item.patient.age} years</span> : null}
    </div>
  );
}

export function CategoryCell({ item }: { item: WorklistItemJson }) {
  return <CategoryBadge category={item.category} label={REFERRAL_CATEGORY_LABELS[item.category]} />;
}

export function StatusCell({ item, now }: { item: WorklistItemJson; now: number }) {
  const awaiting = awaitingAcknowledgementText(item, now);
  return (
    <div>
      <span>{REFERRAL_STATUS_LABELS[item.status]}</span>
      {awaiting ? (
        <span className="mt-1 flex items-center gap-1 text-sm font-semibold text-red-900">
          <span aria-hidden>!</span>
          {awaiting}
        </span>
      ) : null}
    </div>
  );
}

export function ReceivedCell({ item, now }: { item: WorklistItemJson; now: number }) {
  return (
    <div className="whitespace-nowrap">
      <time dateTime={item.receivedAt}>{formatDateTime(new Date(item.receivedAt))}</time>
      <span className="block text-sm text-gray-700">{receivedAgoText(item, now)}</span>
    </div>
  );
}

export function NextClockCell({ item, now }: { item: WorklistItemJson; now: number }) {
  const state = clockStateOf(item, now);
  const others = otherClocksText(item, now);
  return (
    <div data-testid="next-clock" data-state={state}>
      <ClockStateBadge state={state} />
      <span className="mt-1 block font-semibold">{item.openClocks.length > 0 ? nextClockText(item, now) : null}</span>
      {others ? <span className="block text-sm text-gray-800">{others}</span> : null}
    </div>
  );
}

const DEXAMETHASONE_STYLE = {
  given: { icon: "✓", className: "text-green-900" },
  contraindicated: { icon: "⚠", className: "text-amber-950 font-semibold" },
  caution: { icon: "⚠", className: "text-amber-950 font-semibold" },
  not_given: { icon: "○", className: "text-gray-800" },
} as const;

export function DexamethasoneCell({ item }: { item: WorklistItemJson }) {
  const style = DEXAMETHASONE_STYLE[dexamethasoneState(item)];
  return (
    <span className={`flex gap-1 text-sm ${style.className}`}>
      <span aria-hidden>{style.icon}</span>
      <span>{dexamethasoneText(item)}</span>
    </span>
  );
}

export function ImmobilisationCell({ item }: { item: WorklistItemJson }) {
  return <span className="text-sm">{immobilisationText(item)}</span>;
}

export function RegistrarCell({ item }: { item: WorklistItemJson }) {
  return item.registrar ? <span>{item.registrar.name}</span> : <span className="text-gray-700">Not assigned</span>;
}

export function MissingDataCell({ item }: { item: WorklistItemJson }) {
  const text = missingDataText(item);
  return text ? (
    <span className="inline-flex items-center gap-1 rounded border border-amber-700 bg-amber-50 px-2 py-0.5 text-sm font-semibold text-amber-950" title={text}>
      <span aria-hidden>⚠</span>
      {item.missingData} missing
      <span className="sr-only"> items of the minimum data set</span>
    </span>
  ) : (
    <span className="text-sm text-gray-800">
      <span aria-hidden>✓ </span>Complete
    </span>
  );
}

export function UpdatedCell({ item }: { item: Pick<WorklistItemJson, "updatedAt" | "updatedByName"> }) {
  return (
    <div className="whitespace-nowrap text-sm">
      <time dateTime={item.updatedAt}>{formatDateTime(new Date(item.updatedAt))}</time>
      {item.updatedByName ? <span className="block text-gray-700">{item.updatedByName}</span> : null}
    </div>
  );
}
