package org.portside.persistence.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portside.application.shared.port.out.Transactions;
import org.portside.application.users.DirectoryContract;
import org.portside.application.users.GroupService;
import org.portside.application.users.UserService;
import org.portside.domain.shared.Conflict;
import org.portside.domain.shared.Invalid;
import org.portside.domain.shared.NotFound;
import org.portside.domain.users.GroupName;
import org.portside.domain.users.PersonName;
import org.portside.domain.users.User;
import org.portside.domain.users.UserId;
import org.portside.persistence.shared.CleanDatabase;

/** The user and group stores on a real PostgreSQL, driven through the application services. */
@MicronautTest(transactional = false)
class JdbcDirectoryTest extends DirectoryContract {

    @Inject
    JdbcUserStore userStore;
    @Inject
    JdbcGroupStore groupStore;
    @Inject
    Transactions transactions;
    @Inject
    DataSource database;
    @Inject
    JdbcOperations jdbc;

    UserService users;
    GroupService groups;

    @BeforeEach
    void setUp() {
        CleanDatabase.truncateAll(database);
        users = new UserService(userStore, transactions);
        groups = new GroupService(groupStore, userStore, transactions);
    }

    static List<String> groupsOf(User u) {
        return u.groups().stream().map(GroupName::value).toList();
    }

    static List<String> members(org.portside.domain.users.Group g) {
        return g.members().stream().map(UserId::value).toList();
    }

    @Test
    void stored_user_reads_back_with_its_groups_sorted() {
        users.register(user("jsmith", "users", "admins"));
        User read = users.get(new UserId("jsmith"));
        assertEquals(List.of("admins", "users"), groupsOf(read));
        assertEquals(List.of("jsmith"), members(groups.get(new GroupName("admins"))));
    }

    @Test
    void a_refused_registration_leaves_no_trace() {
        users.register(user("jsmith"));
        assertThrows(Conflict.class, () -> users.register(user("jsmith", "newgroup")));
        assertThrows(NotFound.class, () -> groups.get(new GroupName("newgroup")));
    }

    @Test
    void replacing_a_user_moves_it_between_groups() {
        users.register(user("jsmith", "admins"));
        users.replace(User.of(new UserId("jsmith"), new PersonName("Jo"), new PersonName("S"), List.of(new GroupName("ops"))));
        assertEquals("Jo", users.get(new UserId("jsmith")).firstName().value());
        assertTrue(groups.get(new GroupName("admins")).members().isEmpty());
        assertEquals(List.of("jsmith"), members(groups.get(new GroupName("ops"))));
    }

    @Test
    void deleting_a_user_or_group_removes_its_memberships() {
        users.register(user("a", "admins", "users"));
        users.register(user("b", "admins"));
        groups.remove(new GroupName("users"));
        assertEquals(List.of("admins"), groupsOf(users.get(new UserId("a"))));
        users.remove(new UserId("a"));
        assertEquals(List.of("b"), members(groups.get(new GroupName("admins"))));
    }

    @Test
    void unknown_members_reject_the_whole_replacement() {
        users.register(user("a", "admins"));
        Invalid e = assertThrows(Invalid.class,
                () -> groups.replace(new GroupName("admins"), List.of(new UserId("ghost"), new UserId("a"))));
        assertEquals("unknown-users", e.code());
        assertEquals(List.of("a"), members(groups.get(new GroupName("admins"))));
    }

