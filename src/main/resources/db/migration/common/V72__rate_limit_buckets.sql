-- Token buckets of the rate limits (Bucket4j), shared by every node: one row per key such as
-- "customer:<subject>" or "signin-account:<e-mail>". Rows are locked with SELECT ... FOR UPDATE
-- while a request takes a token. expires_at (epoch milliseconds) is when the bucket would be full
-- again; rows past it carry no information and are deleted.
CREATE TABLE rate_limit_bucket (
    id         VARCHAR(300) PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);
CREATE INDEX rate_limit_bucket_expires_idx ON rate_limit_bucket (expires_at);
