/**
 * The discharge board's rules (issue 6, item 3): what still blocks a patient's discharge and what falls due this
 * week. Days are London calendar days, so "today" turns at midnight in London whatever the server's zone.
 */
import { blocksDischargeNow, isEquipmentOverdue, isOutstanding, type EquipmentStatus } from "./equipment";
import { openChecklistItems, type Checklist, type ChecklistItem } from "./rehabilitation";
import { addCalendarDays, londonDate, parseLondonLocalDateTime } from "./time-format";

/** "This week" is today and the six days after it. */
export const DUE_WINDOW_DAYS = 7;

/** The next midnight in London after an instant (when "today", overdue and "this week" move on). */
export function nextLondonMidnight(now: Date): Date {
  const midnight = parseLondonLocalDateTime(`${addCalendarDays(londonDate(now), 1)}T00:00`);
  if (midnight === null) throw new Error(`no London midnight after ${now.toISOString()}`);
  return midnight;
}

export type DueWhen = "past" | "this_week" | "later";

/** A calendar date against London today: passed, within this week (today and the six days after), or later. */
export function dueWhen(isoDate: string, todayLondon: string): DueWhen {
  if (isoDate < todayLondon) return "past";
  return isoDate < addCalendarDays(todayLondon, DUE_WINDOW_DAYS) ? "this_week" : "later";
}

export interface BoardEquipment {
  status: EquipmentStatus;
  blocksDischarge: boolean;
  expectedOn: string | null;
}

/** The equipment still to come that was expected before today (overdue) or is expected this week. */
export function equipmentDue<E extends BoardEquipment>(equipment: readonly E[], todayLondon: string): { overdue: E[]; dueThisWeek: E[] } {
  return {
    overdue: equipment.filter((e) => isEquipmentOverdue(e, todayLondon)),
    dueThisWeek: equipment.filter((e) => isOutstanding(e) && e.expectedOn !== null && dueWhen(e.expectedOn, todayLondon) === "this_week"),
  };
}

/**
 * What still blocks discharge: the equipment marked as blocking that has not arrived, and every checklist item not
 * yet done or marked not needed (issue 6, item 4). With no plan started, the whole checklist is open.
 */
export function dischargeBlockers<E extends BoardEquipment>(input: { checklist: Checklist | null; equipment: readonly E[] }): { equipment: E[]; checklist: ChecklistItem[] } {
  return { equipment: input.equipment.filter((e) => blocksDischargeNow(e)), checklist: openChecklistItems(input.checklist ?? {}) };
}

export function isDischargeBlocked(input: { checklist: Checklist | null; equipment: readonly BoardEquipment[] }): boolean {
  const blockers = dischargeBlockers(input);
  return blockers.equipment.length > 0 || blockers.checklist.length > 0;
}
