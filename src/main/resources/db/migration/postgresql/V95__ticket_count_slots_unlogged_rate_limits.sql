-- Each count is spread over 16 rows (slots) and a writing transaction adds to one picked at random.
-- With one row per combination, every intake of the same type, status and priority waited for the
-- previous one's commit (its row lock is held until then, WAL flush included), so intake was
-- serialised on commits. Readers add the slots up. (H2's copy of this migration drops the key its way.)
ALTER TABLE ticket_count ADD COLUMN slot SMALLINT DEFAULT 0 NOT NULL;
ALTER TABLE ticket_count DROP CONSTRAINT ticket_count_pkey;
ALTER TABLE ticket_count ADD PRIMARY KEY (issue_type, status, priority, slot);
INSERT INTO ticket_count (issue_type, status, priority, slot, tickets)
SELECT c.issue_type, c.status, c.priority, s.v, 0
FROM ticket_count c
CROSS JOIN (VALUES (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15)) AS s (v)
WHERE c.slot = 0;

-- Rate-limit buckets are not worth a WAL flush: every request took a row lock on its bucket and
-- held it until the commit had been flushed to disk. A transaction that writes only unlogged
-- tables commits without waiting for the flush. The price: after a crash (or on a promoted
-- standby) the table is empty, so every bucket starts full again, which is what a new key gets.
ALTER TABLE rate_limit_bucket SET UNLOGGED;
