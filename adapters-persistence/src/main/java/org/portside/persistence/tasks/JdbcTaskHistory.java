package org.portside.persistence.tasks;

import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.portside.application.tasks.port.out.TaskHistory;
import org.portside.domain.tasks.TaskEvent;
import org.portside.domain.tasks.TaskId;
import org.portside.domain.tasks.Worker;
import org.portside.persistence.shared.TranslatesOutages;

/** Task histories in {@code task_events}, read and pruned; {@link JdbcTaskStore}'s writes append them. */
@Singleton
@Connectable // reads outside a transaction get a connection of their own; inside one, they join it
@TranslatesOutages // not final: the interceptor subclasses it
class JdbcTaskHistory implements TaskHistory {

    private final JdbcOperations jdbc;

    JdbcTaskHistory(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<TaskEvent> of(TaskId task) {
        return jdbc.prepareStatement("SELECT at, type, worker, attempt, detail FROM task_events WHERE task_id = ? ORDER BY id",
                statement -> {
                    statement.setObject(1, UUID.fromString(task.value()));
                    List<TaskEvent> events = new ArrayList<>();
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            events.add(new TaskEvent(task, rows.getTimestamp("at").toInstant(),
                                    TaskEvent.Type.ofWireName(rows.getString("type")), new Worker(rows.getString("worker")),
                                    rows.getInt("attempt"), Optional.ofNullable(rows.getString("detail"))));
                        }
                    }
                    return events;
                });
    }

    /** One bounded batch; SKIP LOCKED so that several instances pruning at once do not queue up. */
    @Override
    public int pruneBefore(Instant cutoff, int limit) {
        return jdbc.prepareStatement("DELETE FROM task_events WHERE id IN "
                + "(SELECT id FROM task_events WHERE at < ? LIMIT ? FOR UPDATE SKIP LOCKED)", statement -> {
            statement.setTimestamp(1, Timestamp.from(cutoff));
            statement.setInt(2, limit);
            return statement.executeUpdate();
        });
    }
}
