package org.portside.persistence.tasks;

import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.portside.application.tasks.port.in.FindTasks;
import org.portside.application.tasks.port.in.ReadTaskStats;
import org.portside.application.tasks.port.out.TaskStore;
import org.portside.domain.tasks.Failure;
import org.portside.domain.tasks.Lease;
import org.portside.domain.tasks.LeaseToken;
import org.portside.domain.tasks.Payload;
import org.portside.domain.tasks.Retries;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskEvent;
import org.portside.domain.tasks.TaskId;
import org.portside.domain.tasks.TaskStatus;
import org.portside.domain.tasks.Title;
import org.portside.domain.tasks.Worker;
import org.portside.persistence.shared.TranslatesOutages;

/**
 * Tasks on PostgreSQL, written like every store here against Micronaut Data's {@link JdbcOperations}
 * (the transaction-bound connection) with prepared SQL: the list query is assembled from optional
 * filters, the payload travels as {@code jsonb} split into first-level values by PostgreSQL itself,
 * the claim needs {@code FOR UPDATE SKIP LOCKED}, and every write of a task is one statement that
 * also appends its events to {@code task_events} (a data-modifying CTE), none of which a generated
 * repository method can say.
 */
@Singleton
@Connectable // reads outside a transaction get a connection of their own; inside one, they join it
@TranslatesOutages // not final: the interceptor subclasses it
class JdbcTaskStore implements TaskStore {

    /** The payload comes back as two parallel arrays: its first-level keys and the JSON text of each value. */
    private static final String COLUMNS = "id, start_at, title, worker, status, version, "
            + "max_attempts, backoff_seconds, attempt, lease_token, lease_expires_at, last_error, "
            + "ARRAY(SELECT key FROM jsonb_each(payload) ORDER BY key) AS payload_keys, "
            + "ARRAY(SELECT value::text FROM jsonb_each(payload) ORDER BY key) AS payload_values";

    /** The state's columns in the order {@link #bindState} binds them. */
    private static final String STATE = "start_at, title, worker, status, payload, version, "
            + "max_attempts, backoff_seconds, attempt, lease_token, lease_expires_at, last_error";
    private static final int STATE_COLUMNS = 12;
    /** Tasks per statement of {@link #update}, {@link #insertAll} and {@link #replaceAll}: 13 parameters each, and 6 per event. */
    private static final int WRITE_CHUNK = 200;
    /** One row of a VALUES list of an id and a state, typed as the columns are (VALUES cannot tell otherwise). */
    private static final String STATE_ROW = "(CAST(? AS uuid), CAST(? AS timestamptz), CAST(? AS varchar), CAST(? AS varchar), "
            + "CAST(? AS varchar), CAST(? AS jsonb), CAST(? AS bigint), CAST(? AS integer), CAST(? AS integer), "
            + "CAST(? AS integer), CAST(? AS char(32)), CAST(? AS timestamptz), CAST(? AS text))";
    private static final String STATE_FROM_V = Arrays.stream(STATE.split(", ")).map(c -> "v." + c)
            .collect(Collectors.joining(", "));

    private static final String UPDATE = "UPDATE tasks SET (" + STATE + ") = "
            + "(?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?) WHERE id = ?";
    /** The compare-and-set of {@link #replace}: only the version the change was made from is overwritten. */
    private static final String REPLACE = UPDATE + " AND version = ?";
    private static final String INSERT = "INSERT INTO tasks (id, " + STATE + ") "
            + "VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?)";
    private static final String DELETE = "DELETE FROM tasks WHERE id = ?";
    private static final int EVENT_COLUMNS = 5;

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final PgTaskWakeups wakeups;

