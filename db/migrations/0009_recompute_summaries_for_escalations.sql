-- The worklist summary now carries the escalation waiting for acknowledgement (its deadline, level and holder):
-- active referrals get theirs computed at the next start (db/startup.ts computes every summary marked pending).
UPDATE "referrals" SET "summary_computed_at" = NULL
WHERE "status" NOT IN ('discharged', 'closed', 'mscc_excluded', 'withdrawn');
--> statement-breakpoint
-- What was attempted and which webhook address was set are history: append-only, like the audit trail.
CREATE TRIGGER webhook_attempts_append_only BEFORE UPDATE OR DELETE ON webhook_attempts
  FOR EACH ROW EXECUTE FUNCTION mscc_reject_history_change();
--> statement-breakpoint
CREATE TRIGGER webhook_settings_append_only BEFORE UPDATE OR DELETE ON webhook_settings
  FOR EACH ROW EXECUTE FUNCTION mscc_reject_history_change();
