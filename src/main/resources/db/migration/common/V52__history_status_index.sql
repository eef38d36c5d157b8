-- The dashboard's "resolved per day" chart counts status changes to Resolved or Closed over the
-- last 30 days; without this it would scan the whole history.
CREATE INDEX ticket_history_field_occurred_idx ON ticket_history (field, occurred_at);
