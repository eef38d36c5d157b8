-- Remote links (a fix's pull request on the Jira issue) go through the outbox like comments, so
-- they reach Jira in order after the issue exists. Their payload holds url, title and summary as
-- JSON, which can outgrow the ids the other operations carry.
ALTER TABLE jira_outbox DROP CONSTRAINT jira_outbox_operation_check;
ALTER TABLE jira_outbox ADD CONSTRAINT jira_outbox_operation_check
    CHECK (operation IN ('CREATE', 'UPDATE', 'COMMENT', 'ATTACHMENT', 'REMOTE_LINK'));
ALTER TABLE jira_outbox ALTER COLUMN payload SET DATA TYPE VARCHAR(8192);
