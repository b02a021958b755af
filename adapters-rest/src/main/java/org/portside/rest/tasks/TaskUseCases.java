package org.portside.rest.tasks;

import jakarta.inject.Singleton;
import org.portside.application.tasks.port.in.AwaitDueTasks;
import org.portside.application.tasks.port.in.ClaimDueTasks;
import org.portside.application.tasks.port.in.FindTasks;
import org.portside.application.tasks.port.in.GetTask;
import org.portside.application.tasks.port.in.MergePayload;
import org.portside.application.tasks.port.in.PatchTask;
import org.portside.application.tasks.port.in.ReadTaskHistory;
import org.portside.application.tasks.port.in.ReadTaskStats;
import org.portside.application.tasks.port.in.RemovePayloadKey;
import org.portside.application.tasks.port.in.RemoveTask;
import org.portside.application.tasks.port.in.RunTask;
import org.portside.application.tasks.port.in.ScheduleTask;

/** The task use cases the routes drive, injected as one. */
@Singleton
record TaskUseCases(ScheduleTask schedule, GetTask get, FindTasks find, PatchTask patch, RemoveTask remove,
                    MergePayload mergePayload, RemovePayloadKey removePayloadKey, ClaimDueTasks claim, AwaitDueTasks await, RunTask run, ReadTaskHistory history,
                    ReadTaskStats stats) {
}