    @Test
    void parallel_registrations_of_one_userid_let_exactly_one_win() throws Exception {
        int n = 20;
        List<Callable<String>> attempts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String group = "g" + i;
            attempts.add(() -> {
                try {
                    users.register(user("same", group, "shared"));
                    return "created";
                } catch (Conflict e) {
                    return "conflict";
                }
            });
        }
        List<String> outcomes = runAll(attempts);
        assertEquals(1, outcomes.stream().filter("created"::equals).count(), outcomes.toString());
        assertEquals(n - 1, outcomes.stream().filter("conflict"::equals).count());
        assertEquals(2, users.get(new UserId("same")).groups().size());
    }

    @Test
    void parallel_member_replacements_keep_both_views_in_agreement() throws Exception {
        IntStream.range(0, 10).forEach(i -> users.register(user("u" + i)));
        groups.create(new GroupName("g1"));
        groups.create(new GroupName("g2"));
        List<Callable<String>> work = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            GroupName g = new GroupName(i % 2 == 0 ? "g1" : "g2");
            int stride = i % 3 + 1;
            List<UserId> members = IntStream.range(0, 10).filter(k -> k % stride == 0)
                    .mapToObj(k -> new UserId("u" + k)).toList();
            work.add(() -> {
                groups.replace(g, members);
                return "ok";
            });
            String id = "u" + (i % 10);
            String other = i % 2 == 0 ? "g2" : "g1";
            work.add(() -> {
                users.replace(user(id, other));
                return "ok";
            });
        }
        assertTrue(runAll(work).stream().allMatch("ok"::equals));
        for (String g : List.of("g1", "g2")) {
            for (String member : members(groups.get(new GroupName(g)))) {
                assertTrue(groupsOf(users.get(new UserId(member))).contains(g), member + " should list " + g);
            }
        }
        for (int i = 0; i < 10; i++) {
            User u = users.get(new UserId("u" + i));
            for (String g : groupsOf(u)) {
                assertTrue(members(groups.get(new GroupName(g))).contains(u.userid().value()));
            }
        }
    }

    /**
     * The race the transaction boundary retries foreign-key violations (SQLSTATE 23503) for: a
     * registration finds its group existing ({@code ON CONFLICT DO NOTHING}), a concurrent delete
     * removes it before the membership's foreign key is checked. Run again, the registration creates
     * the group anew. Without the retry, some of these registrations fail.
     */
    @Test
    void registering_into_a_group_deleted_meanwhile_still_succeeds() throws Exception {
        List<Callable<String>> work = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String id = "racer" + i;
            work.add(() -> {
                users.register(user(id, "hot"));
                return "registered";
            });
            work.add(() -> {
                try {
                    groups.remove(new GroupName("hot"));
                    return "deleted";
                } catch (NotFound gone) {
                    return "already gone";
                }
            });
        }
        List<String> outcomes = runAll(work);
        assertEquals(200, outcomes.stream().filter("registered"::equals).count());
    }

    /**
     * A plan made when {@code users} was small is not the plan for a large one. PostgreSQL caches a
     * server-prepared statement's generic plan and keeps it until the table is analysed again; for
     * the member check, {@code userid = ANY (?)} over a few rows, that plan is a sequential scan.
     * With autovacuum slow or off, a bulk load of users after start-up then made every member
     * replacement read the whole table (the benchmark: 4 replacements a second instead of 800). The
     * check is planned for its own array, each time: after the load, it does not scan the table.
     */
    @Test
    void the_member_check_uses_the_index_after_the_table_grew_past_its_first_plan() {
        IntStream.range(0, 3).forEach(i -> users.register(user("u" + i)));
        sql("ANALYZE users");
        List<UserId> ids = List.of(new UserId("u1"), new UserId("u2"), new UserId("nobody"));
        long[] scans = transactions.inTransaction(() -> {
            for (int i = 0; i < 20; i++) { // past the driver's and the server's thresholds for a cached plan
                assertEquals(2, userStore.existing(ids).size());
            }
            long before = sequentialScansOfUsers();
            sql("INSERT INTO users SELECT 'bulk' || i, 'F', 'L' FROM generate_series(1, 20000) i");
            assertEquals(2, userStore.existing(ids).size());
            return new long[] {before, sequentialScansOfUsers()};
        });
        assertEquals(scans[0], scans[1], "sequential scans of users by the member check after the load");
    }

    /** This transaction's sequential scans of {@code users}, so far (counted by the server). */
    private long sequentialScansOfUsers() {
        return jdbc.execute(c -> {
            try (var s = c.createStatement();
                    var row = s.executeQuery("SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relname = 'users'")) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    private void sql(String statement) {
        transactions.inTransaction(() -> jdbc.execute(c -> {
            try (var s = c.createStatement()) {
                return s.execute(statement);
            }
        }));
    }

    private static List<String> runAll(List<Callable<String>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<String> out = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(work)) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    protected org.portside.application.users.port.out.UserStore users() {
        return userStore;
    }

    @Override
    protected org.portside.application.users.port.out.GroupStore groups() {
        return groupStore;
    }

    @Override
    protected Transactions transactions() {
        return transactions;
    }

    @Override
    protected void empty() {
        CleanDatabase.truncateAll(database);
    }
}
