"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { usePathname, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { NowContext, withNow } from "@/components/live/now-context";
import { ServerTable, serverTableFeatures as features, TablePager } from "@/components/table/server-table";
import type { WorklistItemJson, WorklistJson } from "@/lib/api/schemas";
import {
  defaultDirFor,
  searchParamsRecord,
  worklistQuery,
  worklistSearchParams,
  WORKLIST_PAGE_SIZES,
  type WorklistQuery,
} from "@/lib/validation/worklist";
import { LiveListError } from "@/components/live/live-list-error";
import { useQueryInAddress } from "@/components/table/use-query-in-address";
import { useServerTable } from "@/components/table/use-server-table";
import { WardModeToggle } from "@/components/table/ward-mode-toggle";
import { LiveStatus } from "@/components/live/live-status";
import { useLiveWorklist } from "./use-live-worklist";
import {
  CategoryCell,
  DexamethasoneCell,
  ImmobilisationCell,
  MissingDataCell,
  NextClockCell,
  PatientCell,
  ReceivedCell,
  RegistrarCell,
  StatusCell,
  UpdatedCell,
} from "./worklist-cells";
import { WorklistCards } from "./worklist-cards";
import { WorklistFilters, type RegistrarOption } from "./worklist-filters";
import { WorklistSummaryBar } from "./worklist-summary-bar";

const helper = createColumnHelper<typeof features, WorklistItemJson>();

const NextClock = withNow(NextClockCell);
const Status = withNow(StatusCell);
const Received = withNow(ReceivedCell);

// Column ids are the server's sort keys; the columns without one cannot be sorted.
const columns = helper.columns([
  helper.accessor((r) => r.patient.kind === "full" ? r.patient.familyName : r.patient.initials, { id: "patient", header: "Patient", cell: (c) => <PatientCell item={c.row.original} /> }),
  helper.accessor((r) => r.nextClockDueAt, { id: "urgency", header: "Next clock", sortDescFirst: false, cell: (c) => <NextClock item={c.row.original} /> }),
  helper.accessor((r) => r.category, { id: "category", header: "Category", cell: (c) => <CategoryCell item={c.row.original} /> }),
  helper.accessor((r) => r.status, { id: "status", header: "Status", cell: (c) => <Status item={c.row.original} /> }),
  helper.accessor((r) => r.receivedAt, { id: "received", header: "Received", sortDescFirst: true, cell: (c) => <Received item={c.row.original} /> }),
  helper.display({ id: "dexamethasone", header: "Dexamethasone", cell: (c) => <DexamethasoneCell item={c.row.original} /> }),
  helper.display({ id: "immobilisation", header: "Immobilisation", cell: (c) => <ImmobilisationCell item={c.row.original} /> }),
  helper.accessor((r) => r.registrar?.name ?? "", { id: "registrar", header: "Registrar", cell: (c) => <RegistrarCell item={c.row.original} /> }),
  helper.display({ id: "missing", header: "Data", cell: (c) => <MissingDataCell item={c.row.original} /> }),
  helper.accessor((r) => r.updatedAt, { id: "updated", header: "Last change", sortDescFirst: true, cell: (c) => <UpdatedCell item={c.row.original} /> }),
]);

interface Props {
  initial: WorklistJson;
  /** The query string the server rendered `initial` for. */
  initialQueryString: string;
  registrars: RegistrarOption[];
}

/**
 * The live worklist. Everything that defines the view (view, filters, search, sort, page, ward mode) is in the
 * address, read with the same schema as the server's; the server sorts, filters and pages, and this component
 * keeps the rows current (use-live-worklist.ts) without losing what is being typed or the scroll position.
 */
