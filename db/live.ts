import "server-only";
import { getDatabase, type DatabaseHandle } from "./client";
import { REFERRAL_CHANGED_CHANNEL } from "./mutations/worklist";

/** What a change notification says: the referrals that changed, or that anything may have (a gap in listening). */
export type ReferralChange = { ids: string[] } | { all: true };

type Listener = (change: ReferralChange) => void;

interface Hub {
  handle: DatabaseHandle;
  listeners: Set<Listener>;
  /** Resolves once LISTEN is in place. */
  ready: Promise<void>;
  stop: () => Promise<void>;
}

// One LISTEN per process, shared by every open stream (kept on globalThis like the database handle).
const globalForHub = globalThis as unknown as { __msccLiveHub?: Hub };

function parse(payload: string): ReferralChange {
  try {
    const value = JSON.parse(payload) as { ids?: unknown; all?: unknown };
    if (Array.isArray(value.ids) && value.ids.every((id) => typeof id === "string")) return { ids: value.ids as string[] };
  } catch {
    // An unreadable payload still means something changed.
  }
  return { all: true };
}

function startHub(handle: DatabaseHandle): Hub {
  const listeners = new Set<Listener>();
  const broadcast = (change: ReferralChange) => {
    for (const listener of listeners) {
      try {
        listener(change);
      } catch {
        // One closed stream must not stop the others hearing.
      }
    }
  };
  let stop: () => Promise<void> = async () => {};
  let ready: Promise<void>;
  if (handle.pglite) {
    // PGlite delivers NOTIFY to its own listeners when the notifying transaction commits.
    ready = handle.pglite.listen(REFERRAL_CHANGED_CHANNEL, (payload) => broadcast(parse(payload))).then((unlisten) => {
      stop = () => unlisten();
    });
  } else if (handle.sql) {
    // postgres.js keeps a dedicated connection for LISTEN and reconnects it; after a reconnect anything may
    // have been missed, so every stream is told to fetch again.
    let listening = false;
    ready = handle.sql
      .listen(
        REFERRAL_CHANGED_CHANNEL,
        (payload) => broadcast(parse(payload)),
        () => {
          if (listening) broadcast({ all: true });
          listening = true;
        },
      )
      .then((request) => {
        stop = () => request.unlisten();
      });
  } else {
    ready = Promise.reject(new Error("the database handle has no raw client to LISTEN with"));
  }
  const hub: Hub = { handle, listeners, ready, stop: () => stop() };
  // A failed LISTEN is retried by the next subscriber rather than remembered.
  ready.catch(() => {
    if (globalForHub.__msccLiveHub === hub) globalForHub.__msccLiveHub = undefined;
  });
  return hub;
}

/**
 * Calls the listener for every referral change committed by any app instance on this database, until the
 * returned function is called. Resolves once the listener is in place (so nothing after it is missed).
 */
export async function subscribeToReferralChanges(listener: Listener): Promise<() => void> {
  const handle = getDatabase();
  let hub = globalForHub.__msccLiveHub;
  if (!hub || hub.handle !== handle) {
    if (hub) await hub.stop().catch(() => {});
    hub = startHub(handle);
    globalForHub.__msccLiveHub = hub;
  }
  await hub.ready;
  hub.listeners.add(listener);
  const current = hub;
  return () => {
    current.listeners.delete(listener);
  };
}
