"use client";

import { rowPaginationFeature, rowSortingFeature, tableFeatures, type ReactTable, type RowData } from "@tanstack/react-table";
import type { KeyboardEvent } from "react";

/**
 * The pieces every server-sorted, server-paged table shares (the worklist, the discharge board): the features,
 * the sortable header, keyboard movement between rows and the pager. Sorting and paging are manual: each change
 * goes into the address and the server answers.
 */

export const serverTableFeatures = tableFeatures({ rowSortingFeature, rowPaginationFeature });
type Features = typeof serverTableFeatures;

/** The row link that arrow keys move between and Enter opens. */
export const ROW_LINK_TEST_ID = "patient-link";

/** Arrow keys, Home and End move between the rows' patient links; Enter opens the one in focus (it is a link). */
export function moveBetweenRowLinks(event: KeyboardEvent<HTMLElement>): void {
  if (!["ArrowDown", "ArrowUp", "Home", "End"].includes(event.key)) return;
  const links = Array.from(event.currentTarget.querySelectorAll<HTMLAnchorElement>(`[data-testid=${ROW_LINK_TEST_ID}]`));
  const at = links.indexOf(document.activeElement as HTMLAnchorElement);
  if (at === -1) return;
  event.preventDefault();
  const to = event.key === "Home" ? 0 : event.key === "End" ? links.length - 1 : event.key === "ArrowDown" ? Math.min(at + 1, links.length - 1) : Math.max(at - 1, 0);
  links[to]?.focus();
}

/** The table itself: headers that sort (with aria-sort), one row per item, rows marked as arrivals tinted. */
export function ServerTable<T extends RowData>(props: { table: ReactTable<Features, T>; caption: string; testId: string; arrived: ReadonlySet<string>; className?: string }) {
  const { table } = props;
  return (
    <table className={`w-full border-collapse text-left text-sm ${props.className ?? ""}`} data-testid={props.testId} onKeyDown={moveBetweenRowLinks}>
      <caption className="sr-only">{props.caption}</caption>
      <thead className="bg-gray-100">
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => {
              const sorted = header.column.getIsSorted();
              const canSort = header.column.getCanSort();
              return (
                <th key={header.id} scope="col" className="p-2 align-bottom" aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : canSort ? "none" : undefined}>
                  {canSort ? (
                    <button type="button" onClick={header.column.getToggleSortingHandler()} className="inline-flex items-center gap-1 font-semibold underline decoration-dotted hover:no-underline">
                      <table.FlexRender header={header} />
                      <span aria-hidden>{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}</span>
                    </button>
                  ) : (
                    <table.FlexRender header={header} />
                  )}
                </th>
              );
            })}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id} data-referral-id={row.id} className={`border-t border-gray-200 align-top focus-within:bg-yellow-50 ${props.arrived.has(row.id) ? "bg-blue-50" : ""}`}>
            {row.getAllCells().map((cell) => (
              <td key={cell.id} className="p-2">
                <table.FlexRender cell={cell} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Previous and next page, where we are, and rows per page. */
export function TablePager<T extends RowData>(props: { table: ReactTable<Features, T>; label: string; page: number; pageCount: number; pageSize: number; pageSizes: readonly number[] }) {
  const { table } = props;
  const button = "rounded border-2 border-nhs-blue px-3 py-1 font-semibold text-nhs-blue disabled:border-gray-400 disabled:text-gray-600";
  return (
    <nav aria-label={props.label} className="no-print mt-3 flex flex-wrap items-center gap-3">
      <button type="button" className={button} disabled={!table.getCanPreviousPage()} onClick={() => table.previousPage()}>
        Previous page
      </button>
      <span>
        Page {props.page} of {props.pageCount}
      </span>
      <button type="button" className={button} disabled={!table.getCanNextPage()} onClick={() => table.nextPage()}>
        Next page
      </button>
      <label className="inline-flex items-center gap-2">
        Rows per page
        <select className="rounded border-2 border-gray-700 px-2 py-1" value={props.pageSize} onChange={(e) => table.setPageSize(Number(e.target.value))}>
          {props.pageSizes.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}
