-- Tickets a customer answered that staff have not answered yet: the admin list flags them
-- ("customer replied") until staff reply publicly. One row per waiting ticket, removed on the answer.
CREATE TABLE ticket_customer_reply (
    ticket_id   BIGINT NOT NULL PRIMARY KEY REFERENCES ticket (id) ON DELETE CASCADE,
    replied_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
