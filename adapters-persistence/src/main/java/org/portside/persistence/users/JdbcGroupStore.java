package org.portside.persistence.users;

import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.portside.application.users.port.out.GroupStore;
import org.portside.domain.users.Group;
import org.portside.domain.users.GroupName;
import org.portside.domain.users.UserId;
import org.portside.persistence.shared.TranslatesOutages;

/** Groups in {@code groups} and {@code memberships}; every call is one statement, a group read with its members at one moment. */
@Singleton
@Connectable // reads outside a transaction get a connection of their own; inside one, they join it
@TranslatesOutages // not final: the interceptor subclasses it
class JdbcGroupStore implements GroupStore {

    private static final String WITH_MEMBERS = "SELECT g.name, "
            + "ARRAY(SELECT m.userid FROM memberships m WHERE m.group_name = g.name ORDER BY m.userid) AS members "
            + "FROM groups g WHERE g.name = ?";

    /**
     * Locks and reads at once, serialising member replacement per group with {@code FOR NO KEY
     * UPDATE}, which a membership's key-share lock (its foreign key check) does not conflict with;
     * {@code FOR UPDATE} here deadlocks with concurrent user updates joining the group (seen in
     * {@code UsersEndToEndTest}: membership inserts queue behind it while holding row locks the
     * replacement needs).
     */
    private static final String LOCK_WITH_MEMBERS = WITH_MEMBERS + " FOR NO KEY UPDATE OF g";

    /**
     * The exact member set, in one statement: those not listed leave, the new ones join (in userid
     * order, so concurrent writers lock in the same order).
     */
    private static final String REPLACE_MEMBERS = """
            WITH left_group AS (
                DELETE FROM memberships WHERE group_name = ? AND userid <> ALL (CAST(? AS varchar[]))
                RETURNING userid),
            joined AS (
                INSERT INTO memberships (group_name, userid)
                SELECT ?, u FROM unnest(CAST(? AS varchar[])) u ORDER BY u
                ON CONFLICT DO NOTHING
                RETURNING userid)
            SELECT (SELECT count(*) FROM left_group) + (SELECT count(*) FROM joined)""";

    private final JdbcOperations jdbc;

    JdbcGroupStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Group> find(GroupName name) {
        return one(WITH_MEMBERS, name);
    }

    @Override
    public Optional<Group> findForUpdate(GroupName name) {
        return one(LOCK_WITH_MEMBERS, name);
    }

    @Override
    public boolean insertIfAbsent(GroupName name) {
        return jdbc.prepareStatement("INSERT INTO groups (name) VALUES (?) ON CONFLICT DO NOTHING", statement -> {
            statement.setString(1, name.value());
            return statement.executeUpdate();
        }) > 0;
    }

    @Override
    public void replaceMembers(GroupName name, Set<UserId> members) {
        String[] userids = members.stream().map(UserId::value).sorted().toArray(String[]::new);
        jdbc.prepareStatement(REPLACE_MEMBERS, statement -> {
            statement.setString(1, name.value());
            statement.setArray(2, JdbcUserStore.varchars(statement, userids));
            statement.setString(3, name.value());
            statement.setArray(4, JdbcUserStore.varchars(statement, userids));
            return JdbcUserStore.count(statement);
        });
    }

    @Override
    public boolean delete(GroupName name) {
        return jdbc.prepareStatement("DELETE FROM groups WHERE name = ?", statement -> {
            statement.setString(1, name.value());
            return statement.executeUpdate();
        }) > 0; // memberships go with it (ON DELETE CASCADE)
    }

    private Optional<Group> one(String sql, GroupName name) {
        return jdbc.prepareStatement(sql, statement -> {
            statement.setString(1, name.value());
            try (ResultSet row = statement.executeQuery()) {
                return row.next()
                        ? Optional.of(Group.of(new GroupName(row.getString(1)),
                                Arrays.stream((String[]) row.getArray(2).getArray()).map(UserId::new).toList()))
                        : Optional.<Group>empty();
            }
        });
    }
}
