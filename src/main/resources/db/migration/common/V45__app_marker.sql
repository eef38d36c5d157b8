-- One-off work a node must do once per database, not once per start (e.g. giving old tickets SLA
-- clocks): done when its row exists.
CREATE TABLE app_marker (
    name    VARCHAR(64) NOT NULL PRIMARY KEY,
    done_at TIMESTAMP WITH TIME ZONE NOT NULL
);
