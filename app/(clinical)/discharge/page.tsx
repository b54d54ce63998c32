import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { loadDischargeBoard } from "@/db/queries/discharge-board";
import { DischargeBoardView } from "@/components/discharge-board/board-view";
import { InvalidListLink } from "@/components/table/invalid-link";
import { requirePageAccess } from "@/lib/auth/guards";
import { dischargeBoardQuery, dischargeBoardSearchParams } from "@/lib/validation/discharge-board";
import { searchParamsRecord } from "@/lib/validation/worklist";

export const metadata: Metadata = { title: "Discharge board" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The discharge team's board: everyone on the rehabilitation step, who is medically fit and what still blocks each
 * discharge. The first page of rows is rendered here; from then on the browser keeps it current. The address holds
 * the whole view, checked by the same schema as the API. Prints on A4 landscape in black and white.
 */
export default async function DischargePage({ searchParams }: { searchParams: SearchParams }) {
  const raw = searchParamsRecord(await searchParams);
  const returnTo = `/discharge${Object.keys(raw).length ? `?${new URLSearchParams(raw as Record<string, string>).toString()}` : ""}`;
  await requirePageAccess("/discharge", { returnTo });
  const parsed = dischargeBoardQuery.safeParse(raw);
  const heading = (
    <>
      <h1 className="mb-1 text-2xl font-bold">Discharge board</h1>
      <p className="no-print mb-3 text-gray-800">
        Everyone on the rehabilitation and discharge step: who is medically fit, what still blocks each discharge, and what is due this week.{" "}
        <Link href="/patient-sheet" className="font-semibold text-nhs-blue underline">
          Blank patient information sheet
        </Link>
      </p>
    </>
  );
  if (!parsed.success) {
    return (
      <>
        {heading}
        <InvalidListLink what="board" issues={parsed.error.issues} resetHref="/discharge" resetLabel="Open the board without filters" />
      </>
    );
  }
  const initial = await loadDischargeBoard(parsed.data, new Date());
  return (
    <div className="a4-landscape">
      {heading}
      <Suspense>
        <DischargeBoardView initial={initial} initialQueryString={dischargeBoardSearchParams(parsed.data).toString()} />
      </Suspense>
    </div>
  );
}
