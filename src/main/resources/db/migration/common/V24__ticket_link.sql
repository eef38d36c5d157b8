-- Relations between tickets; today: "duplicate_of", written when an admin merges duplicates.
CREATE TABLE ticket_link (
    ticket_id        BIGINT       NOT NULL REFERENCES ticket (id) ON DELETE CASCADE,
    kind             VARCHAR(32)  NOT NULL,
    linked_ticket_id BIGINT       NOT NULL REFERENCES ticket (id) ON DELETE CASCADE,
    created_by       VARCHAR(320) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (ticket_id, kind, linked_ticket_id)
);
CREATE INDEX ticket_link_linked_idx ON ticket_link (linked_ticket_id);
