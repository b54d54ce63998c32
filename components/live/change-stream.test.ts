import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ChangeSubscriber, StreamStatus } from "./change-stream";

/** A stand-in for the browser's EventSource: the test plays the server's side. */
class FakeEventSource {
  static opened: FakeEventSource[] = [];
  readonly listeners = new Map<string, (() => void)[]>();
  onerror: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  addEventListener(type: string, listener: () => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
  }
  emit(type: string): void {
    for (const listener of this.listeners.get(type) ?? []) listener();
  }
  fail(): void {
    this.onerror?.();
  }
}

function recorder(): ChangeSubscriber & { changes: number; statuses: StreamStatus[] } {
  const r = {
    changes: 0,
    statuses: [] as StreamStatus[],
    onChange: () => void r.changes++,
    onStatus: (s: StreamStatus) => void r.statuses.push(s),
  };
  return r;
}

// The module keeps one stream per tab in module state: a fresh copy for each test.
async function load() {
  vi.resetModules();
  return import("./change-stream");
}

describe("the tab's change stream", () => {
  beforeEach(() => {
    FakeEventSource.opened = [];
    vi.stubGlobal("EventSource", FakeEventSource);
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("opens one stream for every subscriber, and tells each of them to fetch when it is ready and at each change", async () => {
    const { subscribeToChanges } = await load();
    const alert = recorder();
    const list = recorder();
    subscribeToChanges(alert);
    subscribeToChanges(list);
    expect(FakeEventSource.opened).toHaveLength(1);
    expect(FakeEventSource.opened[0]?.url).toBe("/api/v1/worklist/stream");
    const stream = FakeEventSource.opened[0] as FakeEventSource;
    stream.emit("ready");
    expect([alert.changes, list.changes]).toEqual([1, 1]);
    expect(list.statuses).toEqual(["connecting", "live"]);
    stream.emit("referrals");
    expect([alert.changes, list.changes]).toEqual([2, 2]);
  });

  it("tells a subscriber that joins a stream already live to fetch at once: changes announced before it joined were not heard by it", async () => {
    const { subscribeToChanges } = await load();
    const alert = recorder();
    subscribeToChanges(alert);
    const stream = FakeEventSource.opened[0] as FakeEventSource;
    stream.emit("ready");
    stream.emit("referrals"); // e.g. an escalation, while the worklist was still hydrating

    const late = recorder();
    subscribeToChanges(late);
    expect(late.statuses).toEqual(["live"]);
    expect(late.changes).toBe(1);
    expect(FakeEventSource.opened).toHaveLength(1);
  });

  it("a subscriber that joins while the stream is still opening waits for ready, and is not told twice", async () => {
    const { subscribeToChanges } = await load();
    const first = recorder();
    subscribeToChanges(first);
    const second = recorder();
    subscribeToChanges(second);
    expect(second.changes).toBe(0);
    (FakeEventSource.opened[0] as FakeEventSource).emit("ready");
    expect(second.changes).toBe(1);
  });

  it("reports a dropped stream as reconnecting and opens another after a backoff; ready again means fetch again", async () => {
    const { subscribeToChanges } = await load();
    const list = recorder();
    subscribeToChanges(list);
    const stream = FakeEventSource.opened[0] as FakeEventSource;
    stream.emit("ready");
    stream.fail();
    expect(stream.closed).toBe(true);
    expect(list.statuses.at(-1)).toBe("reconnecting");
    // A subscriber joining now is not told the stream is live, nor to fetch: it polls like the others.
    const joining = recorder();
    subscribeToChanges(joining);
    expect(joining.statuses).toEqual(["reconnecting"]);
    expect(joining.changes).toBe(0);

    await vi.advanceTimersByTimeAsync(1_000);
    expect(FakeEventSource.opened).toHaveLength(2);
    (FakeEventSource.opened[1] as FakeEventSource).emit("ready");
    expect(list.statuses.at(-1)).toBe("live");
    expect([list.changes, joining.changes]).toEqual([2, 1]);
  });

  it("closes the stream with its last subscriber", async () => {
    const { subscribeToChanges } = await load();
    const a = subscribeToChanges(recorder());
    const b = subscribeToChanges(recorder());
    const stream = FakeEventSource.opened[0] as FakeEventSource;
    a();
    expect(stream.closed).toBe(false);
    b();
    expect(stream.closed).toBe(true);
  });
});
