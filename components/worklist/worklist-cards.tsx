import Link from "next/link";
import type { WorklistItemJson } from "@/lib/api/schemas";
import { REFERRAL_CATEGORY_LABELS } from "@/lib/domain/vocabulary";
import { CategoryBadge } from "@/components/referrals/category-badge";
import { patientName, patientNhsNumber } from "@/lib/worklist/present";
import { DexamethasoneCell, ImmobilisationCell, MissingDataCell, NextClockCell, ReceivedCell, RegistrarCell, StatusCell } from "./worklist-cells";

/** The worklist on a phone (below the md breakpoint): the same rows, same order, one card each. */
export function WorklistCards({ rows, now, arrived }: { rows: readonly WorklistItemJson[]; now: number; arrived: ReadonlySet<string> }) {
  return (
    <ol className="space-y-3 md:hidden" aria-label="Worklist" data-testid="worklist-cards">
      {rows.map((item) => (
        <li key={item.id} data-referral-id={item.id} className={`rounded border-l-8 bg-white p-3 shadow ${arrived.has(item.id) ? "border-nhs-blue" : "border-gray-300"}`}>
          <div className="flex flex-wrap items-start justify-between gap-2">
            <Link href={`/referrals/${item.id}`} className="text-lg font-semibold text-nhs-blue underline">
              {patientName(item)}
            </Link>
            <CategoryBadge category={item.category} label={REFERRAL_CATEGORY_LABELS[item.category]} />
          </div>
          <p className="font-mono text-sm">{item.patient.kind === "full" ? `NHS ${patientNhsNumber(item)}${item.patient.age !== null ? ` · ${item.patient.age} years` : ""}` : `NHS …${item.patient.nhsLast4}`}</p>
          <div className="mt-2">
            <NextClockCell item={item} now={now} />
          </div>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="font-semibold">Status</dt>
            <dd>
              <StatusCell item={item} now={now} />
            </dd>
            <dt className="font-semibold">Received</dt>
            <dd>
              <ReceivedCell item={item} now={now} />
            </dd>
            <dt className="font-semibold">Steroids</dt>
            <dd>
              <DexamethasoneCell item={item} />
            </dd>
            <dt className="font-semibold">Spine</dt>
            <dd>
              <ImmobilisationCell item={item} />
            </dd>
            <dt className="font-semibold">Registrar</dt>
            <dd>
              <RegistrarCell item={item} />
            </dd>
            <dt className="font-semibold">Data</dt>
            <dd>
              <MissingDataCell item={item} />
            </dd>
          </dl>
        </li>
      ))}
    </ol>
  );
}
