CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "known_metastases" text[];--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "current_treatment" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "haematological_suspected" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "previous_spinal_radiotherapy" boolean;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "previous_spinal_radiotherapy_level" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "imaging_available" text;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash_key" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "api_tokens_user_idx" ON "api_tokens" USING btree ("user_id");