namespace Cowork;

/// <summary>
/// Decides, for every tool call, whether it runs: the one gate for built-in tools, code, MCP tools and sub-agents.
/// </summary>
/// <remarks>
/// Publishes the request, the ask (as an <see cref="ApprovalRequested"/> the front end answers) and the outcome.
/// Thread-safe as long as the approval handler is.
/// </remarks>
public sealed class PermissionGate(PermissionPolicy policy, IApprovalHandler approvals, EventPublisher events)
{
    private int _asks;

    /// <summary>Returns <see langword="null"/> when the call may run, else the reason it may not (told to the model).</summary>
    /// <param name="effects">What this call does (<see cref="ToolDescriptor.EffectsFor"/>).</param>
    public async ValueTask<string?> CheckAsync(ToolDescriptor tool, ToolEffects effects, string callId, string argumentsJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var changesFiles = (effects & (ToolEffects.Write | ToolEffects.Delete | ToolEffects.RunCode)) != 0;
        if (changesFiles && !events.Task.PlanApproved)
        {
            return Deny(tool, callId,
                $"{tool.Name} changes files, and the plan has not been approved yet. Finish planning with update_plan and end your turn; " +
                "the person approves the plan before anything is changed.");
        }

        switch (policy.ModeFor(tool.Name, effects))
        {
            case PermissionMode.Deny:
                return Deny(tool, callId, $"The person's settings deny the tool {tool.Name}. Do the work another way or explain what is needed.");
            case PermissionMode.Ask:
                var id = $"call-{Interlocked.Increment(ref _asks)}";
                var request = new ApprovalRequest(id, ApprovalKind.Tool, tool.DescribeCall(argumentsJson), argumentsJson);
                events.Publish(new ApprovalRequested(request.Id, request.Kind, request.Subject, request.Detail));
                var decision = await approvals.DecideAsync(request, cancellationToken);
                events.Publish(new ApprovalAnswered(request.Id, decision.Approved, decision.Reason));
                if (!decision.Approved)
                {
                    return Deny(tool, callId, $"The person declined this call to {tool.Name}" +
                        (string.IsNullOrWhiteSpace(decision.Reason) ? "." : $": {decision.Reason}"));
                }

                events.Publish(new ToolCallApproved(callId, tool.Name, "person"));
                return null;
            default:
                events.Publish(new ToolCallApproved(callId, tool.Name, "policy"));
                return null;
        }
    }

    private string Deny(ToolDescriptor tool, string callId, string reason)
    {
        events.Publish(new ToolCallDenied(callId, tool.Name, reason));
        return reason;
    }
}
