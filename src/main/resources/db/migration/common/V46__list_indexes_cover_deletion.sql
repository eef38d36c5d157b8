-- The customer's list filters out deleted tickets; with deleted_at in the index, counting a large
-- customer's tickets reads the index alone instead of every row.
DROP INDEX ticket_customer_created_idx;
DROP INDEX ticket_customer_status_created_idx;
CREATE INDEX ticket_customer_created_idx ON ticket (customer_id, created_at DESC, id DESC, deleted_at);
CREATE INDEX ticket_customer_status_created_idx ON ticket (customer_id, status, created_at DESC, id DESC, deleted_at);
