import type { Metadata } from "next";
import Link from "next/link";
import { queryWholeWorklist } from "@/db/queries/worklist";
import { PrintButton } from "@/components/ui/print-button";
import { worklistItemToJson } from "@/lib/api/worklist";
import { requirePageAccess } from "@/lib/auth/guards";
import { CLOCK_LABELS } from "@/lib/domain/clocks";
import { formatDateTime, formatDuration } from "@/lib/domain/time-format";
import { REFERRAL_CATEGORY_LABELS, REFERRAL_STATUS_LABELS } from "@/lib/domain/vocabulary";
import { openClockState, WORKLIST_CLOCK_STATE_LABELS } from "@/lib/domain/worklist";
import { worklistQuery } from "@/lib/validation/worklist";
import {
  awaitingAcknowledgementText,
  dexamethasoneText,
  immobilisationText,
  missingDataText,
  patientName,
  patientNhsNumber,
} from "@/lib/worklist/present";

export const metadata: Metadata = { title: "Handover sheet" };

const STATE_ICON = { breached: "✕", at_risk: "▲", running: "●" } as const;

/**
 * The handover sheet: every active referral, most urgent first, with each running clock, on A4 landscape in
 * black and white (states in words and symbols, never colour). Also the downtime copy: print it at each handover.
 */
export default async function HandoverPage() {
  const user = await requirePageAccess("/worklist/handover");
  const now = new Date();
  const rows = await queryWholeWorklist(worklistQuery.parse({ view: "all" }), { userId: user.id, role: user.role, view: "all" }, now);
  const items = rows.map((row) => worklistItemToJson(row, { now, ward: false }));
  const t = now.getTime();
  return (
    <div className="a4-landscape text-black">
      <div className="no-print mb-4 flex flex-wrap items-center gap-3">
        <PrintButton label="Print the handover sheet" />
        <Link href="/worklist" className="font-semibold text-nhs-blue underline">
          Back to the worklist
        </Link>
        <p className="text-sm">Prints on A4 landscape in black and white. Clock times are as at the time printed.</p>
      </div>
      <h1 className="text-xl font-bold">MSCC handover: {items.length} active {items.length === 1 ? "referral" : "referrals"}</h1>
      <p className="mb-2 text-sm">
        Printed {formatDateTime(now)} (UK time) by {user.name}. Most urgent first. ✕ breached, ▲ at risk, ● running. Confidential: patient information.
      </p>
      {items.length === 0 ? (
        <p>There are no active referrals.</p>
      ) : (
        <table className="print-table w-full border-collapse text-left text-xs">
          <thead>
            <tr>
              {["Patient", "Category and status", "Received", "Clocks running", "Dexamethasone", "Immobilisation", "Registrar", "Notes"].map((h) => (
                <th key={h} scope="col" className="border border-black p-1 align-bottom">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items.map((item) => {
              const awaiting = awaitingAcknowledgementText(item, t);
              const missing = missingDataText(item);
              return (
                <tr key={item.id} className="break-inside-avoid align-top">
                  <td className="border border-black p-1">
                    <strong>{patientName(item)}</strong>
                    <br />
                    NHS {patientNhsNumber(item)}
                    {item.patient.kind === "full" && item.patient.age !== null ? `, ${item.patient.age} y` : ""}
                    {item.patient.kind === "full" && item.patient.hospitalNumber ? (
                      <>
                        <br />
                        Hosp. {item.patient.hospitalNumber}
                      </>
                    ) : null}
                  </td>
                  <td className="border border-black p-1">
                    {REFERRAL_CATEGORY_LABELS[item.category]}
                    <br />
                    {REFERRAL_STATUS_LABELS[item.status]}
                  </td>
                  <td className="border border-black p-1 whitespace-nowrap">{formatDateTime(new Date(item.receivedAt))}</td>
                  <td className="border border-black p-1">
                    {item.openClocks.length === 0 ? (
                      "None"
                    ) : (
                      <ul>
                        {item.openClocks.map((c) => {
                          const state = openClockState(c, t);
                          return (
                            <li key={c.id}>
                              <span aria-hidden>{STATE_ICON[state]} </span>
                              {CLOCK_LABELS[c.id]}: {WORKLIST_CLOCK_STATE_LABELS[state].toLowerCase()},{" "}
                              {state === "breached" ? `by ${formatDuration(t - c.dueAt)}` : `due in ${formatDuration(c.dueAt - t)}`} (due {formatDateTime(new Date(c.dueAt))})
                            </li>
                          );
                        })}
                      </ul>
                    )}
                  </td>
                  <td className="border border-black p-1">{dexamethasoneText(item)}</td>
                  <td className="border border-black p-1">{immobilisationText(item)}</td>
                  <td className="border border-black p-1">{item.registrar?.name ?? "Not assigned"}</td>
                  <td className="border border-black p-1">
                    {[awaiting, missing].filter(Boolean).join(". ") || ""}
                    <div className="mt-4 border-t border-dotted border-black" aria-hidden />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
