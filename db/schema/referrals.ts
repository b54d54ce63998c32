import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { OpenClock } from "@/lib/domain/worklist";
import {
  AMBULATORY_STATUSES,
  REFERRAL_CATEGORIES,
  REFERRAL_STATUSES,
  REFERRER_ROLES,
  type HaematologicalSuspicion,
  type KnownMetastasis,
  type NeurologySign,
  type WarningSymptom,
} from "@/lib/domain/vocabulary";
import { patients } from "./patients";
import { users } from "./users";

export const referralStatus = pgEnum("referral_status", REFERRAL_STATUSES);
export const referralCategory = pgEnum("referral_category", REFERRAL_CATEGORIES);
export const referrerRole = pgEnum("referrer_role", REFERRER_ROLES);
export const ambulatoryStatus = pgEnum("ambulatory_status", AMBULATORY_STATUSES);

export const referrals = pgTable(
  "referrals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    status: referralStatus("status").notNull().default("new"),
    category: referralCategory("category").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    referrerName: text("referrer_name").notNull(),
    referrerRole: referrerRole("referrer_role").notNull(),
    referrerOrganisation: text("referrer_organisation"),
    referrerContact: text("referrer_contact"),
    // Codes from lib/domain (warning symptoms and neurology); arrays keep the first version simple.
    symptoms: text("symptoms").array().$type<WarningSymptom[]>().notNull().default(sql`'{}'::text[]`),
    neurology: text("neurology").array().$type<NeurologySign[]>().notNull().default(sql`'{}'::text[]`),
    neurologyOnsetAt: timestamp("neurology_onset_at", { withTimezone: true }),
    ambulatoryStatus: ambulatoryStatus("ambulatory_status"),
    // Cancer history (pathway.md minimum data set).
    primaryCancer: text("primary_cancer"),
    knownMetastases: text("known_metastases").array().$type<KnownMetastasis[]>(),
    currentTreatment: text("current_treatment"),
    // Lymphoma or myeloma suspected: steroids can spoil the diagnosis (NG234), so it is asked for explicitly.
    haematologicalSuspected: text("haematological_suspected").$type<HaematologicalSuspicion>(),
    previousSpinalRadiotherapy: boolean("previous_spinal_radiotherapy"),
    previousSpinalRadiotherapyLevel: text("previous_spinal_radiotherapy_level"),
    imagingAvailable: text("imaging_available"),
    assignedRegistrarId: uuid("assigned_registrar_id").references(() => users.id),
    // Optimistic concurrency: every change names the version it was based on.
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    // Null when the system made the change (an escalation that went to the second line unacknowledged).
    updatedBy: uuid("updated_by").references(() => users.id),
    // The worklist summary (lib/domain/worklist.ts), recomputed from the events in the same transaction as every
    // change, so the worklist sorts and filters in the database. Null summary_computed_at: compute at start.
    openClocks: jsonb("open_clocks").$type<OpenClock[]>().notNull().default([]),
    nextClockDueAt: timestamp("next_clock_due_at", { withTimezone: true }),
    clocksAtRiskAt: timestamp("clocks_at_risk_at", { withTimezone: true }),
    dexamethasoneGivenAt: timestamp("dexamethasone_given_at", { withTimezone: true }),
    dexamethasoneContraindicated: boolean("dexamethasone_contraindicated").notNull().default(false),
    immobilisedSince: timestamp("immobilised_since", { withTimezone: true }),
    immobilisationLiftedAt: timestamp("immobilisation_lifted_at", { withTimezone: true }),
    awaitingAcknowledgementSince: timestamp("awaiting_acknowledgement_since", { withTimezone: true }),
    acknowledgementDueAt: timestamp("acknowledgement_due_at", { withTimezone: true }),
    escalationLevel: integer("escalation_level").notNull().default(0),
    escalatedToId: uuid("escalated_to_id").references(() => users.id),
    missingData: integer("missing_data").notNull().default(0),
    summaryComputedAt: timestamp("summary_computed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("referrals_patient_idx").on(t.patientId),
    index("referrals_status_idx").on(t.status),
    index("referrals_received_at_idx").on(t.receivedAt),
    // The worklist: active referrals only, most urgent first (the default order), without touching history.
    index("referrals_active_urgency_idx")
      .on(t.nextClockDueAt, t.receivedAt)
      .where(sql`${t.status} not in ('discharged', 'closed', 'mscc_excluded', 'withdrawn')`),
    index("referrals_summary_pending_idx").on(t.id).where(sql`${t.summaryComputedAt} is null`),
    // The escalation sweep: escalations still with the first line, by deadline.
    index("referrals_acknowledgement_due_idx").on(t.acknowledgementDueAt).where(sql`${t.escalationLevel} = 1`),
    check("referrals_version_positive", sql`${t.version} > 0`),
    // One open referral per patient, whatever races the application loses: a second is added to the first.
    uniqueIndex("referrals_one_open_per_patient")
      .on(t.patientId)
      .where(sql`${t.status} not in ('discharged', 'closed', 'mscc_excluded', 'withdrawn')`),
  ],
);

export type Referral = typeof referrals.$inferSelect;
export type NewReferral = typeof referrals.$inferInsert;
