"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { usePathname, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { LiveListError } from "@/components/live/live-list-error";
import { useQueryInAddress } from "@/components/table/use-query-in-address";
import { useServerTable } from "@/components/table/use-server-table";
import { WardModeToggle } from "@/components/table/ward-mode-toggle";
import { LiveStatus } from "@/components/live/live-status";
import { NowContext, withNow } from "@/components/live/now-context";
import { useLiveList } from "@/components/live/use-live-list";
import { ServerTable, serverTableFeatures as features, TablePager } from "@/components/table/server-table";
import { PrintButton } from "@/components/ui/print-button";
import { PatientCell, UpdatedCell } from "@/components/worklist/worklist-cells";
import type { DischargeBoardItemJson, DischargeBoardJson } from "@/lib/api/schemas";
import { nextLondonMidnight } from "@/lib/domain/discharge-board";
import { nextStateChange } from "@/lib/domain/worklist";
import {
  BOARD_SORT_LABELS,
  boardDefaultDir,
  dischargeBoardQuery,
  dischargeBoardSearchParams,
  type DischargeBoardQuery,
} from "@/lib/validation/discharge-board";
import { searchParamsRecord, WORKLIST_PAGE_SIZES } from "@/lib/validation/worklist";
import { BlockedByCell, BoardStateCell, DestinationCell, DueCell, KeyWorkerCell, TherapyCell } from "./board-cells";
import { BoardCards } from "./board-cards";
import { BoardFilters, DESTINATION_LABELS } from "./board-filters";
import { BoardPrint } from "./board-print";

const helper = createColumnHelper<typeof features, DischargeBoardItemJson>();
const BlockedBy = withNow(BlockedByCell);
const Therapy = withNow(TherapyCell);

// Column ids are the server's sort keys; the columns without one cannot be sorted (the default order covers them).
const columns = helper.columns([
  helper.accessor((r) => (r.patient.kind === "full" ? r.patient.familyName : r.patient.initials), { id: "patient", header: "Patient", cell: (c) => <PatientCell item={c.row.original} /> }),
  helper.accessor((r) => r.medicallyFitAt, { id: "fit", header: "Medically fit", cell: (c) => <BoardStateCell item={c.row.original} /> }),
  helper.display({ id: "blocked", header: "Blocked by", cell: (c) => <BlockedBy item={c.row.original} /> }),
  helper.display({ id: "due", header: "Due this week", cell: (c) => <DueCell item={c.row.original} /> }),
  helper.accessor((r) => r.expectedDischargeOn, { id: "discharge", header: "Destination and expected discharge", cell: (c) => <DestinationCell item={c.row.original} /> }),
  helper.display({ id: "keyWorker", header: "Key worker", cell: (c) => <KeyWorkerCell item={c.row.original} /> }),
  helper.display({ id: "therapy", header: "Therapy assessments", cell: (c) => <Therapy item={c.row.original} /> }),
  helper.accessor((r) => r.updatedAt, { id: "updated", header: "Last change", sortDescFirst: true, cell: (c) => <UpdatedCell item={c.row.original} /> }),
]);

/** The board changes with no change to any referral when a therapy clock turns at risk or breached, and at midnight. */
function nextChangeAt(data: DischargeBoardJson, now: number): number {
  const clock = nextStateChange(
    data.items.map((i) => ({ openClocks: i.therapyClocks })),
    now,
  );
  const midnight = nextLondonMidnight(new Date(now)).getTime();
  return clock === null ? midnight : Math.min(clock, midnight);
}

/**
 * The discharge team's board. Everything that defines the view is in the address, read with the same schema as the
 * server's; the server sorts, filters and pages, and the board follows every change to a referral, its plan or its
 * equipment as it happens.
 */
