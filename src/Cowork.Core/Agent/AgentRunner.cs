using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>
/// Runs a task from request to finished work: a planning turn, the person's approval of the plan, then the
/// approved work, each a tool loop on <see cref="FunctionInvokingChatClient"/>. Everything it does is an event,
/// the conversation included, so a task stopped at any point resumes from its event log (<see cref="ResumeAsync"/>).
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

    /// <summary>Runs a new task to its end and returns it; failures end the task rather than throw.</summary>
    /// <param name="control">Directions and pause requests from the person while the task runs.</param>
    /// <exception cref="OperationCanceledException">Never: cancellation ends the task as <see cref="TaskState.Cancelled"/>.</exception>
    public Task<CoworkTask> RunAsync(TaskRequest request, TaskEventHub hub, TaskControl? control = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(hub);
        var events = hub.For(AgentInfo.MainId);
        events.Publish(new TaskCreated(request.Request, request.Folders, request.Model.ToString()));
        events.Publish(new AgentStarted(new AgentInfo(AgentInfo.MainId, null, request.Request)));
        events.Publish(new TaskStateChanged(TaskState.Planning));
        var history = new List<ChatMessage>();
        Append(history, ConversationMessage.System(AgentPrompts.System(request.Folders, _time.GetLocalNow())), events);
        Append(history, ConversationMessage.User(request.Request), events);
        return DriveAsync(request, hub, history, [], new HashSet<string>(), null, control ?? new TaskControl(), cancellationToken);
    }

    /// <summary>
    /// Takes up a task that stopped before it finished (interrupted, paused, out of budget, waiting for approval):
    /// the conversation is rebuilt from <paramref name="stored"/>, calls the model had asked for are run (a call a
    /// crash cut off is first rolled back by its toolset), and the work goes on without repeating a finished call.
    /// </summary>
    /// <param name="hub">A hub made from <paramref name="stored"/>, so numbering continues after them.</param>
    /// <param name="stored">The task's events as stored, in order.</param>
    public Task<CoworkTask> ResumeAsync(
        TaskRequest request, TaskEventHub hub, IReadOnlyList<TaskEvent> stored, TaskControl? control = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(stored);
        var events = hub.For(AgentInfo.MainId);
        var from = hub.Task.State;
        events.Publish(new TaskResumed(from));
        events.Publish(new TaskStateChanged(hub.Task.PlanApproved ? TaskState.Running : TaskState.Planning));
        var log = ConversationLog.Rebuild(stored);
        // The last summary of older turns stands for the same messages of the rebuilt conversation: go on from it.
        var compaction = stored.OfType<ContextCompacted>().LastOrDefault();
        return DriveAsync(request, hub, [.. log.Messages], log.Unanswered, log.Started, compaction, control ?? new TaskControl(), cancellationToken);
    }

    private async Task<CoworkTask> DriveAsync(
        TaskRequest request, TaskEventHub hub, List<ChatMessage> history, IReadOnlyList<RecordedToolCall> unanswered, IReadOnlySet<string> started,
        ContextCompacted? compaction, TaskControl control, CancellationToken cancellationToken)
    {
        var events = hub.For(AgentInfo.MainId);
        var artifacts = new ArtifactStore(request.DataDirectory, _options.Context);
        var tools = new List<ToolDescriptor> { PlanTool.Create(events), ArtifactTool.Create(artifacts) };
        using var context = new ToolContext(events, request.Folders, request.DataDirectory) { ProtectedPaths = request.ProtectedPaths };
        tools.AddRange(_toolsets.SelectMany(t => t.CreateTools(context)));
        var selection = new ToolSelection(tools, request.Request);
        var catalog = selection.All.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var gate = new PermissionGate(_options.Permissions, _approvals, events);
        var invoker = new ToolInvoker(catalog, gate, events, artifacts);
        var chatOptions = new ChatOptions { Tools = [.. selection.All.Select(t => (AITool)t.Function)] };
        var pipeline = ChatPipeline.Build(
            _provider, request.Model, events, invoker, selection, control, _options.Retry, _options.Budget, _options.Prices.For(request.Model),
            callsSoFar: hub.Task.ModelCalls, daily: _options.Daily, context: _options.Context, resumeFrom: compaction);
        var turns = new Turns(pipeline, _options, invoker, history, chatOptions, events, control);

        try
        {
            if (unanswered.Count > 0)
            {
                await FinishInterruptedCallsAsync(unanswered, started, context, invoker, history, events, cancellationToken);
            }

            var task = hub.Task;
            string answer;
            if (!task.PlanApproved)
            {
                answer = EndsWithAnswer(history) ? LastAnswer(history) : await turns.TakeAsync(cancellationToken);
                if (!pipeline.Final.FinalCallMade && !task.Plan.IsEmpty && !task.Plan.IsComplete)
                {
                    events.Publish(new TaskStateChanged(TaskState.AwaitingApproval));
                    if (!await ApprovePlanAsync(task.Plan, answer, events, cancellationToken))
                    {
                        return Finish(events, TaskState.Cancelled, StopReason.PlanRejected, "The plan was not approved; nothing was changed.");
                    }

                    events.Publish(new TaskStateChanged(TaskState.Running));
                    Append(history, ConversationMessage.User(AgentPrompts.PlanApproved), events);
                    answer = await turns.TakeAsync(cancellationToken);
                }
            }
            else
            {
                if (!history.Any(m => m.Role == ChatRole.User && m.Text == AgentPrompts.PlanApproved))
                {
                    // The process died between the approval and the message that tells the model.
                    Append(history, ConversationMessage.User(AgentPrompts.PlanApproved), events);
                }

                answer = EndsWithAnswer(history) ? LastAnswer(history) : await turns.TakeAsync(cancellationToken);
            }

            // Directions that came with or after the final answer still get their turn.
            while (!pipeline.Final.FinalCallMade && control.HasSteering)
            {
                answer = await turns.TakeAsync(cancellationToken);
            }

            if (pipeline.Final.FinalCallMade)
            {
                return Finish(events, TaskState.Failed, StopReason.TurnLimit,
                    $"Stopped after {pipeline.Meter.Calls} model turns, the limit for this task. Raise it with --max-turns (cowork resume accepts it too).");
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
        catch (TurnInterruptedException ex) when (ex.Pause)
        {
            return Finish(events, TaskState.Paused, StopReason.Paused, "Paused. `cowork continue` takes the task up where it stopped.");
        }
        catch (BudgetReachedException ex)
        {
            return Finish(events, TaskState.Paused, StopReason.BudgetReached,
                $"{ex.Message}: the budget is used up. `cowork resume` with a larger --max-tokens or --max-cost goes on from here " +
                "(for the daily limit: tomorrow, or with a larger limit in the config file).");
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

    /// <summary>
    /// Runs the calls of the model's last message that have no result in the log. A call that had started was cut off
    /// by the crash: its toolsets first reverse what it had changed, so running it again does nothing twice.
    /// </summary>
    private async Task FinishInterruptedCallsAsync(
        IReadOnlyList<RecordedToolCall> unanswered, IReadOnlySet<string> started, ToolContext context, ToolInvoker invoker,
        List<ChatMessage> history, EventPublisher events, CancellationToken cancellationToken)
    {
        var results = new ChatMessage(ChatRole.Tool, []);
        foreach (var call in unanswered)
        {
            if (started.Contains(call.CallId))
            {
                foreach (var toolset in _toolsets)
                {
                    if (toolset.RollBackInterruptedCall(context, call.CallId) is { } reversed)
                    {
                        events.Publish(new Warning($"{call.Name} was cut off by the interruption; {reversed}. Running it again."));
                    }
                }
            }

            var result = await invoker.InvokeAsync(call, cancellationToken);
            results.Contents.Add(new FunctionResultContent(call.CallId, result));
        }

        history.Add(results);
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

    private static bool EndsWithAnswer(List<ChatMessage> history) =>
        history is [.., var last] && last.Role == ChatRole.Assistant && !last.Contents.OfType<FunctionCallContent>().Any();

    private static string LastAnswer(List<ChatMessage> history) => history[^1].Text;

    /// <summary>Adds a message the runner writes (system prompt, request, approval, directions) to the conversation and the log.</summary>
    internal static void Append(List<ChatMessage> history, ConversationMessage message, EventPublisher events)
    {
        events.Publish(new MessageRecorded(message));
        history.Add(message.ToChatMessage());
    }

    private static CoworkTask Finish(EventPublisher events, TaskState state, StopReason reason, string message)
    {
        events.Publish(new TaskFinished(state, reason, message));
        return events.Task;
    }

    /// <summary>The turns of one run: each a call into the tool loop, streamed, with the person's directions added between them.</summary>
    private sealed class Turns(ChatPipeline pipeline, AgentOptions limits, ToolInvoker invoker, List<ChatMessage> history, ChatOptions options, EventPublisher events, TaskControl control)
    {
        /// <summary>Adds any waiting directions, then runs the tool loop until the model answers; returns its last words.</summary>
        public async Task<string> TakeAsync(CancellationToken cancellationToken)
        {
            for (var recoveries = 0; ;)
            {
                TakeDirections();

                // FunctionInvokingChatClient makes up to MaximumIterationsPerRequest calls with tools and then one more
                // without them, so it may iterate one time fewer than the calls left. The last call left may not use
                // tools: the model can only answer, and FinalCallChatClient marks the limit as reached.
                var callsLeft = limits.MaxTurns - pipeline.Meter.Calls;
                var turnOptions = options;
                if (callsLeft > 1)
                {
                    pipeline.Loop.MaximumIterationsPerRequest = callsLeft - 1;
                }
                else
                {
                    turnOptions = options.Clone();
                    turnOptions.ToolMode = ChatToolMode.None;
                }

                var updates = new List<ChatResponseUpdate>();
                try
                {
                    await foreach (var update in pipeline.Client.GetStreamingResponseAsync(history, turnOptions, cancellationToken))
                    {
                        updates.Add(update);
                        if (update.Role != ChatRole.Tool && update.Text is { Length: > 0 } text)
                        {
                            events.Publish(new AssistantText(text));
                        }
                    }
                }
                catch (ModelException ex) when (ex.Kind == ModelFailureKind.StreamInterrupted && recoveries++ < limits.MaxStreamRecoveries)
                {
                    KeepFinished(updates);
                    events.Publish(new Warning($"{ex.Message} Asking the model again."));
                    continue;
                }
                catch (TurnInterruptedException ex) when (!ex.Pause)
                {
                    // Directions arrived between two model calls: keep what was finished and go on with them.
                    KeepFinished(updates);
                    continue;
                }
                catch (TurnInterruptedException)
                {
                    KeepFinished(updates);
                    throw;
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

        /// <summary>Keeps the finished part of a turn that stopped early: every call whose results came back.</summary>
        private void KeepFinished(List<ChatResponseUpdate> updates)
        {
            var messages = updates.ToChatResponse().Messages.ToList();
            var lastTool = messages.FindLastIndex(m => m.Role == ChatRole.Tool);
            history.AddRange(messages.Take(lastTool + 1));
        }

        private void TakeDirections()
        {
            while (control.TryTake(out var steering))
            {
                var text = steering.EditsPlan ? EditPlan(steering) : $"A message from the person, sent while you work: {steering.Message}";
                events.Publish(new SteeringReceived(steering.Message ?? text));
                Append(history, ConversationMessage.User(text), events);
            }
        }

        /// <summary>Applies the person's plan edit and tells the model, which keeps the edit in its later updates.</summary>
        private string EditPlan(Steering steering)
        {
            var steps = events.Task.Plan.Steps.ToList();
            var said = new List<string>();
            if (steering.SkipStep is { } number && number >= 1 && number <= steps.Count)
            {
                steps[number - 1] = steps[number - 1] with { Status = StepStatus.Skipped };
                said.Add($"skip step {number} (\"{steps[number - 1].Title}\"): do not do it");
            }

            if (steering.AddStep is { Length: > 0 } title)
            {
                steps.Add(new PlanStep(title));
                said.Add($"add a step at the end: \"{title}\"");
            }

            events.Publish(new PlanUpdated(steps, "Edited by the person"));
            var note = string.IsNullOrWhiteSpace(steering.Message) ? "" : $" They say: {steering.Message}";
            return $"The person edited the plan: {string.Join("; ", said)}. Keep these edits in your plan updates.{note}\n" +
                $"The plan is now:\n{string.Join('\n', steps.Select((s, i) => $"{i + 1}. [{s.Status}] {s.Title}"))}";
        }
    }
}
