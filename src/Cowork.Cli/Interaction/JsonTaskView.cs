namespace Cowork.Cli.Interaction;

/// <summary><c>--json</c>: one event per line on standard output, the task id in the first; nothing else is written there.</summary>
/// <remarks>Scripts cannot answer prompts, so only <c>--yes</c> approves a plan; any other approval ends the run with exit code 3.</remarks>
internal sealed class JsonTaskView(CliHost host, bool approvePlan) : ITaskView
{
    public void OnEvent(TaskEvent taskEvent)
    {
        host.Output.WriteLine(EventJson.Serialize(taskEvent));
        host.Output.Flush();
    }

    public ValueTask<ApprovalDecision> DecideAsync(ApprovalRequest request, CancellationToken cancellationToken = default) =>
        request.Kind == ApprovalKind.Plan && approvePlan
            ? ValueTask.FromResult(ApprovalDecision.Yes)
            : throw new ApprovalUnavailableException(Approvals.NobodyToAsk(request));

    public Task<CoworkTask> RunAsync(Func<Task<CoworkTask>> run) => run();
}