export function WorklistView({ initial, initialQueryString, registrars }: Props) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const queryString = searchParams.toString();
  const query = useMemo<WorklistQuery>(() => {
    const parsed = worklistQuery.safeParse(searchParamsRecord(new URLSearchParams(queryString)));
    return parsed.success ? parsed.data : worklistQuery.parse({});
  }, [queryString]);
  const canonical = worklistSearchParams(query).toString();
  const live = useLiveWorklist(initial, canonical, initialQueryString);
  const { data, now } = live;

  const setQuery = useQueryInAddress(pathname, query, worklistSearchParams);

  const { table, pageCount, firstRow, lastRow } = useServerTable({
    columns,
    items: data.items,
    total: data.total,
    sort: query.sort,
    dir: query.dir,
    page: query.page,
    pageSize: query.pageSize,
    defaultSort: "urgency",
    defaultSortIsColumn: true,
    defaultDirFor,
    setQuery,
  });
  const filtered = Boolean(query.category?.length || query.status?.length || query.clock?.length || query.registrar || query.from || query.to || query.q);
  const exportHref = `/api/v1/worklist/export${canonical ? `?${canonical}` : ""}`;

  return (
    <NowContext.Provider value={now}>
      <div className="no-print mb-3 flex flex-wrap items-center justify-between gap-3">
        <LiveStatus connection={live.connection} updatedAt={live.updatedAt} loading={live.loading} />
        <div className="flex flex-wrap items-center gap-3">
          <WardModeToggle
            checked={query.ward ?? false}
            hrefFor={(ward) => {
              const qs = worklistSearchParams({ ...query, ward: ward || undefined }).toString();
              return `${pathname}${qs ? `?${qs}` : ""}`;
            }}
          />
          <a href={exportHref} className="rounded border-2 border-nhs-blue px-3 py-1.5 font-semibold text-nhs-blue hover:bg-blue-50" download>
            Export CSV ({data.total})
          </a>
          <a href="/worklist/handover" className="rounded border-2 border-nhs-blue px-3 py-1.5 font-semibold text-nhs-blue hover:bg-blue-50">
            Handover sheet
          </a>
        </div>
      </div>

      <WorklistFilters query={query} setQuery={setQuery} registrars={registrars} />

      <WorklistSummaryBar data={data} query={query} setQuery={setQuery} />

      <LiveListError live={live} returnTo={`${pathname}${canonical ? `?${canonical}` : ""}`} />

      <div aria-live="polite" className="sr-only" data-testid="arrivals">
        {live.arrived.size > 0 ? `${live.arrived.size} new ${live.arrived.size === 1 ? "referral" : "referrals"} on the worklist` : ""}
      </div>

      {data.items.length === 0 ? (
        <div role="status" className="rounded bg-white p-6 shadow">
          <p className="font-semibold">{filtered ? "No active referrals match these filters." : data.view === "discharge" ? "No one is on the rehabilitation and discharge step." : "There are no active referrals."}</p>
          {filtered ? (
            <button type="button" className="mt-2 font-semibold text-nhs-blue underline" onClick={() => setQuery({ category: undefined, status: undefined, clock: undefined, registrar: undefined, from: undefined, to: undefined, q: undefined })}>
              Clear the filters and search
            </button>
          ) : null}
        </div>
      ) : (
        <>
          <p className="no-print mb-2 text-sm text-gray-800" id="worklist-keys">
            Showing {firstRow} to {lastRow} of {data.total}.{" "}
            <span className="hidden md:inline">Tab to a patient, then use the up and down arrow keys to move between referrals and Enter to open one.</span>
          </p>
          {/* Phone: the same rows as cards, in the same order. */}
          <WorklistCards rows={data.items} now={now} arrived={live.arrived} />
          <div
            role="region"
            aria-label="Worklist"
            aria-busy={live.loading}
            aria-describedby="worklist-keys"
            tabIndex={0}
            className={`hidden overflow-x-auto rounded bg-white shadow md:block ${live.loading ? "opacity-60" : ""}`}
          >
            <ServerTable table={table} caption={`Active referrals, ${sortCaption(query)}`} testId="worklist-table" arrived={live.arrived} />
          </div>
          <TablePager table={table} label="Worklist pages" page={query.page} pageCount={pageCount} pageSize={query.pageSize} pageSizes={WORKLIST_PAGE_SIZES} />
        </>
      )}
    </NowContext.Provider>
  );
}

function sortCaption(query: WorklistQuery): string {
  if (query.sort === "urgency") return "most urgent first";
  const dir = query.dir ?? defaultDirFor(query.sort);
  return `sorted by ${query.sort} ${dir === "asc" ? "ascending" : "descending"}`;
}

