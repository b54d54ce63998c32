"use client";

import { useCallback, useEffect, useRef } from "react";
import { showInAddress } from "@/components/live/live-list-error";

/**
 * A list's setQuery: a change of filter, search, sort or page goes into the address, back to page 1 unless the
 * change names a page. Each change starts from the previous change, not from the last render: the search box sends
 * its text after a pause, and a filter picked in that pause must not be lost when the search arrives (or the reverse).
 */
export function useQueryInAddress<Q extends { page: number }>(pathname: string, query: Q, toSearchParams: (query: Q) => URLSearchParams) {
  const latest = useRef(query);
  useEffect(() => {
    latest.current = query;
  }, [query]);
  return useCallback(
    (change: Partial<Q>, options: { replace?: boolean } = {}) => {
      const next = { ...latest.current, page: 1, ...change };
      latest.current = next;
      showInAddress(pathname, toSearchParams(next).toString(), options);
    },
    [pathname, toSearchParams],
  );
}
