"use client";

import type { PaginationState, SortingState, Updater } from "@tanstack/react-table";
import { useCallback, useMemo } from "react";

type Dir = "asc" | "desc";

/**
 * A server-sorted, server-paged table's sorting and paging as TanStack Table state, read from the list's address
 * and written back to it: a click on a header or the pager changes the query, never rows in the browser.
 */
export function useServerTableState<S extends string>(input: {
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
  const { sort, dir, page, pageSize, defaultSort, defaultSortIsColumn, defaultDirFor, setQuery } = input;
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
  return { sorting, pagination, onSortingChange, onPaginationChange };
}
