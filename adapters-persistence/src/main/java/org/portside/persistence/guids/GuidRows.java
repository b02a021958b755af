package org.portside.persistence.guids;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface GuidRows extends GenericRepository<GuidRow, String> {

    Optional<GuidRow> findById(String guid);

    /** Locks and reads at once, until the transaction ends. */
    @Query("SELECT guid, expire_at, owner FROM guids WHERE guid = :guid FOR UPDATE")
    Optional<GuidRow> findByIdForUpdate(String guid);

    @Query("INSERT INTO guids (guid, expire_at, owner) VALUES (:guid, :expireAt, :owner) ON CONFLICT DO NOTHING")
    long insertIfAbsent(String guid, long expireAt, String owner);

    @Query("UPDATE guids SET expire_at = :expireAt, owner = :owner WHERE guid = :guid")
    long overwrite(String guid, long expireAt, String owner);

    @Query("DELETE FROM guids WHERE guid = :guid")
    long deleteByGuid(String guid);

    /** One bounded batch; SKIP LOCKED so that several instances purging at once do not queue up. */
    @Query("DELETE FROM guids WHERE guid IN (SELECT guid FROM guids WHERE expire_at <= :now LIMIT :limit FOR UPDATE SKIP LOCKED)")
    long deleteExpired(long now, int limit);
}
