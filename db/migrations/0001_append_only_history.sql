-- History is never rewritten (architecture house rule 6): the audit trail and the referral events are
-- append-only in the database itself, whatever the application does.
CREATE OR REPLACE FUNCTION mscc_reject_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION mscc_reject_history_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION mscc_reject_history_change();
--> statement-breakpoint
CREATE TRIGGER referral_events_append_only BEFORE UPDATE OR DELETE ON referral_events
  FOR EACH ROW EXECUTE FUNCTION mscc_reject_history_change();
--> statement-breakpoint
CREATE TRIGGER referral_events_no_truncate BEFORE TRUNCATE ON referral_events
  FOR EACH STATEMENT EXECUTE FUNCTION mscc_reject_history_change();
