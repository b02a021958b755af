package org.portside.application.tasks.inmemory;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.portside.application.shared.inmemory.InMemoryTransactions;
import org.portside.application.tasks.port.in.FindTasks;
import org.portside.application.tasks.port.in.ReadTaskStats;
import org.portside.application.tasks.port.out.TaskStore;
import org.portside.domain.tasks.Task;
import org.portside.domain.tasks.TaskEvent;
import org.portside.domain.tasks.TaskId;
import org.portside.domain.tasks.TaskStatus;
import org.portside.domain.tasks.Worker;

/** Tasks in memory; with the {@link InMemoryTransactions} the service runs with. */
public final class InMemoryTaskStore implements TaskStore {

    private static final Comparator<Task> ORDER = Comparator.comparing(Task::start).thenComparing(Task::id);
    private static final Comparator<Task> DUE_ORDER = Comparator.comparing((Task t) -> t.dueAt().orElseThrow()).thenComparing(Task::id);

    private final Map<TaskId, Task> tasks = new ConcurrentHashMap<>();
    private final InMemoryTransactions transactions;
    private final InMemoryTaskWakeups wakeups;
    private final InMemoryTaskHistory history = new InMemoryTaskHistory();

    /**
     * A store that tells {@code wakeups} when a task becomes SCHEDULED (as the PostgreSQL store does once the write is committed).
     * {@code transactions} must be those the service runs with: a {@link #replace} takes their lock.
     */
    public InMemoryTaskStore(InMemoryTransactions transactions, InMemoryTaskWakeups wakeups) {
        this.transactions = transactions;
        this.wakeups = wakeups;
    }

    public InMemoryTaskStore(InMemoryTransactions transactions) {
        this(transactions, new InMemoryTaskWakeups());
    }

    /** The history this store's writes append to. */
    public InMemoryTaskHistory history() {
        return history;
    }

    @Override
    public Optional<Task> find(TaskId id) {
        return Optional.ofNullable(tasks.get(id));
    }

    @Override
    public Optional<Task> findForUpdate(TaskId id) {
        return find(id);
    }

    @Override
    public void insert(Task task, List<TaskEvent> events) {
        if (tasks.putIfAbsent(task.id(), task) != null) {
            throw new IllegalStateException("task " + task.id() + " exists");
        }
        history.append(events);
        wakeups.changed(task);
    }

    /** All checked before any is stored: a batch with a task that exists stores none of it. */
    @Override
    public void insertAll(List<Task> added, List<TaskEvent> events) {
        for (Task task : added) {
            if (tasks.containsKey(task.id())) {
                throw new IllegalStateException("task " + task.id() + " exists");
            }
        }
        for (Task task : added) {
            insert(task, events.stream().filter(e -> e.task().equals(task.id())).toList());
        }
    }

    @Override
    public void update(List<Task> changed, List<TaskEvent> events) {
        for (Task task : changed) { // all checked before any is written: a refused update changes nothing
            if (!tasks.containsKey(task.id())) {
                throw new IllegalStateException("task " + task.id() + " vanished inside its own transaction");
            }
        }
        changed.forEach(task -> tasks.put(task.id(), task));
        history.append(events);
        changed.forEach(wakeups::changed);
    }

    /** Under the transactions' lock, as a row lock would keep it from a claim or sweep in progress. */
    @Override
    public boolean replace(Task changed, List<TaskEvent> events) {
        return transactions.inTransaction(() -> {
            Task stored = tasks.get(changed.id());
            if (stored == null || stored.version() != changed.version() - 1) {
                return false;
            }
            tasks.put(changed.id(), changed);
            history.append(events);
            wakeups.changed(changed);
            return true;
        });
    }

    @Override
    public void delete(TaskId id, List<TaskEvent> events) {
        tasks.remove(id);
        history.append(events);
    }

    @Override
    public List<Task> find(FindTasks.Query query, int limit) {
        return tasks.values().stream()
                .filter(t -> query.worker().map(t.worker()::equals).orElse(true))
                .filter(t -> query.status().map(s -> t.status() == s).orElse(true))
                .filter(t -> query.from().map(f -> t.start().isAfter(f)).orElse(true))
                .filter(t -> query.to().map(to -> t.start().isBefore(to)).orElse(true))
                .filter(t -> query.after().map(c -> t.start().isAfter(c.start())
                        || t.start().equals(c.start()) && t.id().compareTo(c.id()) > 0).orElse(true))
                .sorted(ORDER)
                .limit(limit)
                .toList();
    }

    @Override
    public List<Task> lockDue(Worker worker, Instant now, int limit) {
        return tasks.values().stream().filter(t -> t.isDueFor(worker, now)).sorted(DUE_ORDER).limit(limit).toList();
    }

    @Override
    public List<Task> lockExpiredLeases(Instant now, int limit) {
        return tasks.values().stream().filter(t -> t.hasExpiredLease(now)).sorted(DUE_ORDER).limit(limit).toList();
    }

    @Override
    public ReadTaskStats.Stats stats(Instant now) {
        Map<TaskStatus, Long> byStatus = new EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            byStatus.put(status, 0L);
        }
        Map<String, Map<TaskStatus, Long>> byWorker = new TreeMap<>();
        for (Task t : tasks.values()) {
            byStatus.merge(t.status(), 1L, Long::sum);
            byWorker.computeIfAbsent(t.worker().value(), w -> new EnumMap<>(TaskStatus.class)).merge(t.status(), 1L, Long::sum);
        }
        Optional<Instant> oldestDue = tasks.values().stream()
                .filter(t -> t.status() == TaskStatus.SCHEDULED && !t.start().isAfter(now)).map(Task::start).min(Instant::compareTo);
        long expired = tasks.values().stream().filter(t -> t.hasExpiredLease(now)).count();
        return new ReadTaskStats.Stats(byStatus, byWorker, oldestDue, expired);
    }

    @Override
    public Optional<Instant> nextDue(Worker worker, Instant now) {
        return tasks.values().stream().filter(t -> t.worker().equals(worker)).flatMap(t -> t.dueAt().stream())
                .filter(due -> due.isAfter(now)).min(Instant::compareTo);
    }
}
