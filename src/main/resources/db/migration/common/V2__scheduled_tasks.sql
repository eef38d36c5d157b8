-- db-scheduler's table (background jobs). Layout from db-scheduler's PostgreSQL DDL, with
-- bounded VARCHARs instead of TEXT so that H2 can index the key columns.
CREATE TABLE scheduled_tasks (
    task_name            VARCHAR(100)  NOT NULL,
    task_instance        VARCHAR(255)  NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN       NOT NULL,
    picked_by            VARCHAR(255),
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT        NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
