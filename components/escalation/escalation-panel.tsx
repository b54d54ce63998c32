import type { EventAction } from "@/components/referrals/referral-form";
import type { PendingEscalation } from "@/lib/domain/escalation";
import { formatDateTime, formatDuration } from "@/lib/domain/time-format";
import { AcknowledgeForm } from "./acknowledge-form";

interface Props {
  pending: PendingEscalation;
  now: Date;
  userName: (id: string) => string | null;
  /** Whether the signed-in clinician may acknowledge it (checkAcknowledger). */
  canAcknowledge: boolean;
  action: EventAction;
  referralId: string;
  version: number;
}

/** The escalation waiting on this referral: with whom, since when, its deadline or that it has gone to the second line. */
export function EscalationPanel({ pending, now, userName, canAcknowledge, action, referralId, version }: Props) {
  const overdue = pending.level === 2 || pending.acknowledgementDueAt.getTime() <= now.getTime();
  const holder = pending.toUserId ? (userName(pending.toUserId) ?? "a clinician") : null;
  return (
    <section aria-labelledby="escalation-heading" className={`rounded border-4 p-4 ${overdue ? "border-nhs-red bg-red-50" : "border-nhs-warm-yellow bg-yellow-50"}`}>
      <h2 id="escalation-heading" className={`text-lg font-bold ${overdue ? "text-red-900" : ""}`}>
        <span aria-hidden>{overdue ? "✕ " : "⏱ "}</span>
        {pending.level === 2 ? "Escalation not acknowledged in time" : "Escalation waiting for acknowledgement"}
      </h2>
      <ul className="mt-2 space-y-1">
        <li>
          Escalated {formatDateTime(pending.escalatedAt)}
          {pending.firstLineUserId ? ` to ${userName(pending.firstLineUserId) ?? "the on-call registrar"}` : ""}.
        </li>
        <li>
          {pending.acknowledgementDueAt.getTime() > now.getTime()
            ? `Acknowledge by ${formatDateTime(pending.acknowledgementDueAt)} (in ${formatDuration(pending.acknowledgementDueAt.getTime() - now.getTime())}).`
            : `The deadline was ${formatDateTime(pending.acknowledgementDueAt)} (${formatDuration(now.getTime() - pending.acknowledgementDueAt.getTime())} ago).`}
        </li>
        {pending.level === 2 ? (
          <li className="font-semibold text-red-900">
            {holder
              ? `Sent to the second line, ${holder}, at ${formatDateTime(pending.secondLineAt ?? now)}.`
              : "Nobody was on the second line of the rota: any registrar or coordinator may take it."}
          </li>
        ) : null}
      </ul>
      {canAcknowledge ? (
        <div className="no-print mt-3">
          <AcknowledgeForm action={action} referralId={referralId} version={version} />
        </div>
      ) : null}
    </section>
  );
}
