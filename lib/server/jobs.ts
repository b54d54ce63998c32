import "server-only";
import { getDb } from "@/db/client";
import { sweepEscalations } from "@/db/mutations/escalations";
import { dispatchWebhooks } from "@/db/mutations/webhooks";
import { env } from "@/lib/env";
import { describeErrorForLog } from "@/lib/errors";

const globalForJobs = globalThis as unknown as { __msccJobs?: NodeJS.Timeout };

/**
 * The work no request starts: escalations past their acknowledgement deadline go to the second line, and webhook
 * calls are sent and retried. Every instance runs it (each step is safe to run twice at once), so losing one
 * instance loses nothing. A failed round is logged without patient data and the next round tries again.
 */
export function startBackgroundJobs(): void {
  if (globalForJobs.__msccJobs) return;
  const e = env();
  let running = false;
  const round = async () => {
    if (running) return;
    running = true;
    try {
      const db = getDb();
      const sent = await sweepEscalations(db, new Date());
      if (sent.length > 0) console.log(`[mscc] ${sent.length} unacknowledged escalation(s) sent to the second line`);
      await dispatchWebhooks(db, { now: () => new Date(), secret: e.MSCC_WEBHOOK_SECRET, baseUrl: e.NEXTAUTH_URL });
    } catch (error) {
      console.error(`[mscc] background round failed: ${describeErrorForLog(error)}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void round(), e.MSCC_JOBS_INTERVAL_SECONDS * 1000);
  timer.unref();
  globalForJobs.__msccJobs = timer;
  void round();
}
