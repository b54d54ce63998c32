/**
 * Equipment and home adaptations (issue 6; pathway.md "Equipment and adaptations"): each item tracked from needed
 * to installed (or cancelled, with a reason), and whether it blocks discharge.
 */

export const EQUIPMENT_KINDS = [
  "wheelchair_cushion",
  "pressure_mattress",
  "profiling_bed",
  "hoist_slings",
  "slide_sheets",
  "transfer_board",
  "commode",
  "shower_chair",
  "raised_toilet_seat",
  "brace_collar",
  "ramps",
  "door_widening",
  "rails",
  "stair_or_through_floor_lift",
  "downstairs_living",
  "other",
] as const;
export type EquipmentKind = (typeof EQUIPMENT_KINDS)[number];

export const EQUIPMENT_KIND_LABELS: Record<EquipmentKind, string> = {
  wheelchair_cushion: "Wheelchair and pressure cushion",
  pressure_mattress: "Pressure-relieving mattress",
  profiling_bed: "Profiling bed",
  hoist_slings: "Hoist and slings",
  slide_sheets: "Slide sheets",
  transfer_board: "Transfer board",
  commode: "Commode",
  shower_chair: "Shower chair",
  raised_toilet_seat: "Raised toilet seat",
  brace_collar: "Brace or collar",
  ramps: "Ramps",
  door_widening: "Door widening",
  rails: "Rails",
  stair_or_through_floor_lift: "Stair or through-floor lift",
  downstairs_living: "Downstairs living",
  other: "Other (describe)",
};

export const EQUIPMENT_STATUSES = ["needed", "requested", "ordered", "delivered", "installed", "cancelled"] as const;
export type EquipmentStatus = (typeof EQUIPMENT_STATUSES)[number];

export const EQUIPMENT_STATUS_LABELS: Record<EquipmentStatus, string> = {
  needed: "Needed",
  requested: "Requested",
  ordered: "Ordered",
  delivered: "Delivered",
  installed: "Installed",
  cancelled: "Cancelled",
};

/** Still to come: not delivered, installed or cancelled. */
export function isOutstanding(item: { status: EquipmentStatus }): boolean {
  switch (item.status) {
    case "needed":
    case "requested":
    case "ordered":
      return true;
    case "delivered":
    case "installed":
    case "cancelled":
      return false;
    default: {
      const unhandled: never = item.status;
      throw new Error(`Unknown equipment status: ${String(unhandled)}`);
    }
  }
}

/** Blocking discharge now: marked as blocking and still to come. */
export function blocksDischargeNow(item: { status: EquipmentStatus; blocksDischarge: boolean }): boolean {
  return item.blocksDischarge && isOutstanding(item);
}

/** Expected by a date (yyyy-MM-dd, London) that has passed and still to come. */
export function isEquipmentOverdue(item: { status: EquipmentStatus; expectedOn: string | null }, todayLondon: string): boolean {
  return item.expectedOn !== null && item.expectedOn < todayLondon && isOutstanding(item);
}

/** Whole days an item has blocked discharge, from when it was marked blocking. */
export function daysBlocking(item: { blockingSince: Date | null }, now: Date): number | null {
  if (item.blockingSince === null) return null;
  return Math.max(0, Math.floor((now.getTime() - item.blockingSince.getTime()) / 86_400_000));
}

/**
 * The statuses an item may move to next: forward along needed → requested → ordered → delivered → installed,
 * skipping steps (a loan store delivers the same day), never back; cancelled while still outstanding.
 * Installed and cancelled are final.
 */
export function allowedNextEquipmentStatuses(from: EquipmentStatus): readonly EquipmentStatus[] {
  switch (from) {
    case "needed":
      return ["requested", "ordered", "delivered", "installed", "cancelled"];
    case "requested":
      return ["ordered", "delivered", "installed", "cancelled"];
    case "ordered":
      return ["delivered", "installed", "cancelled"];
    case "delivered":
      return ["installed"];
    case "installed":
    case "cancelled":
      return [];
    default: {
      const unhandled: never = from;
      throw new Error(`Unknown equipment status: ${String(unhandled)}`);
    }
  }
}

export type EquipmentStatusCheck = { ok: true } | { ok: false; field: "status" | "cancelledReason"; message: string };

/** A change of an item's status (the same status is no change), with the reason a cancellation needs. */
export function checkEquipmentStatusChange(input: { kind: string; from: EquipmentStatus; to: EquipmentStatus; cancelledReason?: string | null }): EquipmentStatusCheck {
  const { from, to } = input;
  if (to === "cancelled" && !input.cancelledReason?.trim()) {
    return { ok: false, field: "cancelledReason", message: "Give the reason it is cancelled" };
  }
  if (from === to) return { ok: true };
  const allowed = allowedNextEquipmentStatuses(from);
  if (allowed.includes(to)) return { ok: true };
  const label = EQUIPMENT_STATUS_LABELS;
  const next =
    allowed.length === 0
      ? `${label[from]} is final: it cannot change status.`
      : `From ${label[from]} it can next be: ${allowed.map((s) => label[s]).join(", ")}.`;
  return { ok: false, field: "status", message: `${input.kind} cannot go from ${label[from]} to ${label[to]}. ${next}` };
}

/** The item's name as the clinic says it: the kind, or the description for "other" ("Hoist and slings (bariatric)"). */
export function equipmentItemName(item: { kind: EquipmentKind; description: string | null }): string {
  if (item.kind === "other") return item.description?.trim() || "Other equipment";
  return item.description?.trim() ? `${EQUIPMENT_KIND_LABELS[item.kind]} (${item.description.trim()})` : EQUIPMENT_KIND_LABELS[item.kind];
}
