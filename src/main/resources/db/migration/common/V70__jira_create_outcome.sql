-- A create whose outcome is unknown. Before POST /issue the delivery records the attempt here, in
-- its own committed transaction, fenced by the lease it holds (lease_owner is a token unique to
-- each claim). Until the create's answer is recorded (issue_id) or it certainly did not reach
-- Jira (cleared), no delivery creates again: it only looks the issue up by its label, and a
-- lookup that finds nothing is trusted only from create_settles_at on, when the attempt has
-- ended and Jira's search index has caught up with it.
ALTER TABLE jira_link ADD COLUMN create_attempt VARCHAR(128);
ALTER TABLE jira_link ADD COLUMN create_attempted_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE jira_link ADD COLUMN create_settles_at TIMESTAMP WITH TIME ZONE;

-- Creates attempted before this version: their outcome is unknown, look them up first.
UPDATE jira_link SET create_attempt = 'before-v70', create_attempted_at = CURRENT_TIMESTAMP,
    create_settles_at = CURRENT_TIMESTAMP
WHERE issue_id IS NULL AND EXISTS (SELECT 1 FROM jira_outbox o WHERE o.ticket_id = jira_link.ticket_id
    AND o.operation = 'CREATE' AND o.attempts > 0 AND o.failed_at IS NULL);

-- Unexpected local failures of an entry (a bug, a constraint violation): each is put off with
-- backoff, and the entry becomes a dead letter after delivery.max-failures of them.
ALTER TABLE jira_outbox ADD COLUMN failures INTEGER DEFAULT 0 NOT NULL;
