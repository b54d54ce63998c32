import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb, type Db, type Tx } from "../client";
import { equipmentItems, rehabPlans } from "../schema";
import { isUuid } from "./users";

/** A referral's rehabilitation plan, or null when none has been started. */
export async function getRehabPlan({ referralId, db = getDb() }: { referralId: string; db?: Db | Tx }) {
  if (!isUuid(referralId)) return null;
  const [plan] = await db.select().from(rehabPlans).where(eq(rehabPlans.referralId, referralId)).limit(1);
  return plan ?? null;
}

/** A referral's equipment and adaptations, in the order they were added. */
export async function listEquipmentItems({ referralId, db = getDb() }: { referralId: string; db?: Db | Tx }) {
  if (!isUuid(referralId)) return [];
  return db.select().from(equipmentItems).where(eq(equipmentItems.referralId, referralId)).orderBy(asc(equipmentItems.createdAt), asc(equipmentItems.id));
}
