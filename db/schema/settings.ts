import { bigint, index, jsonb, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import type { PathwaySettings } from "@/lib/domain/clocks";
import { users } from "./users";

/**
 * Pathway settings (clock targets, the at-risk fraction) as versions, each in force from its instant. A change
 * is a new version, never an edit (a trigger rejects UPDATE and DELETE), so a clock can always be recomputed
 * with the target that was in force when it started. No row means the defaults of lib/domain/clocks.ts.
 */
export const pathwaySettings = pgTable(
  "pathway_settings",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    effectiveFrom: timestamp("effective_from", { withTimezone: true }).notNull().defaultNow(),
    settings: jsonb("settings").$type<PathwaySettings>().notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("pathway_settings_effective_idx").on(t.effectiveFrom)],
);

export type PathwaySettingsRow = typeof pathwaySettings.$inferSelect;
