import type { Clock } from "@/lib/domain/clocks";
import { BREACH_REASON_LABELS } from "@/lib/domain/clocks";
import { formatDateTime } from "@/lib/domain/time-format";
import { ClockStatusCells } from "./clock-status";

const when = (instant: Date | null) => (instant ? <time dateTime={instant.toISOString()}>{formatDateTime(instant)}</time> : <span className="text-gray-700">–</span>);

/** Every pathway clock of the referral: one row each, with its times and a live countdown. */
export function ClockTable({ clocks, now }: { clocks: Clock[]; now: Date }) {
  return (
    // Focusable, so a keyboard can scroll it sideways on a narrow screen.
    <div className="overflow-x-auto rounded bg-white shadow" tabIndex={0} role="region" aria-label="Clocks (scrolls sideways on a narrow screen)">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">Pathway clocks: status, time left or overrun, and their times (London)</caption>
        <thead className="bg-gray-100">
          <tr>
            <th scope="col" className="p-3">Clock</th>
            <th scope="col" className="p-3">Status</th>
            <th scope="col" className="hidden p-3 sm:table-cell">Time left</th>
            <th scope="col" className="p-3">Started</th>
            <th scope="col" className="p-3">Due</th>
            <th scope="col" className="p-3">At risk from</th>
            <th scope="col" className="p-3">Stopped</th>
          </tr>
        </thead>
        <tbody>
          {clocks.map((clock) => (
            <tr key={clock.id} className="border-t border-gray-200 align-top" data-clock={clock.id}>
              <th scope="row" className="p-3 font-semibold">
                {clock.label}
              </th>
              <ClockStatusCells
                serverNow={now.getTime()}
                clock={{
                  status: clock.status,
                  dueAt: clock.dueAt?.getTime() ?? null,
                  atRiskAt: clock.atRiskAt?.getTime() ?? null,
                  stopAt: clock.stopAt?.getTime() ?? null,
                }}
                reason={
                  clock.reasonRequired ? (
                    <span className="mt-1 block font-bold text-nhs-red">Reason needed</span>
                  ) : clock.breachReason ? (
                    <span className="mt-1 block">
                      Reason:{" "}
                      {clock.breachReason.reason === "other"
                        ? `Other: ${clock.breachReason.text ?? ""}`
                        : `${BREACH_REASON_LABELS[clock.breachReason.reason]}${clock.breachReason.text ? ` (${clock.breachReason.text})` : ""}`}
                    </span>
                  ) : null
                }
              />
              <td className="p-3 whitespace-nowrap">{when(clock.startAt)}</td>
              <td className="p-3 whitespace-nowrap">{when(clock.dueAt)}</td>
              <td className="p-3 whitespace-nowrap">{when(clock.atRiskAt)}</td>
              <td className="p-3 whitespace-nowrap">{when(clock.stopAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
