-- Leases, attempts and retries (see org.portside.domain.tasks.Task). A lease exists only while RUNNING.
ALTER TABLE tasks
    ADD COLUMN attempt          integer      NOT NULL DEFAULT 0  CHECK (attempt >= 0),
    ADD COLUMN max_attempts     integer      NOT NULL DEFAULT 3  CHECK (max_attempts BETWEEN 1 AND 100),
    ADD COLUMN backoff_seconds  integer      NOT NULL DEFAULT 10 CHECK (backoff_seconds BETWEEN 0 AND 3600),
    ADD COLUMN lease_token      char(32),
    ADD COLUMN lease_expires_at timestamptz,
    ADD COLUMN last_error       text,
    ADD CONSTRAINT tasks_lease_while_running CHECK (
        (lease_token IS NULL) = (lease_expires_at IS NULL) AND (lease_token IS NULL OR status = 'RUNNING'));

-- When a task is due to be handed out: Task.dueAt(), derived here so the claim reads one index range
-- (JdbcTaskStoreTest checks that the two agree).
ALTER TABLE tasks ADD COLUMN due_at timestamptz GENERATED ALWAYS AS (
    CASE status WHEN 'SCHEDULED' THEN start_at WHEN 'RUNNING' THEN lease_expires_at END) STORED;

-- The claim: a worker's due tasks, earliest first. Finished tasks are not in it at all.
CREATE INDEX tasks_due ON tasks (worker, due_at, id) WHERE due_at IS NOT NULL;
-- The sweep: expired leases of every worker.
CREATE INDEX tasks_lease_expiry ON tasks (lease_expires_at, id) WHERE lease_expires_at IS NOT NULL;

-- A queue table: every claim leaves dead index entries at the head of tasks_due that each later claim
-- walks past until VACUUM removes them, so vacuum after 2 % of the rows changed, not the default 20 %,
-- and without cost-based pauses.
ALTER TABLE tasks SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 1000,
                       autovacuum_vacuum_cost_delay = 0);
