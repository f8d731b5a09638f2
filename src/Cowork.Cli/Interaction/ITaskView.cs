namespace Cowork.Cli.Interaction;

/// <summary>A way of showing a running task and answering its approvals: live widgets, plain lines or JSON.</summary>
internal interface ITaskView : ITaskEventSink, IApprovalHandler
{
    /// <summary>Shows the task while <paramref name="run"/> runs it, then the summary; returns the finished task.</summary>
    Task<CoworkTask> RunAsync(Func<Task<CoworkTask>> run);
}
