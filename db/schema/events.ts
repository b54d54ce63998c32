import { index, jsonb, pgTable, text, timestamp, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import type { ReferralEventType } from "@/lib/domain/referral-events";
import { referrals } from "./referrals";
import { users } from "./users";

/**
 * Everything that happens to a referral, appended and never changed (a trigger in the migrations rejects
 * UPDATE and DELETE). A correction is a new event naming the one it corrects.
 */
export const referralEvents = pgTable(
  "referral_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    referralId: uuid("referral_id")
      .notNull()
      .references(() => referrals.id),
    // Text, not a database enum: later issues add event types without an ALTER TYPE.
    type: text("type").$type<ReferralEventType>().notNull(),
    // When it happened clinically (may be entered later) and when it was recorded.
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    // Null: recorded by the system itself (an unacknowledged escalation sent on to the second line).
    recordedBy: uuid("recorded_by").references(() => users.id),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    correctsEventId: uuid("corrects_event_id").references((): AnyPgColumn => referralEvents.id),
  },
  (t) => [index("referral_events_referral_idx").on(t.referralId, t.occurredAt)],
);

export type ReferralEvent = typeof referralEvents.$inferSelect;
export type NewReferralEvent = typeof referralEvents.$inferInsert;
