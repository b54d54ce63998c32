import "server-only";
import { referralEvents } from "../schema";

/** The columns of an event the clock engine reads (ClockEvent in lib/domain/clocks.ts), with its referral. */
export const clockEventColumns = {
  id: referralEvents.id,
  referralId: referralEvents.referralId,
  type: referralEvents.type,
  occurredAt: referralEvents.occurredAt,
  data: referralEvents.data,
  correctsEventId: referralEvents.correctsEventId,
};

/** Events of many referrals, grouped by referral in the order given. */
export function groupEventsByReferral<E extends { referralId: string }>(events: readonly E[]): Map<string, E[]> {
  const byReferral = new Map<string, E[]>();
  for (const event of events) {
    const list = byReferral.get(event.referralId);
    if (list) list.push(event);
    else byReferral.set(event.referralId, [event]);
  }
  return byReferral;
}
