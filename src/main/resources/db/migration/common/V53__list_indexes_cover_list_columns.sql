-- "My tickets" reads a page of the customer's tickets. With every column the list shows (and every
-- column it filters on) in the index, the page comes from the index alone: H2 and PostgreSQL
-- (index-only scan) never visit the wide ticket rows, which at a million tickets are mostly not in
-- memory. Measured in docs/benchmarks.md; the extra columns cost a few hundred bytes per ticket.
DROP INDEX ticket_customer_created_idx;
DROP INDEX ticket_customer_status_created_idx;
CREATE INDEX ticket_customer_created_idx ON ticket (customer_id, created_at DESC, id DESC, deleted_at,
    status, issue_type, priority, ticket_key, updated_at, reporter_email, summary);
CREATE INDEX ticket_customer_status_created_idx ON ticket (customer_id, status, created_at DESC, id DESC,
    deleted_at, issue_type, priority, ticket_key, updated_at, reporter_email, summary);
