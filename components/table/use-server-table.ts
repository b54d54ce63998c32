"use client";

import { useTable, type ColumnDef, type PaginationState, type SortingState, type Updater } from "@tanstack/react-table";
import { useCallback, useMemo } from "react";
import { serverTableFeatures } from "./server-table";

type Dir = "asc" | "desc";

/**
 * A server-sorted, server-paged table (the worklist, the discharge board): its sorting and paging are TanStack
 * Table state read from the list's address and written back to it, so a click on a header or the pager changes the
 * query, never rows in the browser. Also what the pager says: "rows 26 to 50 of 120, page 2 of 3".
 */
export function useServerTable<S extends string, T extends { id: string }>(input: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as TanStack's own column helper types its columns
  columns: ColumnDef<typeof serverTableFeatures, T, any>[];
  items: T[];
  total: number;
  sort: S;
  dir: Dir | undefined;
  page: number;
  pageSize: number;
  /** The list's own order (most urgent first, or the board's priority). */
  defaultSort: S;
  /** Whether that order has a column of its own to show as sorted. */
  defaultSortIsColumn: boolean;
  defaultDirFor: (sort: S) => Dir;
  setQuery: (change: { sort: S; dir: Dir | undefined } | { page: number; pageSize: number }) => void;
}) {
  const { sort, dir, page, pageSize, total, defaultSort, defaultSortIsColumn, defaultDirFor, setQuery } = input;
  const sorting = useMemo<SortingState>(() => {
    if (sort === defaultSort) return defaultSortIsColumn ? [{ id: sort, desc: false }] : [];
    return [{ id: sort, desc: (dir ?? defaultDirFor(sort)) === "desc" }];
  }, [sort, dir, defaultSort, defaultSortIsColumn, defaultDirFor]);
  const pagination = useMemo<PaginationState>(() => ({ pageIndex: page - 1, pageSize }), [page, pageSize]);
  const onSortingChange = useCallback(
    (updater: Updater<SortingState>) => {
      const first = (typeof updater === "function" ? updater(sorting) : updater)[0];
      if (!first || first.id === defaultSort) setQuery({ sort: defaultSort, dir: undefined });
      else setQuery({ sort: first.id as S, dir: first.desc ? "desc" : "asc" });
    },
    [setQuery, sorting, defaultSort],
  );
  const onPaginationChange = useCallback(
    (updater: Updater<PaginationState>) => {
      const next = typeof updater === "function" ? updater(pagination) : updater;
      setQuery({ page: next.pageSize !== pagination.pageSize ? 1 : next.pageIndex + 1, pageSize: next.pageSize });
    },
    [setQuery, pagination],
  );
  const table = useTable({
    features: serverTableFeatures,
    columns: input.columns,
    data: input.items,
    getRowId: (row) => row.id,
    manualSorting: true,
    manualPagination: true,
    rowCount: total,
    enableSortingRemoval: true,
    state: { sorting, pagination },
    onSortingChange,
    onPaginationChange,
  });
  return {
    table,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    firstRow: total === 0 ? 0 : (page - 1) * pageSize + 1,
    lastRow: Math.min(total, page * pageSize),
  };
}
