-- A customer's list filtered by status ("my open tickets"), newest first, without reading the rest.
CREATE INDEX ticket_customer_status_created_idx ON ticket (customer_id, status, created_at DESC, id DESC);
