"use client";

/**
 * One server-sent change stream per browser tab (/api/v1/worklist/stream), shared by everything on the page that
 * follows referral changes (the worklist, the escalation alert): each subscriber hears every change and the
 * stream's state. A subscriber that joins a live stream is told to fetch at once, as at `ready`. When the stream
 * drops it reconnects with backoff (1 s doubling to 30 s, with jitter); each subscriber fetches its own data at
 * once and polls it meanwhile.
 */

export type StreamStatus = "connecting" | "live" | "reconnecting";

export interface ChangeSubscriber {
  onChange: () => void;
  onStatus: (status: StreamStatus) => void;
}

const BACKOFF_MS = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000];

const subscribers = new Set<ChangeSubscriber>();
let source: EventSource | null = null;
let reconnect: ReturnType<typeof setTimeout> | null = null;
let attempt = 0;
let status: StreamStatus = "connecting";

function each(call: (s: ChangeSubscriber) => void): void {
  for (const s of subscribers) {
    try {
      call(s);
    } catch {
      // One subscriber's failure must not stop the others hearing.
    }
  }
}

function setStatus(next: StreamStatus): void {
  status = next;
  each((s) => s.onStatus(next));
}

function connect(): void {
  reconnect = null;
  if (subscribers.size === 0) return;
  const opened = new EventSource("/api/v1/worklist/stream");
  source = opened;
  opened.addEventListener("ready", () => {
    attempt = 0;
    setStatus("live");
    // Anything that changed while the stream was being opened.
    each((s) => s.onChange());
  });
  opened.addEventListener("referrals", () => each((s) => s.onChange()));
  opened.addEventListener("bye", () => {
    // The server ends each stream after a while so the session is checked again: reopen at once.
    opened.close();
    connect();
  });
  opened.onerror = () => {
    opened.close();
    if (source === opened) source = null;
    setStatus("reconnecting");
    const wait = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)] as number;
    attempt++;
    reconnect = setTimeout(connect, wait / 2 + Math.random() * (wait / 2));
  };
}

/** Follows referral changes until the returned function is called; the stream closes with its last subscriber. */
export function subscribeToChanges(subscriber: ChangeSubscriber): () => void {
  subscribers.add(subscriber);
  subscriber.onStatus(status);
  // Joining a stream that is already live (a list hydrated after the page's alert had opened it, or a page reached
  // by navigation): changes it announced before now were not heard by this subscriber, whose data may be older.
  if (status === "live") subscriber.onChange();
  if (source === null && reconnect === null) connect();
  return () => {
    subscribers.delete(subscriber);
    if (subscribers.size > 0) return;
    source?.close();
    source = null;
    if (reconnect) clearTimeout(reconnect);
    reconnect = null;
    attempt = 0;
    status = "connecting";
  };
}
