-- A create that may have made a second issue: after one whose outcome was unknown was followed by
-- a new create (the first can still be applied by Jira late), or when an issue carrying the
-- ticket's label shows up that is not the linked one. From duplicate_check_at on, the ticket's
-- label is searched and every issue but the linked one is removed (if only the service touched
-- it) or linked to it as a duplicate; duplicate_note says what could not be deleted.
ALTER TABLE jira_link ADD COLUMN duplicate_check_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE jira_link ADD COLUMN duplicate_note VARCHAR(1024);
CREATE INDEX jira_link_duplicate_check_idx ON jira_link (duplicate_check_at);
