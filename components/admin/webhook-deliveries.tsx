import Link from "next/link";
import type { WebhookDeliveryRow } from "@/db/queries/webhooks";
import type { WebhookDeliveryStatus } from "@/db/schema";
import { formatDateTime } from "@/lib/domain/time-format";

function statusView(delivery: WebhookDeliveryRow): { icon: string; text: string; border: string; colour: string } {
  const status: WebhookDeliveryStatus = delivery.status;
  switch (status) {
    case "delivered":
      return { icon: "✓", text: "Delivered", border: "border-nhs-green", colour: "text-nhs-green" };
    case "pending":
      return delivery.attempts === 0
        ? { icon: "◷", text: "Waiting to be sent", border: "border-nhs-blue", colour: "text-nhs-blue" }
        : { icon: "↻", text: "Retrying", border: "border-nhs-warm-yellow", colour: "text-gray-950" };
    case "failed":
      return { icon: "✕", text: "Failed: given up", border: "border-nhs-red", colour: "text-red-900" };
    default: {
      const unhandled: never = status;
      return unhandled;
    }
  }
}

const levelLabel = (level: unknown) => (level === 2 ? "Level 2: second line" : "Level 1: on-call registrar");

/** The newest escalation calls, each opening onto every attempt made at it and what came back. */
export function WebhookDeliveries({ deliveries }: { deliveries: WebhookDeliveryRow[] }) {
  if (deliveries.length === 0) return <p>No escalation has been sent to the webhook yet.</p>;
  return (
    <ol className="space-y-3">
      {deliveries.map((d) => {
        const status = statusView(d);
        return (
          <li key={d.id} className={`rounded border-l-4 bg-white p-4 shadow ${status.border}`}>
            <details>
              <summary className="cursor-pointer">
                <span className={`font-semibold ${status.colour}`}>
                  <span aria-hidden>{status.icon} </span>
                  {status.text}
                </span>
                <span className="text-gray-900">
                  {" "}
                  · {levelLabel(d.payload.level)} · queued {formatDateTime(d.createdAt)} · {d.attempts} {d.attempts === 1 ? "attempt" : "attempts"}
                </span>
              </summary>
              <dl className="mt-3 grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
                <dt className="font-semibold">Referral</dt>
                <dd>
                  <Link href={`/referrals/${d.referralId}`} className="text-nhs-blue underline">
                    Open the referral
                  </Link>
                </dd>
                <dt className="font-semibold">Delivery id</dt>
                <dd className="break-all font-mono text-sm">{d.id}</dd>
                {d.deliveredAt ? (
                  <>
                    <dt className="font-semibold">Delivered</dt>
                    <dd>{formatDateTime(d.deliveredAt)}</dd>
                  </>
                ) : null}
                {d.status === "pending" ? (
                  <>
                    <dt className="font-semibold">Next attempt</dt>
                    <dd>{formatDateTime(d.nextAttemptAt)}</dd>
                  </>
                ) : null}
                {d.lastError ? (
                  <>
                    <dt className="font-semibold">Last error</dt>
                    <dd className="break-words">{d.lastError}</dd>
                  </>
                ) : null}
              </dl>
              {d.attemptLog.length > 0 ? (
                <div className="mt-3 overflow-x-auto">
                  <table className="w-full text-left text-sm">
                    <caption className="sr-only">Attempts at this call</caption>
                    <thead>
                      <tr className="border-b border-gray-300">
                        <th scope="col" className="p-2">
                          Attempted
                        </th>
                        <th scope="col" className="p-2">
                          HTTP status
                        </th>
                        <th scope="col" className="p-2">
                          Error
                        </th>
                        <th scope="col" className="p-2">
                          Took
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.attemptLog.map((a) => (
                        <tr key={a.id} className="border-b border-gray-200 align-top">
                          <td className="whitespace-nowrap p-2">{formatDateTime(a.attemptedAt)}</td>
                          <td className="p-2">{a.statusCode ?? "None"}</td>
                          <td className="break-words p-2">{a.error ?? "None"}</td>
                          <td className="whitespace-nowrap p-2">{a.durationMs} ms</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : (
                <p className="mt-3">Not attempted yet.</p>
              )}
            </details>
          </li>
        );
      })}
    </ol>
  );
}
