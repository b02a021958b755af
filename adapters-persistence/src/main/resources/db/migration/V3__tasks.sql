-- Tasks. start is stored to the second (timestamptz, UTC on the wire); payload is a JSON object.
CREATE TABLE tasks (
    id       uuid         PRIMARY KEY,
    start_at timestamptz  NOT NULL,
    title    varchar(256),
    worker   varchar(128) NOT NULL,
    status   varchar(16)  NOT NULL CHECK (status IN ('SCHEDULED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    payload  jsonb        NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(payload) = 'object'),
    version  bigint       NOT NULL DEFAULT 1
);

-- Every filter combination reads in (start_at, id) order, the keyset of the list endpoint:
CREATE INDEX tasks_by_start         ON tasks (start_at, id);
CREATE INDEX tasks_by_worker        ON tasks (worker, start_at, id);
CREATE INDEX tasks_by_status        ON tasks (status, start_at, id);
-- worker + status, and the claim query (worker, SCHEDULED, start_at <= now, earliest first):
CREATE INDEX tasks_by_worker_status ON tasks (worker, status, start_at, id);
