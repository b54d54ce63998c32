import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { RotaLine } from "@/lib/domain/escalation";
import { referralEvents } from "./events";
import { referrals } from "./referrals";
import { users } from "./users";

/**
 * The on-call rota (issue 5): who is first on call (an oncology registrar) and who is second line (a consultant
 * acting as registrar, or a coordinator) for each period. A shift is removed, never deleted, so the rota that was
 * in force when an escalation went out can always be read back.
 */
export const rotaShifts = pgTable(
  "rota_shifts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    line: text("line").$type<RotaLine>().notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp("removed_at", { withTimezone: true }),
    removedBy: uuid("removed_by").references(() => users.id),
  },
  (t) => [
    check("rota_shifts_line", sql`${t.line} in ('first', 'second')`),
    check("rota_shifts_order", sql`${t.endsAt} > ${t.startsAt}`),
    index("rota_shifts_time_idx").on(t.line, t.startsAt, t.endsAt).where(sql`${t.removedAt} is null`),
  ],
);

/**
 * Where escalations are posted for the trust's paging system: each change a new version (the newest is in force;
 * a null URL turns the webhook off). The signing secret comes from the environment only, never from here.
 */
export const webhookSettings = pgTable("webhook_settings", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  url: text("url"),
  createdBy: uuid("created_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const WEBHOOK_DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/**
 * The outbox: one row per escalation to announce, written in the escalation's own transaction (so a rolled-back
 * escalation is never announced and a committed one always is), then delivered with retries by the dispatcher.
 * The payload holds ids and codes only, never a patient's details.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    referralId: uuid("referral_id")
      .notNull()
      .references(() => referrals.id),
    eventId: uuid("event_id")
      .notNull()
      .references(() => referralEvents.id),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: text("status").$type<WebhookDeliveryStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [
    check("webhook_deliveries_status", sql`${t.status} in ('pending', 'delivered', 'failed')`),
    uniqueIndex("webhook_deliveries_event_key").on(t.eventId),
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index("webhook_deliveries_created_idx").on(t.createdAt),
  ],
);

/** Every attempt at a delivery and what came of it, for the admin page. */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id),
    attemptedAt: timestamp("attempted_at", { withTimezone: true }).notNull().defaultNow(),
    url: text("url"),
    statusCode: integer("status_code"),
    error: text("error"),
    durationMs: integer("duration_ms").notNull().default(0),
  },
  (t) => [index("webhook_attempts_delivery_idx").on(t.deliveryId, t.attemptedAt)],
);

/**
 * The referrer's receipt (issue 5, item 7): a reference number and a read-only status link. Only the token's
 * SHA-256 is kept; the link stops working when the referral closes.
 */
export const referralReceipts = pgTable(
  "referral_receipts",
  {
    referralId: uuid("referral_id")
      .primaryKey()
      .references(() => referrals.id),
    number: bigint("number", { mode: "number" }).notNull().generatedAlwaysAsIdentity(),
    tokenHash: text("token_hash").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("referral_receipts_token_key").on(t.tokenHash), uniqueIndex("referral_receipts_number_key").on(t.number)],
);

export type RotaShift = typeof rotaShifts.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type WebhookAttempt = typeof webhookAttempts.$inferSelect;
