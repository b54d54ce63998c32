-- Pathway settings are versions: a change is a new row, so closed clocks keep the target they started with.
CREATE TRIGGER pathway_settings_append_only BEFORE UPDATE OR DELETE ON pathway_settings
  FOR EACH ROW EXECUTE FUNCTION mscc_reject_history_change();
--> statement-breakpoint
CREATE TRIGGER pathway_settings_no_truncate BEFORE TRUNCATE ON pathway_settings
  FOR EACH STATEMENT EXECUTE FUNCTION mscc_reject_history_change();
