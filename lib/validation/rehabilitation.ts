import { z } from "zod";
import { EQUIPMENT_KINDS, EQUIPMENT_STATUSES } from "@/lib/domain/equipment";
import { CHECKLIST_ITEMS, CHECKLIST_STATES, DESTINATIONS, type Checklist } from "@/lib/domain/rehabilitation";
import { addCalendarDays, londonDate } from "@/lib/domain/time-format";
import { recordEventForm } from "./referral-forms";
import { blankToUndefined, instant, text, yesNo } from "./referrals";

/**
 * The rehabilitation plan, the equipment tracker and the discharge form (issue 6), as their server actions
 * receive them: flat FormData. Field errors keep the form's names ("checklist.pressure_care.state") so each
 * shows beside its field.
 */

const referralId = z.uuid("This referral is not valid: reload the page");
const version = z.coerce.number({ error: "Missing the version you started from: reload the page" }).int().positive("Missing the version you started from: reload the page");

/** A calendar date as a date field sends it (yyyy-MM-dd), a real one; blank is not given. */
export const calendarDate = (label: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v) && v >= "2000-01-01" && v <= "2999-12-31", `Enter the ${label} as a date, e.g. 02/12/2026`)
      .optional(),
  );

function planFields(raw: Record<string, unknown>) {
  const checklist: Record<string, { state?: unknown; note?: unknown }> = {};
  for (const item of CHECKLIST_ITEMS) checklist[item] = { state: raw[`checklist.${item}.state`], note: raw[`checklist.${item}.note`] };
  return { ...raw, checklist };
}

const checklistEntry = z.object({
  state: z.preprocess((v) => (v === undefined || v === "" ? "open" : v), z.enum(CHECKLIST_STATES, { error: "Choose open, done or not needed" })),
  note: text(1000, "Note"),
});

/** The plan form. No expected version: the plan is being started. */
export const rehabPlanForm = z.preprocess(
  (raw) => (raw !== null && typeof raw === "object" && !Array.isArray(raw) ? planFields(raw as Record<string, unknown>) : raw),
  z
    .object({
      referralId,
      expectedVersion: z.preprocess(blankToUndefined, version.optional()),
      keyWorkerName: text(200, "Key worker's name"),
      keyWorkerContact: text(200, "Key worker's phone or bleep"),
      goals: text(4000, "Goals"),
      medicallyFit: yesNo("medically fit for discharge"),
      medicallyFitAt: z.preprocess(blankToUndefined, instant("time the patient became medically fit").optional()),
      checklist: z.object(Object.fromEntries(CHECKLIST_ITEMS.map((item) => [item, checklistEntry])) as Record<(typeof CHECKLIST_ITEMS)[number], typeof checklistEntry>),
      destination: z.preprocess(blankToUndefined, z.enum(DESTINATIONS, { error: "Choose the destination" }).optional()),
      expectedDischargeOn: calendarDate("expected discharge date"),
    })
    .superRefine((v, ctx) => {
      if (v.medicallyFit === true && !v.medicallyFitAt) ctx.addIssue({ code: "custom", path: ["medicallyFitAt"], message: "Enter since when the patient is medically fit" });
      if (v.medicallyFitAt && v.medicallyFitAt.getTime() > Date.now() + 5 * 60_000) {
        ctx.addIssue({ code: "custom", path: ["medicallyFitAt"], message: "The time is in the future: enter since when the patient is medically fit" });
      }
      if (v.expectedDischargeOn && v.expectedDischargeOn > addCalendarDays(londonDate(new Date()), 366)) {
        ctx.addIssue({ code: "custom", path: ["expectedDischargeOn"], message: "The expected discharge date is more than a year ahead" });
      }
    })
    .transform((v) => ({
      referralId: v.referralId,
      expectedVersion: v.expectedVersion,
      plan: {
        keyWorkerName: v.keyWorkerName ?? null,
        keyWorkerContact: v.keyWorkerContact ?? null,
        goals: v.goals ?? null,
        medicallyFitAt: v.medicallyFit === true ? (v.medicallyFitAt ?? null) : null,
        checklist: Object.fromEntries(CHECKLIST_ITEMS.map((item) => [item, v.checklist[item].note ? v.checklist[item] : { state: v.checklist[item].state }])) as Checklist,
        destination: v.destination ?? null,
        expectedDischargeOn: v.expectedDischargeOn ?? null,
      },
    })),
);
export type RehabPlanForm = z.infer<typeof rehabPlanForm>;
export type RehabPlanChanges = RehabPlanForm["plan"];

