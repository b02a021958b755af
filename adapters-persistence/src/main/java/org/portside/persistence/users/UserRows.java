package org.portside.persistence.users;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface UserRows extends GenericRepository<UserRow, String> {

    Optional<UserRow> findById(String userid);

    /** The given ids that exist, locked against deletion until the transaction ends. */
    @Query("SELECT userid, first_name, last_name FROM users WHERE userid IN (:userids) FOR KEY SHARE")
    List<UserRow> findExistingForKeyShare(Collection<String> userids);

    @Query("INSERT INTO users (userid, first_name, last_name) VALUES (:userid, :firstName, :lastName) ON CONFLICT DO NOTHING")
    long insertIfAbsent(String userid, String firstName, String lastName);

    @Query("UPDATE users SET first_name = :firstName, last_name = :lastName WHERE userid = :userid")
    long updateNames(String userid, String firstName, String lastName);

    @Query("DELETE FROM users WHERE userid = :userid")
    long deleteByUserid(String userid);

    @Query("SELECT group_name FROM memberships WHERE userid = :userid")
    List<String> findGroupNames(String userid);

    @Query("DELETE FROM memberships WHERE userid = :userid")
    long leaveAllGroups(String userid);

    @Query("INSERT INTO memberships (group_name, userid) VALUES (:groupName, :userid) ON CONFLICT DO NOTHING")
    long join(String groupName, String userid);
}