    JdbcTaskStore(JdbcOperations jdbc, TransactionOperations<Connection> transactions, PgTaskWakeups wakeups) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.wakeups = wakeups;
    }

    /**
     * Long polls of the workers of {@code written} tasks now SCHEDULED are woken once the write is
     * committed: at the end of the transaction there is one (a claim, the sweep, an idempotent
     * request), at once otherwise (the one statement has committed). Never earlier: a waiter woken
     * before the commit would find nothing and sleep through it. See V8 for why not the trigger.
     */
    private void announceDue(Collection<Task> written) {
        Set<String> workers = written.stream().filter(t -> t.status() == TaskStatus.SCHEDULED)
                .map(t -> t.worker().value()).collect(Collectors.toCollection(LinkedHashSet::new));
        if (workers.isEmpty()) {
            return;
        }
        Optional<? extends TransactionStatus<?>> open = transactions.findTransactionStatus();
        if (open.isPresent()) {
            open.get().registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    workers.forEach(wakeups::announce);
                }
            });
        } else {
            workers.forEach(wakeups::announce);
        }
    }

    @Override
    public Optional<Task> find(TaskId id) {
        return one("SELECT " + COLUMNS + " FROM tasks WHERE id = ?", id);
    }

    @Override
    public Optional<Task> findForUpdate(TaskId id) {
        return one("SELECT " + COLUMNS + " FROM tasks WHERE id = ? FOR UPDATE", id);
    }

    @Override
    public void insert(Task task, List<TaskEvent> events) {
        int inserted = jdbc.prepareStatement(withEvents(INSERT, events.size()), statement -> {
            statement.setObject(1, UUID.fromString(task.id().value()));
            bindState(statement, task, 2);
            bindEvents(statement, STATE_COLUMNS + 2, events);
            return statement.executeUpdate();
        });
        requireWritten(inserted, events, task);
        announceDue(List.of(task));
    }

    /**
     * One statement for all of them (a claim of ten, a batch of the sweep): the tasks' rows from a
     * VALUES list, and their events after them in a data-modifying CTE, in their order. One statement,
     * not one per task in a JDBC batch: PostgreSQL plans, starts and ends an executor (checking the
     * table's CHECK constraints, parsed anew) per statement; in A/B runs here claims of ten handed
     * out 1-28 % more tasks a second than with one statement per task, and the claim -> complete cycle
     * completed about 4 % more.
     */
    @Override
    public void update(List<Task> tasks, List<TaskEvent> events) {
        writeAll(tasks, events, Write.UPDATE);
    }

    /** {@link #update}'s statement, inserting the rows instead: new tasks that waited together share it and its commit. */
    @Override
    public void insertAll(List<Task> tasks, List<TaskEvent> events) {
        writeAll(tasks, events, Write.INSERT);
    }

    private void writeAll(List<Task> tasks, List<TaskEvent> events, Write write) {
        requireOwnEvents(tasks.stream().map(Task::id).collect(Collectors.toSet()), events);
        // in chunks: a sweep of thousands would pass PostgreSQL's 65,535 parameters
        for (int from = 0; from < tasks.size(); from += WRITE_CHUNK) {
            List<Task> chunk = tasks.subList(from, Math.min(tasks.size(), from + WRITE_CHUNK));
            Set<TaskId> ids = chunk.stream().map(Task::id).collect(Collectors.toSet());
            writeChunk(chunk, events.stream().filter(e -> ids.contains(e.task())).toList(), write);
        }
        announceDue(tasks);
    }

    private void writeChunk(List<Task> tasks, List<TaskEvent> events, Write write) {
        long[] counts = jdbc.prepareStatement(writeCounted(tasks.size(), events.size(), write), statement -> {
            bindMany(statement, tasks, events);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return new long[] {row.getLong(1), row.getLong(2)};
            }
        });
        if (counts[0] != tasks.size() || counts[1] != events.size()) {
            throw new IllegalStateException("of " + tasks.size() + " tasks " + counts[0] + " were written, with "
                    + counts[1] + " of " + events.size() + " events: a task vanished inside its own transaction");
        }
    }

    /** Each task's id and state, then each event's task and columns: the parameters of {@link #writeMany}. */
    private static void bindMany(PreparedStatement statement, List<Task> tasks, List<TaskEvent> events) throws SQLException {
        int at = 1;
        for (Task task : tasks) {
            statement.setObject(at, UUID.fromString(task.id().value()));
            bindState(statement, task, at + 1);
            at += STATE_COLUMNS + 1;
        }
        for (TaskEvent event : events) {
            statement.setObject(at, UUID.fromString(event.task().value()));
            bindEvents(statement, at + 1, List.of(event));
            at += EVENT_COLUMNS + 1;
        }
    }

    private static void requireOwnEvents(Set<TaskId> written, List<TaskEvent> events) {
        for (TaskEvent event : events) {
            if (!written.contains(event.task())) {
                throw new IllegalArgumentException("an event of task " + event.task() + ", which is not written here");
            }
        }
    }

    /**
     * The statement of {@link #update} and {@link #insertAll}: its parameters are each task's id and
     * state, then each event's task and columns; it answers how many rows and events it wrote.
     */
    private static String writeCounted(int tasks, int events, Write write) {
        return writeMany(tasks, events, write)
                + (events == 0 ? " SELECT (SELECT count(*) FROM written), 0"
                        : " SELECT (SELECT count(*) FROM written), (SELECT count(*) FROM appended)");
    }

    /**
     * The statement of {@link #replaceAll}: {@link #writeCounted}'s, but each row written only if it is
     * still the version its change was made from, and answering the ids written.
     */
    private static String replaceMany(int tasks, int events) {
        return writeMany(tasks, events, Write.COMPARE_AND_SET) + " SELECT id FROM written";
    }

    /** How {@link #writeMany} writes the tasks' rows. */
    private enum Write {
        /** over the stored rows */
        UPDATE,
        /** over the stored rows that are still the version each change was made from */
        COMPARE_AND_SET,
        /** as new rows */
        INSERT
    }

    /** The CTEs that write the tasks' rows ({@code written}) and the events of those written ({@code appended}). */
    private static String writeMany(int tasks, int events, Write write) {
        StringBuilder sql = new StringBuilder("WITH v (id, " + STATE + ") AS (VALUES ");
        for (int i = 0; i < tasks; i++) {
            sql.append(i > 0 ? ", " : "").append(STATE_ROW);
        }
        sql.append(write == Write.INSERT
                ? "), written AS (INSERT INTO tasks (id, " + STATE + ") SELECT v.id, " + STATE_FROM_V + " FROM v ORDER BY v.id"
                : "), written AS (UPDATE tasks SET (" + STATE + ") = (" + STATE_FROM_V + ") FROM v WHERE tasks.id = v.id")
                .append(write == Write.COMPARE_AND_SET ? " AND tasks.version = v.version - 1" : "")
                .append(" RETURNING tasks.id)");
        if (events == 0) {
            return sql.toString();
        }
        sql.append(", e (n, task_id, at, type, worker, attempt, detail) AS (VALUES ");
        for (int i = 1; i <= events; i++) {
            sql.append(i > 1 ? ", " : "").append("(").append(i)
                    .append(", CAST(? AS uuid), CAST(? AS timestamptz), CAST(? AS varchar), CAST(? AS varchar), CAST(? AS integer), CAST(? AS text))");
        }
        return sql.append("), appended AS (INSERT INTO task_events (task_id, at, type, worker, attempt, detail) ")
                .append("SELECT e.task_id, e.at, e.type, e.worker, e.attempt, e.detail FROM e JOIN written ON written.id = e.task_id ")
                .append("ORDER BY e.n RETURNING 1)")
                .toString();
    }

    /**
     * One statement, the row and its events (no transaction needed: a statement is atomic). Under READ
     * COMMITTED a row another transaction holds (a claim, the sweep) is waited for and its version then
     * compared again, so a change made meanwhile is never overwritten.
     */
    @Override
    public boolean replace(Task changed, List<TaskEvent> events) {
        int written = jdbc.prepareStatement(withEvents(REPLACE, events.size()), statement -> {
            bindState(statement, changed, 1);
            statement.setObject(STATE_COLUMNS + 1, UUID.fromString(changed.id().value()));
            statement.setLong(STATE_COLUMNS + 2, changed.version() - 1);
            bindEvents(statement, STATE_COLUMNS + 3, events);
            return statement.executeUpdate();
        });
        if (written > 0) {
            announceDue(List.of(changed));
        }
        return written > 0;
    }

    /**
     * One statement for all of them (workers' reports that waited for the database together; one per
     * {@value #WRITE_CHUNK} tasks), each row a compare-and-set as in {@link #replace}, its events
     * appended only if it was written; the statement commits by itself.
     */
    @Override
    public Set<TaskId> replaceAll(List<Replacement> replacements) {
        if (replacements.size() == 1) {
            Replacement only = replacements.get(0);
            return replace(only.changed(), only.events()) ? Set.of(only.changed().id()) : Set.of();
        }
        Map<TaskId, Task> written = new LinkedHashMap<>();
        for (int from = 0; from < replacements.size(); from += WRITE_CHUNK) {
            List<Replacement> chunk = replacements.subList(from, Math.min(replacements.size(), from + WRITE_CHUNK));
            List<Task> tasks = chunk.stream().map(Replacement::changed).toList();
            if (tasks.stream().map(Task::id).distinct().count() != tasks.size()) {
                throw new IllegalArgumentException("a task twice in one replaceAll: only one of two changes of a version can win");
            }
            List<TaskEvent> events = chunk.stream().flatMap(r -> r.events().stream()).toList();
            requireOwnEvents(tasks.stream().map(Task::id).collect(Collectors.toSet()), events);
            Set<UUID> ids = jdbc.prepareStatement(replaceMany(tasks.size(), events.size()), statement -> {
                bindMany(statement, tasks, events);
                Set<UUID> found = new HashSet<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.add(rows.getObject(1, UUID.class));
                    }
                }
                return found;
            });
            for (Task task : tasks) {
                if (ids.contains(UUID.fromString(task.id().value()))) {
                    written.put(task.id(), task);
                }
            }
        }
        announceDue(written.values());
        return written.keySet();
    }

    @Override
    public void delete(TaskId id, List<TaskEvent> events) {
        jdbc.prepareStatement(withEvents(DELETE, events.size()), statement -> {
            statement.setObject(1, UUID.fromString(id.value()));
            bindEvents(statement, 2, events);
            return statement.executeUpdate();
        });
    }

    /**
     * The write, and after it (in the same statement, a data-modifying CTE) the insert of
     * {@code events} rows into task_events for the row it wrote, in their order; the statement's
     * count is then the events', and zero if the write found no row.
     */
    private static String withEvents(String write, int events) {
        if (events == 0) {
            return write;
        }
        StringBuilder sql = new StringBuilder("WITH written AS (").append(write).append(" RETURNING id) ")
                .append("INSERT INTO task_events (task_id, at, type, worker, attempt, detail) ")
                .append("SELECT written.id, e.at, e.type, e.worker, e.attempt, e.detail FROM written, (VALUES ");
        for (int i = 1; i <= events; i++) {
            sql.append(i > 1 ? ", " : "").append("(").append(i).append(", CAST(? AS timestamptz), ?, ?, CAST(? AS integer), ?)");
        }
        return sql.append(") AS e(n, at, type, worker, attempt, detail) ORDER BY e.n").toString();
    }

    /** A write of a task that is not there (or, for an insert, not written) fails its transaction. */
    private static void requireWritten(int count, List<TaskEvent> events, Task task) {
        int expected = events.isEmpty() ? 1 : events.size();
        if (count != expected && count != Statement.SUCCESS_NO_INFO) {
            throw new IllegalStateException("task " + task.id() + " vanished inside its own transaction");
        }
    }

    @Override
    public List<Task> find(FindTasks.Query query, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM tasks WHERE true");
        List<Object> params = new ArrayList<>();
        query.worker().ifPresent(w -> add(sql, " AND worker = ?", params, w.value()));
        query.status().ifPresent(s -> add(sql, " AND status = ?", params, s.name()));
        query.from().ifPresent(f -> add(sql, " AND start_at > ?", params, Timestamp.from(f)));
        query.to().ifPresent(t -> add(sql, " AND start_at < ?", params, Timestamp.from(t)));
        query.after().ifPresent(c -> {
            sql.append(" AND (start_at, id) > (?, ?)");
            params.add(Timestamp.from(c.start()));
            params.add(UUID.fromString(c.id().value()));
        });
        sql.append(" ORDER BY start_at, id LIMIT ?");
        params.add(limit);
        return jdbc.prepareStatement(sql.toString(), statement -> {
            for (int i = 0; i < params.size(); i++) {
                statement.setObject(i + 1, params.get(i));
            }
            return all(statement);
        });
    }

    /** The range of the tasks_due index: due_at is Task.dueAt(), derived by the database (V4). */
    @Override
    public List<Task> lockDue(Worker worker, Instant now, int limit) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM tasks WHERE worker = ? AND due_at <= ? "
                + "ORDER BY due_at, id LIMIT ? FOR UPDATE SKIP LOCKED", statement -> {
            statement.setString(1, worker.value());
            statement.setTimestamp(2, Timestamp.from(now));
            statement.setInt(3, limit);
            return all(statement);
        });
    }

    @Override
    public Optional<Instant> nextDue(Worker worker, Instant now) {
        return jdbc.prepareStatement("SELECT min(due_at) FROM tasks WHERE worker = ? AND due_at > ?", statement -> {
            statement.setString(1, worker.value());
            statement.setTimestamp(2, Timestamp.from(now));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return Optional.ofNullable(row.getTimestamp(1)).map(Timestamp::toInstant);
            }
        });
    }

    @Override
    public List<Task> lockExpiredLeases(Instant now, int limit) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM tasks WHERE lease_expires_at <= ? "
                + "ORDER BY lease_expires_at, id LIMIT ? FOR UPDATE SKIP LOCKED", statement -> {
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setInt(2, limit);
            return all(statement);
        });
    }

    /**
     * Counts in one statement (one moment): by worker and status over the whole table; the oldest
     * due start from the head of tasks_by_status; expired leases from tasks_lease_expiry.
     */
    @Override
    public ReadTaskStats.Stats stats(Instant now) {
        return jdbc.prepareStatement("SELECT worker, status, count(*) AS n, "
                + "(SELECT min(start_at) FROM tasks WHERE status = 'SCHEDULED' AND start_at <= ?) AS oldest_due, "
                + "(SELECT count(*) FROM tasks WHERE lease_expires_at <= ?) AS expired "
                + "FROM (SELECT 1) AS one LEFT JOIN tasks ON true GROUP BY worker, status", statement -> {
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setTimestamp(2, Timestamp.from(now));
            Map<TaskStatus, Long> byStatus = new EnumMap<>(TaskStatus.class);
            for (TaskStatus status : TaskStatus.values()) {
                byStatus.put(status, 0L);
            }
            Map<String, Map<TaskStatus, Long>> byWorker = new TreeMap<>();
            Optional<Instant> oldestDue = Optional.empty();
            long expired = 0;
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Timestamp oldest = rows.getTimestamp("oldest_due");
                    oldestDue = Optional.ofNullable(oldest).map(Timestamp::toInstant);
                    expired = rows.getLong("expired");
                    if (rows.getString("worker") == null) {
                        continue; // the one row of an empty table
                    }
                    TaskStatus status = TaskStatus.valueOf(rows.getString("status"));
                    byStatus.merge(status, rows.getLong("n"), Long::sum);
                    byWorker.computeIfAbsent(rows.getString("worker"), w -> new EnumMap<>(TaskStatus.class)).put(status, rows.getLong("n"));
                }
            }
            return new ReadTaskStats.Stats(byStatus, byWorker, oldestDue, expired);
        });
    }

    private static Payload payload(ResultSet rows) throws SQLException {
        String[] keys = (String[]) rows.getArray("payload_keys").getArray();
        String[] values = (String[]) rows.getArray("payload_values").getArray();
        Map<String, String> payload = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            payload.put(keys[i], values[i]);
        }
        return Payload.of(payload);
    }

    private static Optional<Lease> lease(ResultSet rows) throws SQLException {
        String token = rows.getString("lease_token");
        return token == null ? Optional.empty()
                : Optional.of(new Lease(new LeaseToken(token), rows.getTimestamp("lease_expires_at").toInstant()));
    }

    private static void add(StringBuilder sql, String condition, List<Object> params, Object value) {
        sql.append(condition);
        params.add(value);
    }

    /** The events' columns but their task, from parameter {@code first} on, as {@link #withEvents} places them. */
    private static void bindEvents(PreparedStatement statement, int first, List<TaskEvent> events) throws SQLException {
        int at = first;
        for (TaskEvent event : events) {
            statement.setTimestamp(at, Timestamp.from(event.at()));
            statement.setString(at + 1, event.type().wireName());
            statement.setString(at + 2, event.worker().value());
            statement.setInt(at + 3, event.attempt());
            if (event.detail().isPresent()) {
                statement.setString(at + 4, event.detail().get());
            } else {
                statement.setNull(at + 4, Types.VARCHAR);
            }
            at += EVENT_COLUMNS;
        }
    }

    private static void bindState(PreparedStatement statement, Task task, int first) throws SQLException {
        statement.setTimestamp(first, Timestamp.from(task.start()));
        if (task.title().isPresent()) {
            statement.setString(first + 1, task.title().get().value());
        } else {
            statement.setNull(first + 1, Types.VARCHAR);
        }
        statement.setString(first + 2, task.worker().value());
        statement.setString(first + 3, task.status().name());
        statement.setString(first + 4, task.payload().json());
        statement.setLong(first + 5, task.version());
        statement.setInt(first + 6, task.retries().maxAttempts());
        statement.setInt(first + 7, task.retries().backoffSeconds());
        statement.setInt(first + 8, task.attempt());
        if (task.lease().isPresent()) {
            statement.setString(first + 9, task.lease().get().token().value());
            statement.setTimestamp(first + 10, Timestamp.from(task.lease().get().expires()));
        } else {
            statement.setNull(first + 9, Types.CHAR);
            statement.setNull(first + 10, Types.TIMESTAMP_WITH_TIMEZONE);
        }
        if (task.lastError().isPresent()) {
            statement.setString(first + 11, task.lastError().get().value());
        } else {
            statement.setNull(first + 11, Types.VARCHAR);
        }
    }

    private Optional<Task> one(String sql, TaskId id) {
        return jdbc.prepareStatement(sql, statement -> {
            statement.setObject(1, UUID.fromString(id.value()));
            List<Task> found = all(statement);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        });
    }

    private List<Task> all(PreparedStatement statement) throws SQLException {
        List<Task> tasks = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                tasks.add(Task.restore(
                        new TaskId(rows.getString("id")),
                        rows.getTimestamp("start_at").toInstant(),
                        Optional.ofNullable(rows.getString("title")).map(Title::new),
                        new Worker(rows.getString("worker")),
                        TaskStatus.valueOf(rows.getString("status")),
                        payload(rows),
                        rows.getLong("version"),
                        new Retries(rows.getInt("max_attempts"), rows.getInt("backoff_seconds")),
                        rows.getInt("attempt"),
                        lease(rows),
                        Optional.ofNullable(rows.getString("last_error")).map(Failure::new)));
            }
        }
        return tasks;
    }
}