const equipmentDetails = {
  supplier: text(200, "Supplier or service"),
  owner: text(200, "Who owns it"),
  requestedOn: calendarDate("date requested"),
  expectedOn: calendarDate("date expected"),
  blocksDischarge: yesNo("blocks discharge"),
  notes: text(2000, "Notes"),
};

const nullable = <T,>(v: T | undefined): T | null => v ?? null;

/** A new item: "other" needs a description; it starts needed unless the form says it is further along. */
export const addEquipmentForm = z
  .object({
    referralId,
    kind: z.enum(EQUIPMENT_KINDS, { error: "Choose the equipment or adaptation" }),
    description: text(200, "Description"),
    status: z.preprocess((v) => (v === undefined || v === "" ? "needed" : v), z.enum(EQUIPMENT_STATUSES.filter((s) => s !== "cancelled") as ["needed", ...("requested" | "ordered" | "delivered" | "installed")[]], { error: "Choose where it stands" })),
    ...equipmentDetails,
  })
  .superRefine((v, ctx) => {
    if (v.kind === "other" && !v.description) ctx.addIssue({ code: "custom", path: ["description"], message: "Describe the equipment or adaptation" });
  })
  .transform((v) => ({
    referralId: v.referralId,
    item: {
      kind: v.kind,
      description: nullable(v.description),
      status: v.status,
      supplier: nullable(v.supplier),
      owner: nullable(v.owner),
      requestedOn: nullable(v.requestedOn),
      expectedOn: nullable(v.expectedOn),
      blocksDischarge: v.blocksDischarge === true,
      notes: nullable(v.notes),
    },
  }));
export type AddEquipmentForm = z.infer<typeof addEquipmentForm>;

/** A change to an item: its status and details as they should now stand, from the version the form showed. */
export const updateEquipmentForm = z
  .object({
    equipmentItemId: z.uuid("This item is not valid: reload the page"),
    expectedVersion: version,
    status: z.enum(EQUIPMENT_STATUSES, { error: "Choose where it stands" }),
    deliveredOn: calendarDate("date delivered"),
    installedOn: calendarDate("date installed"),
    cancelledReason: text(1000, "Reason it is cancelled"),
    ...equipmentDetails,
  })
  .superRefine((v, ctx) => {
    if (v.status === "cancelled" && !v.cancelledReason) ctx.addIssue({ code: "custom", path: ["cancelledReason"], message: "Give the reason it is cancelled" });
  })
  .transform((v) => ({
    equipmentItemId: v.equipmentItemId,
    expectedVersion: v.expectedVersion,
    changes: {
      status: v.status,
      supplier: nullable(v.supplier),
      owner: nullable(v.owner),
      requestedOn: nullable(v.requestedOn),
      expectedOn: nullable(v.expectedOn),
      deliveredOn: nullable(v.deliveredOn),
      installedOn: nullable(v.installedOn),
      cancelledReason: v.status === "cancelled" ? nullable(v.cancelledReason) : null,
      blocksDischarge: v.blocksDischarge === true,
      notes: nullable(v.notes),
    },
  }));
export type UpdateEquipmentForm = z.infer<typeof updateEquipmentForm>;
export type EquipmentChanges = UpdateEquipmentForm["changes"];

const REASON_PREFIX = "data.openItemReasons.";

/**
 * The discharge form: the "discharged" event (destination, ambulatory status, Frankel grade, note) with a reason
 * box per open checklist item ("data.openItemReasons.<item>"), gathered into data.openItemReasons; blank boxes
 * are left out. Validated as the JSON API validates the same event.
 */
export const dischargeForm = z.unknown().transform((raw, ctx) => {
  const source = raw !== null && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const reasons: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (!key.startsWith(REASON_PREFIX)) rest[key] = value;
    else if (typeof value !== "string" || value.trim() !== "") reasons[key.slice(REASON_PREFIX.length)] = value;
  }
  const parsed = recordEventForm.safeParse({ ...rest, type: "discharged", data: Object.keys(reasons).length > 0 ? { openItemReasons: reasons } : {} });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: issue.path.map(String), message: issue.message });
    return z.NEVER;
  }
  return parsed.data;
});
export type DischargeForm = z.infer<typeof dischargeForm>;
