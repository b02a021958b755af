package org.portside.persistence.users;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.DataType;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Every statement on users is one round trip: a user is read with its groups in one statement (one
 * moment), and written with its memberships, and the groups they name, in
 * one statement (a CTE).
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface UserRows extends GenericRepository<UserRow, String> {

    String WITH_GROUPS = "SELECT u.userid, u.first_name, u.last_name, "
            + "ARRAY(SELECT m.group_name FROM memberships m WHERE m.userid = u.userid ORDER BY m.group_name) AS groups "
            + "FROM users u WHERE u.userid = :userid";

    @Query(WITH_GROUPS)
    Optional<UserView> findWithGroups(String userid);

    /** The given ids that exist, locked against deletion until the transaction ends. */
    @Query("SELECT userid, first_name, last_name FROM users WHERE userid IN (:userids) FOR KEY SHARE")
    List<UserRow> findExistingForKeyShare(Collection<String> userids);

    /**
     * The user, the groups it names that do not exist yet, and its memberships, in one statement; 0,
     * writing nothing, if the userid is taken. Groups are inserted in name order, so concurrent
     * creators take the same key locks in the same order; an existing group is not locked at all
     * (the membership's foreign key takes a key-share lock, which does not conflict with another).
     */
    @Query("""
            WITH new_user AS (
                INSERT INTO users (userid, first_name, last_name) VALUES (:userid, :firstName, :lastName)
                ON CONFLICT DO NOTHING RETURNING userid),
            new_groups AS (
                INSERT INTO groups (name) SELECT g FROM unnest(CAST(:groups AS varchar[])) g
                WHERE EXISTS (SELECT FROM new_user) ORDER BY g
                ON CONFLICT DO NOTHING),
            joined AS (
                INSERT INTO memberships (group_name, userid)
                SELECT g, u.userid FROM new_user u, unnest(CAST(:groups AS varchar[])) g)
            SELECT count(*) FROM new_user""")
    long insertWithGroups(String userid, String firstName, String lastName,
                          @TypeDef(type = DataType.STRING_ARRAY) String[] groups);

    /** Names and memberships of an existing user, and the groups it names, in one statement; 0 if there is no such user. */
    @Query("""
            WITH changed AS (
                UPDATE users SET first_name = :firstName, last_name = :lastName WHERE userid = :userid
                RETURNING userid),
            new_groups AS (
                INSERT INTO groups (name) SELECT g FROM unnest(CAST(:groups AS varchar[])) g
                WHERE EXISTS (SELECT FROM changed) ORDER BY g
                ON CONFLICT DO NOTHING),
            left_groups AS (
                DELETE FROM memberships m USING changed c
                WHERE m.userid = c.userid AND m.group_name <> ALL (CAST(:groups AS varchar[]))),
            joined AS (
                INSERT INTO memberships (group_name, userid)
                SELECT g, c.userid FROM changed c, unnest(CAST(:groups AS varchar[])) g
                ON CONFLICT DO NOTHING)
            SELECT count(*) FROM changed""")
    long updateWithGroups(String userid, String firstName, String lastName,
                          @TypeDef(type = DataType.STRING_ARRAY) String[] groups);

    @Query("DELETE FROM users WHERE userid = :userid")
    long deleteByUserid(String userid);
}
