package org.portside.persistence.users;

import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.portside.application.users.port.out.UserStore;
import org.portside.domain.users.GroupName;
import org.portside.domain.users.PersonName;
import org.portside.domain.users.User;
import org.portside.domain.users.UserId;
import org.portside.persistence.shared.TranslatesOutages;
import org.postgresql.PGStatement;

/**
 * Users in {@code users} and {@code memberships}. Every call is one statement, one round trip: a
 * user is read with its groups at one moment, and written with its memberships, and the groups they
 * name, in one statement (a CTE).
 */
@Singleton
@Connectable // reads outside a transaction get a connection of their own; inside one, they join it
@TranslatesOutages // not final: the interceptor subclasses it
class JdbcUserStore implements UserStore {

    private static final String WITH_GROUPS = "SELECT u.userid, u.first_name, u.last_name, "
            + "ARRAY(SELECT m.group_name FROM memberships m WHERE m.userid = u.userid ORDER BY m.group_name) AS groups "
            + "FROM users u WHERE u.userid";
    private static final String FIND = WITH_GROUPS + " = ?";
    private static final String FIND_ALL = WITH_GROUPS + " = ANY (?)";

    /**
     * Users, the groups they name that do not exist yet, and their memberships; the userids stored
     * (none of a user whose userid is taken, writing nothing for it). Each array holds one element a
     * user: userids, first names, last names; then one a membership: its userid and its group. Users
     * and groups are inserted in key order, so concurrent writers take the same key locks in the same
     * order; an existing group is not locked at all (the membership's foreign key takes a key-share
     * lock, which does not conflict with another).
     */
    private static final String INSERT_WITH_GROUPS = """
            WITH new_users AS (
                INSERT INTO users (userid, first_name, last_name)
                SELECT * FROM unnest(CAST(? AS varchar[]), CAST(? AS text[]), CAST(? AS text[])) AS u (userid, f, l)
                ORDER BY userid
                ON CONFLICT DO NOTHING RETURNING userid),
            wanted AS (
                SELECT * FROM unnest(CAST(? AS varchar[]), CAST(? AS varchar[])) AS w (userid, group_name)),
            new_groups AS (
                INSERT INTO groups (name) SELECT DISTINCT w.group_name FROM wanted w JOIN new_users n USING (userid)
                ORDER BY 1
                ON CONFLICT DO NOTHING),
            joined AS (
                INSERT INTO memberships (group_name, userid)
                SELECT w.group_name, w.userid FROM wanted w JOIN new_users n USING (userid))
            SELECT userid FROM new_users""";

    /** Names and memberships of an existing user, and the groups it names; 0 if there is no such user. */
    private static final String UPDATE_WITH_GROUPS = """
            WITH changed AS (
                UPDATE users SET first_name = ?, last_name = ? WHERE userid = ?
                RETURNING userid),
            new_groups AS (
                INSERT INTO groups (name) SELECT g FROM unnest(CAST(? AS varchar[])) g
                WHERE EXISTS (SELECT FROM changed) ORDER BY g
                ON CONFLICT DO NOTHING),
            left_groups AS (
                DELETE FROM memberships m USING changed c
                WHERE m.userid = c.userid AND m.group_name <> ALL (CAST(? AS varchar[]))),
            joined AS (
                INSERT INTO memberships (group_name, userid)
                SELECT g, c.userid FROM changed c, unnest(CAST(? AS varchar[])) g
                ON CONFLICT DO NOTHING)
            SELECT count(*) FROM changed""";

    private final JdbcOperations jdbc;

    JdbcUserStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<User> find(UserId userid) {
        return jdbc.prepareStatement(FIND, statement -> {
            statement.setString(1, userid.value());
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(user(row)) : Optional.<User>empty();
            }
        });
    }

    /** One statement for all of them: a read that arrived with others shares their round trip. */
    @Override
    public Map<UserId, User> findAll(Set<UserId> userids) {
        return jdbc.prepareStatement(FIND_ALL, statement -> {
            statement.setArray(1, varchars(statement, userids.stream().map(UserId::value).toArray(String[]::new)));
            Map<UserId, User> found = new HashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    User user = user(rows);
                    found.put(user.userid(), user);
                }
            }
            return found;
        });
    }

    private static User user(ResultSet row) throws SQLException {
        String[] groups = (String[]) row.getArray(4).getArray();
        return User.of(new UserId(row.getString(1)), new PersonName(row.getString(2)),
                new PersonName(row.getString(3)), Arrays.stream(groups).map(GroupName::new).toList());
    }

    /**
     * The given ids that exist, locked against deletion until the transaction ends. Planned for its
     * own array on every call, never from a cached plan: PostgreSQL's generic plan for {@code = ANY
     * (?)}, made while {@code users} is small, is a sequential scan, and it stays cached until the
     * table is analysed again, which with autovacuum off or behind is never or late (seen in the
     * benchmark: member replacement at 4 a second after a bulk load of users, 800 with the index).
     * The planning costs well under a millisecond of a replacement that checks up to thousands of
     * members.
     */
    @Override
    public Set<UserId> existing(Collection<UserId> userids) {
        if (userids.isEmpty()) {
            return Set.of();
        }
        return jdbc.prepareStatement("SELECT userid FROM users WHERE userid = ANY (?) FOR KEY SHARE", statement -> {
            statement.unwrap(PGStatement.class).setPrepareThreshold(0); // an unnamed statement: a custom plan
            statement.setArray(1, varchars(statement, userids.stream().map(UserId::value).toArray(String[]::new)));
            Set<UserId> found = new HashSet<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(new UserId(rows.getString(1)));
                }
            }
            return found;
        });
    }

    @Override
    public boolean insertIfAbsent(User user) {
        return !insertAllIfAbsent(List.of(user)).isEmpty();
    }

    /** One statement for all of them: registrations that arrived together share its round trip and commit. */
    @Override
    public Set<UserId> insertAllIfAbsent(List<User> users) {
        return jdbc.prepareStatement(INSERT_WITH_GROUPS, statement -> {
            List<String> members = new ArrayList<>();
            List<String> groups = new ArrayList<>();
            for (User user : users) {
                for (String group : groupNames(user)) {
                    members.add(user.userid().value());
                    groups.add(group);
                }
            }
            statement.setArray(1, varchars(statement, users.stream().map(u -> u.userid().value()).toArray(String[]::new)));
            statement.setArray(2, varchars(statement, users.stream().map(u -> u.firstName().value()).toArray(String[]::new)));
            statement.setArray(3, varchars(statement, users.stream().map(u -> u.lastName().value()).toArray(String[]::new)));
            statement.setArray(4, varchars(statement, members.toArray(String[]::new)));
            statement.setArray(5, varchars(statement, groups.toArray(String[]::new)));
            Set<UserId> stored = new HashSet<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    stored.add(new UserId(rows.getString(1)));
                }
            }
            return stored;
        });
    }

    @Override
    public boolean update(User user) {
        return jdbc.prepareStatement(UPDATE_WITH_GROUPS, statement -> {
            String[] groups = groupNames(user);
            statement.setString(1, user.firstName().value());
            statement.setString(2, user.lastName().value());
            statement.setString(3, user.userid().value());
            statement.setArray(4, varchars(statement, groups));
            statement.setArray(5, varchars(statement, groups));
            statement.setArray(6, varchars(statement, groups));
            return count(statement);
        }) > 0;
    }

    @Override
    public boolean delete(UserId userid) {
        return jdbc.prepareStatement("DELETE FROM users WHERE userid = ?", statement -> {
            statement.setString(1, userid.value());
            return statement.executeUpdate();
        }) > 0; // memberships go with it (ON DELETE CASCADE)
    }

    private static String[] groupNames(User user) {
        return user.groups().stream().map(GroupName::value).sorted().toArray(String[]::new);
    }

    static java.sql.Array varchars(PreparedStatement statement, String[] values) throws SQLException {
        return statement.getConnection().createArrayOf("varchar", values);
    }

    static long count(PreparedStatement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
