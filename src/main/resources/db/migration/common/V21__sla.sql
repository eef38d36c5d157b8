-- SLA clocks, one row per ticket. The *_alarm_at columns hold the due time only while a clock runs
-- and has not been reported as breached, so the breach monitor reads a short index range.
CREATE TABLE ticket_sla (
    ticket_id                BIGINT      NOT NULL PRIMARY KEY REFERENCES ticket (id) ON DELETE CASCADE,
    priority                 VARCHAR(16) NOT NULL,
    started_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    first_response_at        TIMESTAMP WITH TIME ZONE,
    resolved_at              TIMESTAMP WITH TIME ZONE,
    paused_since             TIMESTAMP WITH TIME ZONE,
    paused_seconds           BIGINT      DEFAULT 0 NOT NULL,
    first_response_alarm_at  TIMESTAMP WITH TIME ZONE,
    resolution_alarm_at      TIMESTAMP WITH TIME ZONE,
    first_response_breached  BOOLEAN     DEFAULT FALSE NOT NULL,
    resolution_breached      BOOLEAN     DEFAULT FALSE NOT NULL
);
CREATE INDEX ticket_sla_first_alarm_idx ON ticket_sla (first_response_alarm_at);
CREATE INDEX ticket_sla_resolution_alarm_idx ON ticket_sla (resolution_alarm_at);
CREATE INDEX ticket_sla_resolved_idx ON ticket_sla (resolved_at);
