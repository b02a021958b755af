-- Long polls wake on this: every time a task is stored SCHEDULED (created, retried, returned by the
-- sweep, changed by hand), its worker's name is sent on the channel portside_task_due.
CREATE FUNCTION portside_task_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('portside_task_due', NEW.worker);
    RETURN NULL;
END
$$;

CREATE TRIGGER tasks_due_notify AFTER INSERT OR UPDATE ON tasks
    FOR EACH ROW WHEN (NEW.status = 'SCHEDULED') EXECUTE FUNCTION portside_task_due();
