using Cowork.Storage;

namespace Cowork.Cli.Commands;

/// <summary>What the commands that talk to a task from another process (steer, pause, cancel, attach) need to know of it.</summary>
internal static class TaskControls
{
    /// <summary>The task as stored, and whether a process is running it now.</summary>
    /// <exception cref="CoworkConfigurationException">No such task.</exception>
    public static (CoworkTask Task, bool Running) Load(CoworkPaths paths, TaskStore store, string id)
    {
        var taskId = Path.GetFileName(TaskLocator.Find(paths, id));
        // The lock before the events: a run that ends in between shows as ended, never as interrupted.
        var running = TaskLock.IsHeld(paths.TaskDirectory(taskId));
        var events = store.ReadEvents(taskId);
        if (events.Count == 0)
        {
            throw new CoworkConfigurationException($"Task {taskId} has no stored events.");
        }

        return (CoworkTask.Replay(taskId, events), running);
    }

    /// <summary>Done, declined, cancelled or failed: no direction can reach it (a failed one can still be resumed).</summary>
    public static bool HasEnded(CoworkTask task) => task.State is TaskState.Completed or TaskState.Cancelled or TaskState.Failed;

    public static string Ended(CoworkTask task) =>
        $"Task {task.Id} has ended ({StoredState(task)}), so nothing can reach it any more" +
        (task.State == TaskState.Failed ? $"; `cowork resume {task.Id}` takes it up again." : "; start a new task with `cowork run`.");

    private static string StoredState(CoworkTask task) => task.StopReason switch
    {
        StopReason.Finished => "done",
        StopReason.PlanRejected => "the plan was declined",
        { } reason => reason.ToString().ToLowerInvariant(),
        null => task.State.ToString().ToLowerInvariant(),
    };
}
