-- The GUID registry. expire_at is Unix seconds; a row whose expire_at has passed counts as absent
-- and is purged in the background in bounded batches.
CREATE TABLE guids (
    guid      char(32)     PRIMARY KEY CHECK (guid ~ '^[0-9A-F]{32}$'),
    expire_at bigint       NOT NULL CHECK (expire_at >= 0),
    owner     varchar(256) NOT NULL
);

CREATE INDEX guids_by_expiry ON guids (expire_at);
