namespace Cowork;

/// <summary>
/// A task as its events describe it: request, grants, model, state, plan, deliverables, agents and usage.
/// </summary>
/// <remarks>
/// This is a projection: it changes only through <see cref="Apply"/>, so replaying a task's event log
/// rebuilds exactly the same view. Not thread-safe; <see cref="TaskEventHub"/> applies events under its lock.
/// </remarks>
public sealed class CoworkTask(string id)
{
    private readonly List<FolderGrant> _folders = [];
    private readonly List<Deliverable> _deliverables = [];
    private readonly List<AgentInfo> _agents = [];
    private readonly List<FileChanged> _changes = [];
    private readonly List<string> _directions = [];

    public string Id { get; } = id;

    public string Request { get; private set; } = "";

    public string Model { get; private set; } = "";

    public IReadOnlyList<FolderGrant> Folders => _folders;

    public TaskState State { get; private set; } = TaskState.Planning;

    public Plan Plan { get; private set; } = Plan.Empty;

    /// <summary>Whether the person approved a plan; writes wait for this.</summary>
    public bool PlanApproved { get; private set; }

    public IReadOnlyList<Deliverable> Deliverables => _deliverables;

    public IReadOnlyList<AgentInfo> Agents => _agents;

    public IReadOnlyList<FileChanged> Changes => _changes;

    /// <summary>What the person told the task while it ran, in order (directions and plan edits).</summary>
    public IReadOnlyList<string> Directions => _directions;

    /// <summary>How many times the task was taken up again after it stopped or was interrupted.</summary>
    public int Resumes { get; private set; }

    public UsageTotals Usage { get; private set; } = UsageTotals.Zero;

    public int ModelCalls { get; private set; }

    public DateTimeOffset? CreatedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    public StopReason? StopReason { get; private set; }

    /// <summary>The model's final answer, or why the task stopped.</summary>
    public string? FinalMessage { get; private set; }

    /// <summary>The task as <paramref name="events"/> (its stored log, in order) describe it.</summary>
    public static CoworkTask Replay(string id, IEnumerable<TaskEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var task = new CoworkTask(id);
        foreach (var taskEvent in events)
        {
            task.Apply(taskEvent);
        }

        return task;
    }

    public void Apply(TaskEvent taskEvent)
    {
        switch (taskEvent)
        {
            case TaskCreated created:
                Request = created.Request;
                Model = created.Model;
                _folders.AddRange(created.Folders);
                CreatedAt = created.Timestamp;
                break;
            case TaskStateChanged changed:
                State = changed.State;
                break;
            case SteeringReceived steering:
                _directions.Add(steering.Message);
                break;
            case TaskResumed:
                Resumes++;
                StopReason = null;
                FinalMessage = null;
                FinishedAt = null;
                break;
            case AgentStarted started:
                _agents.Add(started.Agent);
                break;
            case PlanUpdated plan when plan.AgentId == AgentInfo.MainId:
                Plan = new Plan(plan.Steps);
                break;
            case ApprovalAnswered { Approved: true } answer when answer.ApprovalId == PlanApprovalId:
                PlanApproved = true;
                break;
            case ModelCallStarted:
                ModelCalls++;
                break;
            case UsageReported usage:
                Usage = Usage.Add(usage);
                break;
            case FileChanged change:
                _changes.Add(change);
                break;
            case DeliverableAdded deliverable:
                _deliverables.RemoveAll(d => d.Path == deliverable.Path);
                _deliverables.Add(new Deliverable(deliverable.Path, deliverable.Description));
                break;
            case TaskFinished finished:
                State = finished.State;
                StopReason = finished.Reason;
                FinalMessage = finished.Message;
                FinishedAt = finished.Timestamp;
                break;
        }
    }

    /// <summary>The approval id of the plan approval; one per task.</summary>
    public const string PlanApprovalId = "plan";
}
