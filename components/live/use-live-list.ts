"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { subscribeToChanges, type StreamStatus } from "./change-stream";

export type Connection = StreamStatus;

/** What a live list's JSON answer has in common (the worklist, the discharge board). */
export interface LiveListData {
  items: readonly { id: string }[];
  generatedAt: number;
}

export interface LiveList<T extends LiveListData> {
  data: T;
  /** Browser time of the last successful fetch (or of the server's render, at first). */
  updatedAt: number;
  connection: Connection;
  /** Why the last fetch failed; the rows shown are then the last ones fetched. */
  error: { message: string; signedOut: boolean } | null;
  loading: boolean;
  /** The browser's clock, moved on every minute and at each instant `nextChangeAt` names. */
  now: number;
  /** Ids that arrived through a live update since the list was last asked for by the user. */
  arrived: ReadonlySet<string>;
  refresh: () => void;
}

export interface LiveListOptions<T extends LiveListData> {
  /** The JSON route that answers the page's query string, e.g. "/api/v1/worklist". */
  endpoint: string;
  /** What the list is called in messages ("worklist", "discharge board"). */
  name: string;
  initial: T;
  queryString: string;
  /** The query string the server rendered `initial` for. */
  initialQueryString: string;
  /**
   * The next instant after `now` at which the server would answer differently with no change to any referral (a
   * clock turning at risk or breached, midnight in London), or null: the list is fetched again then.
   */
  nextChangeAt: (data: T, now: number) => number | null;
}

const POLL_MS = 10_000;
// After a failed fetch (the server unreachable, or an error of its own), the next try: the stream may be up and say
// nothing more for a long while, and the rows shown must not stay stale until it does.
const RETRY_MS = 5_000;
const DEBOUNCE_MS = 150;

/**
 * A server-sorted list kept current: fetched again whenever its query changes, whenever the server's change stream
 * says a referral changed, and at each instant `nextChangeAt` names. When the stream drops (it reconnects with
 * backoff) the list is fetched at once and then polled until it is back.
 */
export function useLiveList<T extends LiveListData>({ endpoint, name, initial, queryString, initialQueryString, nextChangeAt }: LiveListOptions<T>): LiveList<T> {
  const [data, setData] = useState(initial);
  const [updatedAt, setUpdatedAt] = useState(() => Date.now());
  const [connection, setConnection] = useState<Connection>("connecting");
  const [error, setError] = useState<LiveList<T>["error"]>(null);
  const [loading, setLoading] = useState(false);
  const [now, setNow] = useState(initial.generatedAt);
  const [arrived, setArrived] = useState<ReadonlySet<string>>(new Set());
  // Whether the last error is worth trying again by itself (not a refusal such as a signed-out session).
  const retryable = useRef(false);

  const queryRef = useRef(queryString);
  const dataRef = useRef(data);
  // The query the rows shown were fetched for: new rows count as arrivals only within the same view.
  const dataQuery = useRef(initialQueryString);
  const inFlight = useRef<AbortController | null>(null);
  const debounce = useRef<ReturnType<typeof setTimeout> | null>(null);
  const nextChangeRef = useRef(nextChangeAt);
  useEffect(() => {
    nextChangeRef.current = nextChangeAt;
  }, [nextChangeAt]);

  const fetchList = useCallback(
    async (reason: "query" | "live" | "poll" | "clock") => {
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      const qs = queryRef.current;
      if (reason === "query") setLoading(true);
      try {
        const response = await fetch(`${endpoint}${qs ? `?${qs}` : ""}`, { cache: "no-store", signal: controller.signal, headers: { accept: "application/json" } });
        if (!response.ok) {
          retryable.current = response.status >= 500;
          const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
          setError({
            message: response.status === 401 ? "Your session has ended, so the list has stopped updating. Sign in again to carry on." : (body?.error?.message ?? `The ${name} could not be loaded (${response.status}).`),
            signedOut: response.status === 401,
          });
          return;
        }
        const next = (await response.json()) as T;
        if (controller.signal.aborted || qs !== queryRef.current) return;
        if (dataQuery.current !== qs) {
          setArrived(new Set());
        } else if (reason !== "query") {
          const before = new Set(dataRef.current.items.map((i) => i.id));
          const fresh = next.items.filter((i) => !before.has(i.id)).map((i) => i.id);
          if (fresh.length > 0) setArrived((old) => new Set([...old, ...fresh]));
        }
        dataQuery.current = qs;
        dataRef.current = next;
        setData(next);
        setUpdatedAt(Date.now());
        setNow(Date.now());
        setError(null);
      } catch (e) {
        if ((e as Error).name === "AbortError") return;
        retryable.current = true;
        setError({ message: "The server cannot be reached: the list below is as it was last updated. Trying again.", signedOut: false });
      } finally {
        if (inFlight.current === controller) {
          inFlight.current = null;
          setLoading(false);
        }
      }
    },
    [endpoint, name],
  );

  const scheduleFetch = useCallback(
    (reason: "live" | "poll" | "clock") => {
      if (debounce.current) clearTimeout(debounce.current);
      debounce.current = setTimeout(() => void fetchList(reason), DEBOUNCE_MS);
    },
    [fetchList],
  );

  // The query changed (a filter, the sort, a page, the search): fetch at once.
  useEffect(() => {
    queryRef.current = queryString;
    if (queryString === initialQueryString && dataRef.current === initial) return;
    void fetchList("query");
  }, [queryString, initialQueryString, initial, fetchList]);

  // The change stream (shared with the rest of the page), and polling while it is down.
  useEffect(() => {
    let poll: ReturnType<typeof setInterval> | null = null;
    const stopPolling = () => {
      if (poll) clearInterval(poll);
      poll = null;
    };
    const unsubscribe = subscribeToChanges({
      onChange: () => scheduleFetch("live"),
      onStatus: (status) => {
        setConnection(status);
        if (status !== "reconnecting") return stopPolling();
        // The stream has just dropped: what it would have announced since is unknown, so catch up now, then poll.
        if (poll === null) scheduleFetch("poll");
        poll ??= setInterval(() => void fetchList("poll"), POLL_MS);
      },
    });
    return () => {
      unsubscribe();
      stopPolling();
      if (debounce.current) clearTimeout(debounce.current);
      inFlight.current?.abort();
    };
  }, [fetchList, scheduleFetch]);

  // A failed fetch is tried again until one succeeds (each failure sets a new error, so a new timer).
  useEffect(() => {
    if (!error || !retryable.current) return;
    const timer = setTimeout(() => void fetchList("poll"), RETRY_MS);
    return () => clearTimeout(timer);
  }, [error, fetchList]);

  // Countdowns move every minute with no request; at each instant the server would answer differently the list is
  // fetched again, so the server's filters, order and counts follow.
  useEffect(() => {
    const current = Date.now();
    const crossing = nextChangeRef.current(data, current);
    const nextMinute = current + 60_000 - (current % 60_000);
    const at = crossing !== null && crossing <= nextMinute ? crossing : nextMinute;
    const timer = setTimeout(() => {
      setNow(Date.now());
      if (crossing !== null && at === crossing) scheduleFetch("clock");
    }, Math.max(0, at - current) + 50);
    return () => clearTimeout(timer);
  }, [data, now, scheduleFetch]);

  // The first render used the server's time (so the page hydrates as sent); move to the browser's at once.
  useEffect(() => {
    const t = setTimeout(() => setNow(Date.now()), 0);
    return () => clearTimeout(t);
  }, []);

  const refresh = useCallback(() => void fetchList("query"), [fetchList]);
  return { data, updatedAt, connection, error, loading, now, arrived, refresh };
}
