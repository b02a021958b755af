-- Task histories: append-only, apart from the tasks (the claim never touches these rows but to append),
-- and without a foreign key, so a deleted task's history stays for audit until it is pruned.
CREATE TABLE task_events (
    id      bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_id uuid         NOT NULL,
    at      timestamptz  NOT NULL,
    type    varchar(32)  NOT NULL,
    worker  varchar(128) NOT NULL,
    attempt integer      NOT NULL,
    detail  text
);
CREATE INDEX task_events_by_task ON task_events (task_id, id);
CREATE INDEX task_events_by_time ON task_events (at);
