import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { EquipmentKind, EquipmentStatus } from "@/lib/domain/equipment";
import type { Checklist, Destination } from "@/lib/domain/rehabilitation";
import { referrals } from "./referrals";
import { users } from "./users";

/**
 * The rehabilitation plan (issue 6): one per referral, started on admission, edited with a version check; each
 * change is audited with before and after. What happens to the patient (assessments, discharge) stays in events.
 */
export const rehabPlans = pgTable("rehab_plans", {
  referralId: uuid("referral_id")
    .primaryKey()
    .references(() => referrals.id),
  keyWorkerName: text("key_worker_name"),
  keyWorkerContact: text("key_worker_contact"),
  goals: text("goals"),
  // Medically fit for discharge since (null: not yet).
  medicallyFitAt: timestamp("medically_fit_at", { withTimezone: true }),
  checklist: jsonb("checklist").$type<Checklist>().notNull().default({}),
  destination: text("destination").$type<Destination>(),
  expectedDischargeOn: date("expected_discharge_on"),
  version: integer("version").notNull().default(1),
  createdBy: uuid("created_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid("updated_by").references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Equipment and home adaptations for a referral, each with its owner, dates and whether it blocks discharge. */
export const equipmentItems = pgTable(
  "equipment_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    referralId: uuid("referral_id")
      .notNull()
      .references(() => referrals.id),
    kind: text("kind").$type<EquipmentKind>().notNull(),
    // Required for "other"; a detail ("bariatric", "left side") for the rest.
    description: text("description"),
    status: text("status").$type<EquipmentStatus>().notNull().default("needed"),
    supplier: text("supplier"),
    owner: text("owner"),
    requestedOn: date("requested_on"),
    expectedOn: date("expected_on"),
    deliveredOn: date("delivered_on"),
    installedOn: date("installed_on"),
    cancelledReason: text("cancelled_reason"),
    blocksDischarge: boolean("blocks_discharge").notNull().default(false),
    // Since when it has blocked discharge (null: it does not): the board counts the days from here.
    blockingSince: timestamp("blocking_since", { withTimezone: true }),
    notes: text("notes"),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("equipment_items_status", sql`${t.status} in ('needed', 'requested', 'ordered', 'delivered', 'installed', 'cancelled')`),
    check("equipment_items_cancel_reason", sql`${t.status} <> 'cancelled' or ${t.cancelledReason} is not null`),
    check("equipment_items_version_positive", sql`${t.version} > 0`),
    index("equipment_items_referral_idx").on(t.referralId),
  ],
);

export interface ServiceContacts {
  serviceName: string;
  coordinatorPhone: string;
  acuteOncologyPhone: string;
  outOfHoursPhone: string;
}

/**
 * The service's telephone numbers for the patient information sheet (issue 6, item 5), as versions: each change a
 * new row (append-only), the newest in force. No row: the sheet says the numbers are not set yet.
 */
export const serviceContactVersions = pgTable("service_contact_versions", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  contacts: jsonb("contacts").$type<ServiceContacts>().notNull(),
  createdBy: uuid("created_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type RehabPlan = typeof rehabPlans.$inferSelect;
export type EquipmentItem = typeof equipmentItems.$inferSelect;
