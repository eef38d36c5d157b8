-- One satisfaction rating per ticket, given by the customer once it is resolved or closed.
CREATE TABLE ticket_rating (
    ticket_id  BIGINT        NOT NULL PRIMARY KEY REFERENCES ticket (id) ON DELETE CASCADE,
    score      SMALLINT      NOT NULL,
    comment    VARCHAR(4000),
    rated_by   VARCHAR(320)  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ticket_rating_score_check CHECK (score BETWEEN 1 AND 5)
);
CREATE INDEX ticket_rating_created_idx ON ticket_rating (created_at);

-- One vote per customer user (token subject) per feature request; ticket.votes is the count.
CREATE TABLE ticket_vote (
    ticket_id   BIGINT       NOT NULL REFERENCES ticket (id) ON DELETE CASCADE,
    voter       VARCHAR(255) NOT NULL,
    voter_email VARCHAR(320),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (ticket_id, voter)
);
