-- Several nodes: every node's search index and live dashboard follow the change feed. A NOTIFY
-- at the commit of each feed write wakes the other nodes at once instead of at their next poll.
-- The payload is the schema, so nodes of another installation in the same database ignore it.
-- Identical notifications in one transaction are delivered once, at commit, and never on rollback.
CREATE FUNCTION ticket_change_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('bugbridge_ticket_change', current_schema());
  RETURN NULL;
END
$$;

CREATE TRIGGER ticket_change_notify AFTER INSERT ON ticket_change
  FOR EACH STATEMENT EXECUTE FUNCTION ticket_change_notify();
