-- Idempotency-Key records: the first successful answer to a request, per route scope and key, kept
-- until expires_at (then purged). Written in the same transaction as the work it answers for.
CREATE TABLE idempotency_keys (
    scope       varchar(512)  NOT NULL,
    key         varchar(255)  NOT NULL,
    fingerprint char(64)      NOT NULL,
    status      integer       NOT NULL,
    body        text          NOT NULL,
    header_names  text[]      NOT NULL,
    header_values text[]      NOT NULL,
    expires_at  timestamptz   NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
