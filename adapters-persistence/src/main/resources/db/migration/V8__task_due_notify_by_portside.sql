-- A transaction that sends NOTIFY holds PostgreSQL's one notification-queue lock from its commit's
-- start until it has reached the disk, so every writer of a SCHEDULED task committed one after
-- another (pgbench, 16 clients, one-row task inserts: 1.8-2.3k a second with the notify, 5.6-6.1k
-- without). portside's own connections now say portside.task_due_notify = off and announce due
-- tasks themselves after their commit, coalesced, from a connection that does not wait for the disk
-- (PgTaskWakeups); writes from anywhere else (psql, another program) still notify from here.
DROP TRIGGER tasks_due_notify ON tasks;

CREATE TRIGGER tasks_due_notify AFTER INSERT OR UPDATE ON tasks
    FOR EACH ROW
    WHEN (NEW.status = 'SCHEDULED' AND current_setting('portside.task_due_notify', true) IS DISTINCT FROM 'off')
    EXECUTE FUNCTION portside_task_due();
