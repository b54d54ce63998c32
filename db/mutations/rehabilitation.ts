import "server-only";
import { eq } from "drizzle-orm";
import { SYSTEM_NAME } from "@/lib/domain/escalation";
import { blocksDischargeNow, checkEquipmentStatusChange, equipmentItemName, type EquipmentStatus } from "@/lib/domain/equipment";
import { checkDischarge, openChecklistItems, type ChecklistItem, type Destination } from "@/lib/domain/rehabilitation";
import { londonDate } from "@/lib/domain/time-format";
import { formatDateTime } from "@/lib/domain/time-format";
import { isReferralActive, REFERRAL_STATUS_LABELS } from "@/lib/domain/vocabulary";
import { AppError } from "@/lib/errors";
import type { AddEquipmentForm, EquipmentChanges, RehabPlanChanges } from "@/lib/validation/rehabilitation";
import type { Tx } from "../client";
import { getRehabPlan, listEquipmentItems } from "../queries/rehabilitation";
import { isUuid } from "../queries/users";
import { equipmentItems, referrals, rehabPlans, users, type EquipmentItem } from "../schema";
import { recordAudit } from "./audit";
import type { Actor } from "./referrals";
import { notifyReferralsChanged, refreshWorklistSummaries } from "./worklist";

/**
 * The rehabilitation plan and the equipment tracker (issue 6). Each write locks the referral first, so it is
 * ordered against a discharge, which reads the plan and the equipment under the same lock.
 */
async function lockActiveReferral(tx: Tx, referralId: string): Promise<void> {
  if (!isUuid(referralId)) throw new AppError("not_found", "No such referral.");
  const [referral] = await tx.select({ status: referrals.status }).from(referrals).where(eq(referrals.id, referralId)).for("update");
  if (!referral) throw new AppError("not_found", "No such referral.");
  if (!isReferralActive(referral.status)) {
    throw new AppError("unprocessable", `This referral is ${REFERRAL_STATUS_LABELS[referral.status]}: its rehabilitation plan and equipment can no longer change.`);
  }
}

/** A stale version: who changed the record and when, never a generic failure (house rule 6). */
async function staleVersion(tx: Tx, what: string, updatedBy: string | null, updatedAt: Date): Promise<AppError> {
  const [editor] = updatedBy ? await tx.select({ name: users.name }).from(users).where(eq(users.id, updatedBy)) : [{ name: SYSTEM_NAME }];
  return new AppError(
    "conflict",
    `${editor?.name ?? "Someone"} changed ${what} at ${formatDateTime(updatedAt)} while you were working on it. Reload to see their change; what you entered is still in the form.`,
  );
}

async function afterChange(tx: Tx, referralId: string): Promise<void> {
  await refreshWorklistSummaries(tx, [referralId]);
  await notifyReferralsChanged(tx, [referralId]);
}

/** Starts the plan on its first save; afterwards each save names the version it was based on. */
export async function saveRehabPlan(
  tx: Tx,
  input: { actor: Actor; referralId: string; expectedVersion: number | undefined; plan: RehabPlanChanges; now: Date },
): Promise<{ version: number }> {
  await lockActiveReferral(tx, input.referralId);
  const [existing] = await tx.select().from(rehabPlans).where(eq(rehabPlans.referralId, input.referralId)).for("update");
  const { plan } = input;
  // A date already in the plan may have passed; a new one may not be in the past.
  if (plan.expectedDischargeOn && plan.expectedDischargeOn < londonDate(input.now) && plan.expectedDischargeOn !== existing?.expectedDischargeOn) {
    const message = "The expected discharge date is in the past: enter today or a later date";
    throw new AppError("validation", message, { expectedDischargeOn: [message] });
  }
  const values = { ...plan, updatedBy: input.actor.id, updatedAt: input.now };

  if (!existing) {
    const [created] = await tx
      .insert(rehabPlans)
      .values({ referralId: input.referralId, ...values, createdBy: input.actor.id, createdAt: input.now })
      .returning();
    if (!created) throw new Error("rehab plan insert returned no row");
    await recordAudit(tx, { actorId: input.actor.id, action: "rehab_plan.create", entityType: "referral", entityId: input.referralId, after: auditablePlan(created) });
    await afterChange(tx, input.referralId);
    return { version: created.version };
  }

  if (input.expectedVersion !== existing.version) throw await staleVersion(tx, "the rehabilitation plan", existing.updatedBy, existing.updatedAt);
  const [updated] = await tx
    .update(rehabPlans)
    .set({ ...values, version: existing.version + 1 })
    .where(eq(rehabPlans.referralId, input.referralId))
    .returning();
  if (!updated) throw new Error("rehab plan update returned no row");
  await recordAudit(tx, {
    actorId: input.actor.id,
    action: "rehab_plan.update",
    entityType: "referral",
    entityId: input.referralId,
    before: auditablePlan(existing),
    after: auditablePlan(updated),
  });
  await afterChange(tx, input.referralId);
  return { version: updated.version };
}

function auditablePlan(plan: typeof rehabPlans.$inferSelect) {
  const { createdAt: _c, updatedAt: _u, createdBy: _cb, updatedBy: _ub, ...rest } = plan;
  return rest;
}

function auditableItem(item: EquipmentItem) {
  const { createdAt: _c, updatedAt: _u, createdBy: _cb, updatedBy: _ub, ...rest } = item;
  return rest;
}

