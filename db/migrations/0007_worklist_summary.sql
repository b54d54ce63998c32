ALTER TABLE "referrals" ADD COLUMN "open_clocks" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "next_clock_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "clocks_at_risk_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "dexamethasone_given_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "dexamethasone_contraindicated" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "immobilised_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "immobilisation_lifted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "awaiting_acknowledgement_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "missing_data" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "summary_computed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "referrals_active_urgency_idx" ON "referrals" USING btree ("next_clock_due_at","received_at") WHERE "referrals"."status" not in ('discharged', 'closed', 'mscc_excluded', 'withdrawn');--> statement-breakpoint
CREATE INDEX "referrals_summary_pending_idx" ON "referrals" USING btree ("id") WHERE "referrals"."summary_computed_at" is null;