import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { DEFAULT_PATHWAY_SETTINGS, type PathwaySettings } from "@/lib/domain/clocks";
import { formatDateTime } from "@/lib/domain/time-format";
import { AppError } from "@/lib/errors";
import type { Tx } from "../client";
import { pathwaySettings, users } from "../schema";
import { recordAudit } from "./audit";

// Any fixed number: changes to the settings are made one at a time across every app instance.
const SETTINGS_LOCK_KEY = 727_310_457;

/**
 * Saves the pathway settings as a new version in force from now. The caller names the version its form
 * showed (0 for the defaults); if someone saved another since, the change is refused naming them.
 */
export async function savePathwaySettings(
  tx: Tx,
  input: { actorId: string; basedOnVersionId: number; settings: PathwaySettings },
): Promise<{ versionId: number }> {
  await tx.execute(sql`select pg_advisory_xact_lock(${SETTINGS_LOCK_KEY})`);
  const [latest] = await tx
    .select({ id: pathwaySettings.id, settings: pathwaySettings.settings, effectiveFrom: pathwaySettings.effectiveFrom, by: users.name })
    .from(pathwaySettings)
    .leftJoin(users, eq(users.id, pathwaySettings.createdBy))
    .orderBy(desc(pathwaySettings.effectiveFrom), desc(pathwaySettings.id))
    .limit(1);
  if ((latest?.id ?? 0) !== input.basedOnVersionId) {
    throw new AppError(
      "conflict",
      `${latest?.by ?? "Someone"} changed the pathway settings at ${latest ? formatDateTime(latest.effectiveFrom) : "an earlier time"} while you were editing. Reload to see their change; your entries are still in the form.`,
    );
  }
  const [created] = await tx.insert(pathwaySettings).values({ settings: input.settings, createdBy: input.actorId }).returning({ id: pathwaySettings.id });
  if (!created) throw new Error("insert returned no row");
  await recordAudit(tx, {
    actorId: input.actorId,
    action: "pathway_settings.change",
    entityType: "pathway_settings",
    entityId: String(created.id),
    before: latest?.settings ?? DEFAULT_PATHWAY_SETTINGS,
    after: input.settings,
  });
  return { versionId: created.id };
}
