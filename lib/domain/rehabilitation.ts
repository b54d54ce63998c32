import { blocksDischargeNow, equipmentItemName, EQUIPMENT_STATUS_LABELS, type EquipmentKind, type EquipmentStatus } from "./equipment";
import { formatCalendarDate } from "./time-format";

/**
 * Rehabilitation and discharge (issue 6; pathway.md "Rehabilitation and discharge"): the plan's checklist, where
 * the patient goes, and the equipment and adaptations that must be in place first. Pure vocabulary and rules.
 */

// The checklist of pathway.md, besides the physiotherapy and occupational therapy assessments (which are clocks).
export const CHECKLIST_ITEMS = [
  "bladder_bowel_plan",
  "pressure_care",
  "vte_prophylaxis",
  "steroid_reduction_plan",
  "psychological_family_support",
  "chc_fast_track",
  "package_of_care",
  "community_palliative_nursing",
] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

export const CHECKLIST_ITEM_LABELS: Record<ChecklistItem, string> = {
  bladder_bowel_plan: "Bladder and bowel plan",
  pressure_care: "Pressure area care",
  vte_prophylaxis: "VTE prophylaxis while immobile",
  steroid_reduction_plan: "Steroid reduction plan",
  psychological_family_support: "Psychological and family support",
  chc_fast_track: "NHS Continuing Healthcare fast track (where mobility is very limited)",
  package_of_care: "Package of care",
  community_palliative_nursing: "Community and palliative nursing",
};

export const CHECKLIST_STATES = ["open", "done", "not_needed"] as const;
export type ChecklistState = (typeof CHECKLIST_STATES)[number];

export const CHECKLIST_STATE_LABELS: Record<ChecklistState, string> = { open: "Open", done: "Done", not_needed: "Not needed" };

export interface ChecklistEntry {
  state: ChecklistState;
  note?: string;
}
export type Checklist = Partial<Record<ChecklistItem, ChecklistEntry>>;

export const DESTINATIONS = ["home", "local_hospital", "specialist_rehab_unit", "hospice", "nursing_home"] as const;
export type Destination = (typeof DESTINATIONS)[number];

export const DESTINATION_NAMES: Record<Destination, string> = {
  home: "Home",
  local_hospital: "Local hospital",
  specialist_rehab_unit: "Specialist rehabilitation unit",
  hospice: "Hospice",
  nursing_home: "Nursing home",
};

/** The checklist items not yet done or marked not needed, in the checklist's order. */
export function openChecklistItems(checklist: Checklist): ChecklistItem[] {
  return CHECKLIST_ITEMS.filter((item) => {
    const state = checklist[item]?.state ?? "open";
    return state === "open";
  });
}

export interface DischargeEquipment {
  id: string;
  kind: EquipmentKind;
  description: string | null;
  status: EquipmentStatus;
  blocksDischarge: boolean;
  expectedOn: string | null;
}

/** One thing that stops the discharge, keyed by the discharge form's field it belongs to. */
export interface DischargeBlocker {
  field: string;
  message: string;
}

export type DischargeCheck = { ok: true } | { ok: false; blockers: DischargeBlocker[] };

/** The discharge form's field for an open checklist item's reason. */
export const openItemReasonField = (item: ChecklistItem) => `data.openItemReasons.${item}`;

/**
 * Discharge is allowed only when each checklist item is done or not needed, or has a reason given now; when no
 * equipment marked as blocking is still to come; and when the destination is chosen (issue 6, item 4).
 */
export function checkDischarge(input: {
  checklist: Checklist;
  equipment: readonly DischargeEquipment[];
  reasons: Partial<Record<ChecklistItem, string>>;
  destination: Destination | null | undefined;
}): DischargeCheck {
  const blockers: DischargeBlocker[] = [];
  if (!input.destination) blockers.push({ field: "data.destination", message: "Choose where the patient is discharged to" });
  for (const item of openChecklistItems(input.checklist)) {
    if (input.reasons[item]?.trim()) continue;
    blockers.push({ field: openItemReasonField(item), message: `${CHECKLIST_ITEM_LABELS[item]}: not done; give a reason or complete it` });
  }
  for (const equipment of input.equipment) {
    if (!blocksDischargeNow(equipment)) continue;
    const expected = equipment.expectedOn ? `, expected ${formatCalendarDate(equipment.expectedOn)}` : ", no expected date";
    blockers.push({
      field: `equipment.${equipment.id}`,
      message: `${equipmentItemName(equipment)} blocks discharge: ${EQUIPMENT_STATUS_LABELS[equipment.status].toLowerCase()}${expected}`,
    });
  }
  return blockers.length === 0 ? { ok: true } : { ok: false, blockers };
}
