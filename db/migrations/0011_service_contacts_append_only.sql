-- The service's contact numbers are kept as versions, like the pathway settings: never edited or deleted.
CREATE TRIGGER service_contact_versions_append_only BEFORE UPDATE OR DELETE ON service_contact_versions
  FOR EACH ROW EXECUTE FUNCTION mscc_reject_history_change();
