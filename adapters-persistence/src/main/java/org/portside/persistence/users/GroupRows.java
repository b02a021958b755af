package org.portside.persistence.users;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface GroupRows extends GenericRepository<GroupRow, String> {

    Optional<GroupRow> findById(String name);

    @Query("INSERT INTO groups (name) VALUES (:name) ON CONFLICT DO NOTHING")
    long insertIfAbsent(String name);

    @Query("DELETE FROM groups WHERE name = :name")
    long deleteByName(String name);

    @Query("SELECT userid FROM memberships WHERE group_name = :name")
    List<String> findMemberIds(String name);

    @Query("DELETE FROM memberships WHERE group_name = :name")
    long removeAllMembers(String name);
}
