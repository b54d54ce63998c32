"use client";

import type { WorklistJson } from "@/lib/api/schemas";
import { nextStateChange } from "@/lib/domain/worklist";
import { useLiveList, type LiveList } from "@/components/live/use-live-list";

export type LiveWorklist = LiveList<WorklistJson>;

const nextChangeAt = (data: WorklistJson, now: number) => nextStateChange(data.items, now);

/** The worklist kept current; fetched again whenever one of its clocks crosses into at risk or breached. */
export function useLiveWorklist(initial: WorklistJson, queryString: string, initialQueryString: string): LiveWorklist {
  return useLiveList({ endpoint: "/api/v1/worklist", name: "worklist", initial, queryString, initialQueryString, nextChangeAt });
}
