import type { ReferralDetail } from "@/db/queries/referrals";
import { buildTimeline } from "@/lib/domain/clocks";

export type PageEvent = ReferralDetail["events"][number];
/** An event as it stands after corrections: `at` is its clinical time, corrected if a correction moved it. */
export type StandingEvent = PageEvent & { at: Date; timeCorrected: boolean };

/**
 * The events the trackers (decisions, doses, imaging, scores) count: withdrawn ones left out and corrected
 * times applied, by the same rule as the clocks (lib/domain/clocks buildTimeline), oldest first. The timeline
 * keeps the whole history.
 */
export function standingEvents(events: readonly PageEvent[]): StandingEvent[] {
  const byId = new Map(events.map((e) => [e.id, e]));
  return buildTimeline(events).flatMap((t) => {
    const row = byId.get(t.id);
    return row ? [{ ...row, at: t.at, timeCorrected: t.timeCorrected }] : [];
  });
}

export const newestFirst = <T extends { at: Date }>(events: readonly T[]): T[] => [...events].sort((a, b) => b.at.getTime() - a.at.getTime());
