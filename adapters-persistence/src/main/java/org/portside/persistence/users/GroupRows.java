package org.portside.persistence.users;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.DataType;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/** Every statement on groups is one round trip; a group is read with its members in one statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface GroupRows extends GenericRepository<GroupRow, String> {

    /** Also run, with {@code FOR NO KEY UPDATE OF g}, by {@link JdbcGroupStore#findForUpdate}. */
    String WITH_MEMBERS = "SELECT g.name, "
            + "ARRAY(SELECT m.userid FROM memberships m WHERE m.group_name = g.name ORDER BY m.userid) AS members "
            + "FROM groups g WHERE g.name = :name";

    @Query(WITH_MEMBERS)
    Optional<GroupView> findWithMembers(String name);

    @Query("INSERT INTO groups (name) VALUES (:name) ON CONFLICT DO NOTHING")
    long insertIfAbsent(String name);

    @Query("DELETE FROM groups WHERE name = :name")
    long deleteByName(String name);

    /**
     * The exact member set, in one statement: those not listed leave, the new ones join (in userid
     * order, so concurrent writers lock in the same order).
     *
     * @return how many memberships changed
     */
    @Query("""
            WITH left_group AS (
                DELETE FROM memberships WHERE group_name = :name AND userid <> ALL (CAST(:members AS varchar[]))
                RETURNING userid),
            joined AS (
                INSERT INTO memberships (group_name, userid)
                SELECT :name, u FROM unnest(CAST(:members AS varchar[])) u ORDER BY u
                ON CONFLICT DO NOTHING
                RETURNING userid)
            SELECT (SELECT count(*) FROM left_group) + (SELECT count(*) FROM joined)""")
    long replaceMembers(String name, @TypeDef(type = DataType.STRING_ARRAY) String[] members);
}
