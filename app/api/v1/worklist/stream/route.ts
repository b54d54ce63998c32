import { subscribeToReferralChanges, type ReferralChange } from "@/db/live";
import { AppError } from "@/lib/errors";
import { defineRoute } from "@/lib/server/route";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 15_000;
// A stream is closed after this long and the browser opens another: each new stream is checked against the
// session again, so a signed-out or deactivated user stops hearing within this time.
const MAX_STREAM_MS = 5 * 60_000;

/**
 * Server-sent events: `ready` once listening, then `referrals` with the ids that changed ({"ids": [...]}) or
 * {"all": true} when anything may have (after the database connection was lost). Ids only, never patient data.
 */
export const GET = defineRoute("/api/v1/worklist/stream", "GET", async ({ request }) => {
  if (!(request.headers.get("accept") ?? "").includes("text/event-stream")) {
    throw new AppError("not_acceptable", "This is a stream of server-sent events: send Accept: text/event-stream.");
  }
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  const cleanups: (() => void)[] = [];
  const close = () => {
    if (closed) return;
    closed = true;
    for (const cleanup of cleanups) cleanup();
    try {
      controller.close();
    } catch {
      // Already closed by the client.
    }
  };
  const send = (text: string) => {
    if (closed) return;
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      close();
    }
  };
  // start() runs as the stream is built, so `controller` is set before anything is sent.
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel: close,
  });
  // Subscribed before the answer starts, so a database that cannot LISTEN is a 503, not a silent stream.
  const unsubscribe = await subscribeToReferralChanges((change: ReferralChange) => send(`event: referrals\ndata: ${JSON.stringify(change)}\n\n`));
  send(`retry: 3000\nevent: ready\ndata: {}\n\n`);
  const heartbeat = setInterval(() => send(": keep-alive\n\n"), HEARTBEAT_MS);
  const lifetime = setTimeout(() => {
    send("event: bye\ndata: {}\n\n");
    close();
  }, MAX_STREAM_MS);
  cleanups.push(unsubscribe, () => clearInterval(heartbeat), () => clearTimeout(lifetime));
  request.signal.addEventListener("abort", close);
  if (request.signal.aborted) close();

  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      "x-accel-buffering": "no",
    },
  });
});
