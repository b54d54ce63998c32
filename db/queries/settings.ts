import "server-only";
import { asc, desc, eq } from "drizzle-orm";
import type { SettingsVersion } from "@/lib/domain/clocks";
import { getDb, type Db } from "../client";
import { pathwaySettings, users } from "../schema";

/** Every version, oldest first, for the clock engine's settingsInForceAt. */
export async function listPathwaySettingsHistory(db: Db = getDb()): Promise<SettingsVersion[]> {
  const rows = await db
    .select({ effectiveFrom: pathwaySettings.effectiveFrom, settings: pathwaySettings.settings })
    .from(pathwaySettings)
    .orderBy(asc(pathwaySettings.effectiveFrom), asc(pathwaySettings.id));
  return rows;
}

/** Versions newest first, with who made each, for the admin page. */
export async function listPathwaySettingsVersions(db: Db = getDb()) {
  return db
    .select({
      id: pathwaySettings.id,
      effectiveFrom: pathwaySettings.effectiveFrom,
      settings: pathwaySettings.settings,
      createdByName: users.name,
    })
    .from(pathwaySettings)
    .leftJoin(users, eq(users.id, pathwaySettings.createdBy))
    .orderBy(desc(pathwaySettings.effectiveFrom), desc(pathwaySettings.id));
}
