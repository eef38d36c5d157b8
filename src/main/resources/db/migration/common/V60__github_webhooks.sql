-- GitHub webhook deliveries already handled, by X-GitHub-Delivery (a GUID, unchanged when GitHub
-- or an admin redelivers). Owned by the fix module.
CREATE TABLE github_delivery (
    delivery_id  VARCHAR(128) NOT NULL PRIMARY KEY,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX github_delivery_received_idx ON github_delivery (received_at);
