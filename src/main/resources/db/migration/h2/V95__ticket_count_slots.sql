-- Each count is spread over 16 rows (slots) and a writing transaction adds to one picked at random.
-- With one row per combination, every intake of the same type, status and priority waited for the
-- previous one's commit (its row lock is held until then), so intake was serialised on commits.
-- Readers add the slots up. PostgreSQL's copy of this migration differs only in dropping the key.
ALTER TABLE ticket_count ADD COLUMN slot SMALLINT DEFAULT 0 NOT NULL;
ALTER TABLE ticket_count DROP PRIMARY KEY;
ALTER TABLE ticket_count ADD PRIMARY KEY (issue_type, status, priority, slot);
INSERT INTO ticket_count (issue_type, status, priority, slot, tickets)
SELECT c.issue_type, c.status, c.priority, s.v, 0
FROM ticket_count c
CROSS JOIN (VALUES (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15)) AS s (v)
WHERE c.slot = 0;