export function DischargeBoardView({ initial, initialQueryString }: { initial: DischargeBoardJson; initialQueryString: string }) {
  const pathname = usePathname();
  const queryString = useSearchParams().toString();
  const query = useMemo<DischargeBoardQuery>(() => {
    const parsed = dischargeBoardQuery.safeParse(searchParamsRecord(new URLSearchParams(queryString)));
    return parsed.success ? parsed.data : dischargeBoardQuery.parse({});
  }, [queryString]);
  const canonical = dischargeBoardSearchParams(query).toString();
  const live = useLiveList({ endpoint: "/api/v1/discharge-board", name: "discharge board", initial, queryString: canonical, initialQueryString, nextChangeAt });
  const { data, now } = live;

  const setQuery = useQueryInAddress(pathname, query, dischargeBoardSearchParams);

  const { table, pageCount, firstRow, lastRow } = useServerTable({
    columns,
    items: data.items as DischargeBoardItemJson[],
    total: data.total,
    sort: query.sort,
    dir: query.dir,
    page: query.page,
    pageSize: query.pageSize,
    defaultSort: "priority",
    defaultSortIsColumn: false,
    defaultDirFor: boardDefaultDir,
    setQuery,
  });
  const filtered = Boolean(query.blocked || query.fit || query.destination?.length || query.q);
  const orderText = sortText(query);
  const { counts } = data;

  return (
    <NowContext.Provider value={now}>
      <div className="no-print mb-3 flex flex-wrap items-center justify-between gap-3">
        <LiveStatus connection={live.connection} updatedAt={live.updatedAt} loading={live.loading} />
        <div className="flex flex-wrap items-center gap-3">
          <WardModeToggle
            checked={query.ward ?? false}
            hrefFor={(ward) => {
              const qs = dischargeBoardSearchParams({ ...query, ward: ward || undefined }).toString();
              return `${pathname}${qs ? `?${qs}` : ""}`;
            }}
          />
          <PrintButton label="Print the board" />
        </div>
      </div>

      <BoardFilters query={query} setQuery={setQuery} />

      <ul className="no-print mb-3 flex flex-wrap gap-x-4 gap-y-1" aria-label="Across everyone on the rehabilitation step" data-testid="board-counts">
        <li>
          <span className="font-semibold">On the step:</span> {counts.patients}
        </li>
        <li>
          <span className="font-semibold">Medically fit:</span> {counts.medicallyFit}
        </li>
        <li className={counts.medicallyFitAndBlocked > 0 ? "font-semibold text-red-900" : ""}>
          {counts.medicallyFitAndBlocked > 0 ? <span aria-hidden>✕ </span> : null}
          Medically fit and blocked: {counts.medicallyFitAndBlocked}
        </li>
        <li>
          <span className="font-semibold">Blocked:</span> {counts.blocked}
        </li>
      </ul>

      <LiveListError live={live} returnTo={`${pathname}${canonical ? `?${canonical}` : ""}`} />

      {data.items.length === 0 ? (
        <div role="status" className="rounded bg-white p-6 shadow">
          <p className="font-semibold">{filtered ? "No patient on the rehabilitation step matches these filters." : "No one is on the rehabilitation and discharge step."}</p>
          {filtered ? (
            <button type="button" className="mt-2 font-semibold text-nhs-blue underline" onClick={() => setQuery({ blocked: undefined, fit: undefined, destination: undefined, q: undefined })}>
              Clear the filters and search
            </button>
          ) : null}
        </div>
      ) : (
        <>
          <p className="no-print mb-2 text-sm text-gray-800" id="board-keys">
            Showing {firstRow} to {lastRow} of {data.total}, {orderText}.{" "}
            <span className="hidden md:inline">Tab to a patient, then use the up and down arrow keys to move between patients and Enter to open one.</span>
          </p>
          <BoardCards rows={data.items} now={now} arrived={live.arrived} />
          <div
            role="region"
            aria-label="Discharge board"
            aria-busy={live.loading}
            aria-describedby="board-keys"
            tabIndex={0}
            className={`no-print hidden overflow-x-auto rounded bg-white shadow md:block ${live.loading ? "opacity-60" : ""}`}
          >
            <ServerTable table={table} caption={`Patients on the rehabilitation step, ${orderText}`} testId="board-table" arrived={live.arrived} />
          </div>
          <TablePager table={table} label="Discharge board pages" page={query.page} pageCount={pageCount} pageSize={query.pageSize} pageSizes={WORKLIST_PAGE_SIZES} />
        </>
      )}
      <BoardPrint rows={data.items} now={now} total={data.total} firstRow={firstRow} filtersText={filtersText(query)} />
    </NowContext.Provider>
  );
}

/** The filters in words, for the printout. */
function filtersText(query: DischargeBoardQuery): string {
  const parts = [
    query.blocked ? (query.blocked === "yes" ? "blocked only" : "not blocked only") : null,
    query.fit ? (query.fit === "yes" ? "medically fit only" : "not yet medically fit only") : null,
    query.destination?.length ? `going to ${query.destination.map((d) => DESTINATION_LABELS[d]).join(" or ")}` : null,
    query.q ? `search "${query.q}"` : null,
  ].filter(Boolean);
  return parts.length === 0 ? "no filters" : `filtered: ${parts.join(", ")}`;
}

function sortText(query: DischargeBoardQuery): string {
  if (query.sort === "priority") return BOARD_SORT_LABELS.priority;
  const dir = query.dir ?? boardDefaultDir(query.sort);
  return `sorted by ${BOARD_SORT_LABELS[query.sort]}, ${dir === "asc" ? "ascending" : "descending"}`;
}