/** The delivered and installed dates an item gets when it reaches that status without one: today, in London. */
function datesOnArrival(status: EquipmentStatus, dates: { deliveredOn: string | null; installedOn: string | null }, now: Date) {
  const today = londonDate(now);
  const reached = (s: EquipmentStatus) => status === s || (s === "delivered" && status === "installed");
  return {
    deliveredOn: dates.deliveredOn ?? (reached("delivered") ? today : null),
    installedOn: dates.installedOn ?? (reached("installed") ? today : null),
  };
}

export async function addEquipmentItem(tx: Tx, input: { actor: Actor; referralId: string; item: AddEquipmentForm["item"]; now: Date }): Promise<{ id: string; version: number }> {
  await lockActiveReferral(tx, input.referralId);
  const { item } = input;
  const [created] = await tx
    .insert(equipmentItems)
    .values({
      referralId: input.referralId,
      ...item,
      ...datesOnArrival(item.status, { deliveredOn: null, installedOn: null }, input.now),
      blockingSince: blocksDischargeNow(item) ? input.now : null,
      createdBy: input.actor.id,
      createdAt: input.now,
      updatedBy: input.actor.id,
      updatedAt: input.now,
    })
    .returning();
  if (!created) throw new Error("equipment insert returned no row");
  await recordAudit(tx, { actorId: input.actor.id, action: "equipment.add", entityType: "equipment_item", entityId: created.id, after: auditableItem(created), context: { referralId: input.referralId } });
  await afterChange(tx, input.referralId);
  return { id: created.id, version: created.version };
}

/**
 * Moves an item along its status path (lib/domain/equipment) and updates its details. It starts counting the
 * days it blocks discharge when it starts blocking, and stops when it no longer does.
 */
export async function updateEquipmentItem(
  tx: Tx,
  input: { actor: Actor; equipmentItemId: string; expectedVersion: number; changes: EquipmentChanges; now: Date },
): Promise<{ id: string; version: number; referralId: string }> {
  if (!isUuid(input.equipmentItemId)) throw new AppError("not_found", "No such equipment item.");
  const [located] = await tx.select({ referralId: equipmentItems.referralId }).from(equipmentItems).where(eq(equipmentItems.id, input.equipmentItemId));
  if (!located) throw new AppError("not_found", "No such equipment item.");
  await lockActiveReferral(tx, located.referralId);
  const [item] = await tx.select().from(equipmentItems).where(eq(equipmentItems.id, input.equipmentItemId)).for("update");
  if (!item) throw new AppError("not_found", "No such equipment item.");
  const name = equipmentItemName(item);
  if (item.version !== input.expectedVersion) throw await staleVersion(tx, name, item.updatedBy, item.updatedAt);

  const { changes } = input;
  const check = checkEquipmentStatusChange({ kind: name, from: item.status, to: changes.status, cancelledReason: changes.cancelledReason });
  if (!check.ok) throw new AppError("unprocessable", check.message, { [check.field]: [check.message] });

  const wasBlocking = blocksDischargeNow(item);
  const isBlocking = blocksDischargeNow(changes);
  const blockingSince = isBlocking ? (wasBlocking ? item.blockingSince : input.now) : null;
  const [updated] = await tx
    .update(equipmentItems)
    .set({
      ...changes,
      ...datesOnArrival(changes.status, changes, input.now),
      blockingSince,
      version: item.version + 1,
      updatedBy: input.actor.id,
      updatedAt: input.now,
    })
    .where(eq(equipmentItems.id, item.id))
    .returning();
  if (!updated) throw new Error("equipment update returned no row");
  await recordAudit(tx, {
    actorId: input.actor.id,
    action: item.status === updated.status ? "equipment.update" : `equipment.${updated.status}`,
    entityType: "equipment_item",
    entityId: item.id,
    before: auditableItem(item),
    after: auditableItem(updated),
    context: { referralId: item.referralId },
  });
  await afterChange(tx, item.referralId);
  return { id: updated.id, version: updated.version, referralId: item.referralId };
}

/**
 * The discharge rule, applied to a "discharged" event inside appendReferralEvent's transaction (the referral is
 * already locked): refused with every blocker, each keyed to the discharge form's field; allowed, the event keeps
 * the reasons for the checklist items still open, and only those.
 */
export async function checkDischargeEvent(tx: Tx, input: { referralId: string; data: Record<string, unknown> }): Promise<Record<string, unknown>> {
  const [plan, equipment] = await Promise.all([getRehabPlan({ referralId: input.referralId, db: tx }), listEquipmentItems({ referralId: input.referralId, db: tx })]);
  const checklist = plan?.checklist ?? {};
  const given = (input.data.openItemReasons ?? {}) as Partial<Record<ChecklistItem, string>>;
  const check = checkDischarge({ checklist, equipment, reasons: given, destination: input.data.destination as Destination | undefined });
  if (!check.ok) {
    const fields: Record<string, string[]> = {};
    for (const b of check.blockers) (fields[b.field] ??= []).push(b.message);
    throw new AppError("unprocessable", `Discharge is blocked: ${check.blockers.map((b) => b.message).join("; ")}.`, fields);
  }
  const open = openChecklistItems(checklist);
  const { openItemReasons: _given, ...data } = input.data;
  const reasons = Object.fromEntries(open.map((item) => [item, given[item]]));
  return open.length > 0 ? { ...data, openItemReasons: reasons } : data;
}
