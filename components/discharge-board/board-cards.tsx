import Link from "next/link";
import type { DischargeBoardItemJson } from "@/lib/api/schemas";
import { patientName, patientNhsNumber } from "@/lib/worklist/present";
import { BlockedByCell, BoardStateCell, DestinationCell, DueCell, KeyWorkerCell, TherapyCell } from "./board-cells";

/** The board on a phone (below the md breakpoint): the same rows, same order, one card each. */
export function BoardCards({ rows, now, arrived }: { rows: readonly DischargeBoardItemJson[]; now: number; arrived: ReadonlySet<string> }) {
  return (
    <ol className="no-print space-y-3 md:hidden" aria-label="Discharge board" data-testid="board-cards">
      {rows.map((item) => (
        <li key={item.id} data-referral-id={item.id} className={`rounded border-l-8 bg-white p-3 shadow ${arrived.has(item.id) ? "border-nhs-blue" : "border-gray-300"}`}>
          <Link href={`/referrals/${item.id}`} className="text-lg font-semibold text-nhs-blue underline">
            {patientName(item)}
          </Link>
          <p className="font-mono text-sm">{item.patient.kind === "full" ? `NHS ${patientNhsNumber(item)}${item.patient.age !== null ? ` · ${item.patient.age} years` : ""}` : `NHS …${item.patient.nhsLast4}`}</p>
          <div className="mt-2">
            <BoardStateCell item={item} />
          </div>
          <div className="mt-2">
            <BlockedByCell item={item} now={now} />
          </div>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="font-semibold">This week</dt>
            <dd>
              <DueCell item={item} />
            </dd>
            <dt className="font-semibold">Going to</dt>
            <dd>
              <DestinationCell item={item} />
            </dd>
            <dt className="font-semibold">Key worker</dt>
            <dd>
              <KeyWorkerCell item={item} />
            </dd>
            <dt className="font-semibold">Therapy</dt>
            <dd>
              <TherapyCell item={item} now={now} />
            </dd>
          </dl>
        </li>
      ))}
    </ol>
  );
}
