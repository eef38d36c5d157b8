-- Sentence embeddings of tickets for semantic duplicate matching (search module). One row per
-- ticket: the unit vector as little-endian float32 bytes (384 dimensions = 1,536 bytes), and a
-- hash of the model and text it was computed from, so a changed summary or another model is
-- noticed and the vector computed again. Written by whichever node embeds the ticket first;
-- every node loads them into memory at start.
CREATE TABLE ticket_embedding (
    ticket_id  BIGINT PRIMARY KEY REFERENCES ticket (id) ON DELETE CASCADE,
    text_hash  INTEGER NOT NULL,
    vector     BYTEA   NOT NULL
);
