using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>
/// Runs a task from request to finished work: a planning turn, the person's approval of the plan, then the
/// approved work, each a tool loop on <see cref="FunctionInvokingChatClient"/>. Everything it does is an event.
/// </summary>
/// <remarks>
/// One runner per task run; not reusable. The provider client is borrowed, not owned.
/// </remarks>
public sealed class AgentRunner
{
    private readonly IChatClient _provider;
    private readonly IReadOnlyList<IToolset> _toolsets;
    private readonly IApprovalHandler _approvals;
    private readonly AgentOptions _options;
    private readonly TimeProvider _time;

    public AgentRunner(IChatClient provider, IEnumerable<IToolset> toolsets, IApprovalHandler approvals, AgentOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(toolsets);
        ArgumentNullException.ThrowIfNull(approvals);
        _provider = provider;
        _toolsets = [.. toolsets];
        _approvals = approvals;
        _options = options ?? new AgentOptions();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Runs the task to its end and returns it; failures end the task rather than throw.</summary>
    /// <exception cref="OperationCanceledException">Never: cancellation ends the task as <see cref="TaskState.Cancelled"/>.</exception>
    public async Task<CoworkTask> RunAsync(TaskRequest request, TaskEventHub hub, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(hub);
        var events = hub.For(AgentInfo.MainId);
        events.Publish(new TaskCreated(request.Request, request.Folders, request.Model.ToString()));
        events.Publish(new AgentStarted(new AgentInfo(AgentInfo.MainId, null, request.Request)));
        events.Publish(new TaskStateChanged(TaskState.Planning));

        var artifacts = new ArtifactStore(request.DataDirectory, _options.Context);
        var tools = new List<ToolDescriptor> { PlanTool.Create(events), ArtifactTool.Create(artifacts) };
        using var context = new ToolContext(events, request.Folders, request.DataDirectory) { ProtectedPaths = request.ProtectedPaths };
        tools.AddRange(_toolsets.SelectMany(t => t.CreateTools(context)));
        var catalog = tools.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var gate = new PermissionGate(_options.Permissions, _approvals, events);
        var invoker = new ToolInvoker(catalog, gate, events, artifacts);
        var chatOptions = new ChatOptions { Tools = [.. tools.Select(t => (AITool)t.Function)] };
        var (client, loop, final, meter) = ChatPipeline.Build(
            _provider, request.Model, events, invoker, chatOptions.Tools, _options.Retry, _options.Budget, _options.Prices.For(request.Model), _options.Context);
        List<ChatMessage> history =
        [
            new(ChatRole.System, AgentPrompts.System(request.Folders, _time.GetLocalNow())),
            new(ChatRole.User, request.Request),
        ];

        try
        {
            var answer = await TurnAsync(client, loop, meter, invoker, history, chatOptions, events, cancellationToken);
            var task = hub.Task;
            if (!final.FinalCallMade && !task.Plan.IsEmpty && !task.Plan.IsComplete)
            {
                events.Publish(new TaskStateChanged(TaskState.AwaitingApproval));
                if (!await ApprovePlanAsync(task.Plan, answer, events, cancellationToken))
                {
                    return Finish(events, TaskState.Cancelled, StopReason.PlanRejected, "The plan was not approved; nothing was changed.");
                }

                events.Publish(new TaskStateChanged(TaskState.Running));
                history.Add(new ChatMessage(ChatRole.User, AgentPrompts.PlanApproved));
                answer = await TurnAsync(client, loop, meter, invoker, history, chatOptions, events, cancellationToken);
            }

            if (final.FinalCallMade)
            {
                return Finish(events, TaskState.Failed, StopReason.TurnLimit,
                    $"Stopped after {meter.Calls} model turns, the limit for this task. Raise it with --max-turns.");
            }

            var unfinished = task.Plan.Steps.Count(s => !s.IsFinished);
            if (unfinished > 0)
            {
                events.Publish(new Warning($"{unfinished} plan step(s) were left unfinished."));
            }

            return Finish(events, TaskState.Completed, StopReason.Finished, answer);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Finish(events, TaskState.Cancelled, StopReason.Cancelled, "Cancelled.");
        }
        catch (BudgetReachedException ex)
        {
            return Finish(events, TaskState.Paused, StopReason.BudgetReached, $"{ex.Message}: the task's budget is used up. Raise --max-tokens or --max-cost to let a task go further.");
        }
        catch (ApprovalUnavailableException ex)
        {
            return Finish(events, TaskState.AwaitingApproval, StopReason.ApprovalUnavailable, ex.Message);
        }
        catch (ModelException ex) when (ex.Kind == ModelFailureKind.NeedsModel)
        {
            return Finish(events, TaskState.Failed, StopReason.NeedsModel, ex.Message);
        }
        catch (ModelException ex)
        {
            return Finish(events, TaskState.Failed, StopReason.ModelError, ex.Message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Finish(events, TaskState.Failed, StopReason.InternalError, $"Cowork failed unexpectedly: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task<bool> ApprovePlanAsync(Plan plan, string answer, EventPublisher events, CancellationToken cancellationToken)
    {
        var steps = string.Join('\n', plan.Steps.Select((s, i) => $"{i + 1}. {s.Title}"));
        var request = new ApprovalRequest(CoworkTask.PlanApprovalId, ApprovalKind.Plan,
            $"Approve the plan ({plan.Steps.Count} steps)?", string.IsNullOrWhiteSpace(answer) ? steps : $"{steps}\n\n{answer.Trim()}");
        events.Publish(new ApprovalRequested(request.Id, request.Kind, request.Subject, request.Detail));
        var decision = await _approvals.DecideAsync(request, cancellationToken);
        events.Publish(new ApprovalAnswered(request.Id, decision.Approved, decision.Reason));
        return decision.Approved;
    }

    /// <summary>One call into the tool loop, streamed; returns the model's last words.</summary>
    private async Task<string> TurnAsync(
        IChatClient client, FunctionInvokingChatClient loop, MeteringChatClient meter, ToolInvoker invoker, List<ChatMessage> history,
        ChatOptions options, EventPublisher events, CancellationToken cancellationToken)
    {
        for (var recoveries = 0; ; recoveries++)
        {
            // FunctionInvokingChatClient makes up to MaximumIterationsPerRequest calls with tools and then one more
            // without them, so it may iterate one time fewer than the calls left. The last call left may not use
            // tools: the model can only answer, and FinalCallChatClient marks the limit as reached.
            var callsLeft = _options.MaxTurns - meter.Calls;
            var turnOptions = options;
            if (callsLeft > 1)
            {
                loop.MaximumIterationsPerRequest = callsLeft - 1;
            }
            else
            {
                turnOptions = options.Clone();
                turnOptions.ToolMode = ChatToolMode.None;
            }

            var updates = new List<ChatResponseUpdate>();
            try
            {
                await foreach (var update in client.GetStreamingResponseAsync(history, turnOptions, cancellationToken))
                {
                    updates.Add(update);
                    if (update.Role != ChatRole.Tool && update.Text is { Length: > 0 } text)
                    {
                        events.Publish(new AssistantText(text));
                    }
                }
            }
            catch (ModelException ex) when (ex.Kind == ModelFailureKind.StreamInterrupted && recoveries < _options.MaxStreamRecoveries)
            {
                // Keep what was finished (tool calls whose results came back); ask again from there.
                var messages = updates.ToChatResponse().Messages;
                var lastTool = messages.ToList().FindLastIndex(m => m.Role == ChatRole.Tool);
                history.AddRange(messages.Take(lastTool + 1));
                events.Publish(new Warning($"{ex.Message} Asking the model again."));
                continue;
            }

            var response = updates.ToChatResponse();
            history.AddRange(response.Messages);
            if (invoker.ApprovalUnavailable is { } unavailable)
            {
                throw unavailable;
            }

            return response.Messages.LastOrDefault(m => m.Role == ChatRole.Assistant)?.Text ?? "";
        }
    }

    private static CoworkTask Finish(EventPublisher events, TaskState state, StopReason reason, string message)
    {
        events.Publish(new TaskFinished(state, reason, message));
        return events.Task;
    }
}
