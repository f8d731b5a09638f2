using Microsoft.Extensions.AI;

namespace Cowork.Tests;

/// <summary>How a run ends when it cannot finish: the turn limit and cancellation.</summary>
public sealed class RunLimitsTests
{
    private static readonly ModelSpec Model = ModelSpec.Parse("scripted:limits");
    private int _pings;

    private TestToolset Ping() => new(TestToolset.Tool("ping", () => $"pong {Interlocked.Increment(ref _pings)}", ToolEffects.Read));

    /// <summary>A model that calls a tool every time it is asked, while it is offered tools.</summary>
    private static ScriptedChatClient Relentless() => new(Enumerable.Range(0, 50).Select(_ =>
        (Func<IReadOnlyList<ChatMessage>, ChatResponse>)(_ => Conversation.Call("ping"))));

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(6)]
    public async Task A_model_that_never_stops_calling_tools_ends_at_the_turn_limit(int maxTurns)
    {
        var model = Relentless();

        var (task, events) = await TestRun.RunAsync(model, Model, [Ping()], options: TestRun.Options(maxTurns: maxTurns));

        Assert.Equal(TaskState.Failed, task.State);
        Assert.Equal(StopReason.TurnLimit, task.StopReason);
        Assert.Contains("limit", task.FinalMessage, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', task.FinalMessage!);

        // The limit counts every model call, planning included: never more than MaxTurns.
        Assert.Equal(maxTurns, model.Requests.Count);
        Assert.Equal(maxTurns, task.ModelCalls);
        Assert.Equal(maxTurns, events.Of<ModelCallStarted>().Count);
        Assert.Contains($"{maxTurns} model turns", task.FinalMessage, StringComparison.Ordinal);

        // The last call may not use tools, so it cannot leave a call unanswered; they stay declared, because
        // Anthropic refuses a conversation holding tool calls without tool definitions.
        Assert.IsType<NoneChatToolMode>(model.Options[^1]?.ToolMode);
        Assert.NotEmpty(model.Options[^1]!.Tools!);
        Assert.All(model.Options.Take(maxTurns - 1), o => Assert.IsNotType<NoneChatToolMode>(o!.ToolMode));
        Assert.All(model.Options, o => Assert.NotEmpty(o!.Tools!));
    }

    [Fact]
    public async Task The_turn_limit_covers_the_planning_and_the_approved_work_together()
    {
        // Planning takes two calls; the approved work would go on forever.
        var script = new List<Func<IReadOnlyList<ChatMessage>, ChatResponse>>
        {
            _ => Conversation.Plan("pending", "Ping a lot"),
            _ => ScriptedChatClient.Reply("Plan: ping."),
        };
        script.AddRange(Enumerable.Range(0, 50).Select(_ => (Func<IReadOnlyList<ChatMessage>, ChatResponse>)(_ => Conversation.Call("ping"))));
        var model = new ScriptedChatClient(script);

        var (task, _) = await TestRun.RunAsync(model, Model, [Ping()], options: TestRun.Options(maxTurns: 5));

        Assert.Equal(StopReason.TurnLimit, task.StopReason);
        Assert.Equal(5, model.Requests.Count);
        Assert.True(task.PlanApproved);
    }

    [Fact]
    public async Task A_task_that_finishes_within_the_limit_is_not_cut_short()
    {
        var model = new ScriptedChatClient(Conversation.Call("ping"), ScriptedChatClient.Reply("Pinged once."));

        var (task, _) = await TestRun.RunAsync(model, Model, [Ping()], options: TestRun.Options(maxTurns: 3));

        Assert.Equal(TaskState.Completed, task.State);
        Assert.Equal("Pinged once.", task.FinalMessage);
        Assert.Equal(1, _pings);
    }

    [Fact]
    public async Task Cancelling_while_a_tool_runs_ends_the_task_cancelled()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var toolSawCancellation = false;
        var tools = new TestToolset(TestToolset.Tool("wait_for_input", async (CancellationToken cancellationToken) =>
        {
            var never = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var registration = cancellationToken.Register(() => never.TrySetCanceled(cancellationToken));
            started.TrySetResult();
            try
            {
                await never.Task;
            }
            catch (OperationCanceledException)
            {
                toolSawCancellation = true;
                throw;
            }

            return "unreachable";
        }, ToolEffects.Read));
        var model = new ScriptedChatClient(Conversation.Call("wait_for_input"), ScriptedChatClient.Reply("never"));
        using var cancellation = new CancellationTokenSource();

        var run = TestRun.RunAsync(model, Model, [tools], cancellationToken: cancellation.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();
        var (task, events) = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(toolSawCancellation);
        Assert.Equal(TaskState.Cancelled, task.State);
        Assert.Equal(StopReason.Cancelled, task.StopReason);
        Assert.Single(model.Requests);
        var finished = Assert.Single(events.Of<ToolCallFinished>());
        Assert.False(finished.Succeeded);
        Assert.Equal("cancelled", finished.Summary);
    }

    [Fact]
    public async Task Cancelling_while_the_plan_waits_for_approval_ends_the_task_cancelled()
    {
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var approvals = new WaitingApprovals(asked);
        var model = new ScriptedChatClient(Conversation.Plan("pending", "Do it"), ScriptedChatClient.Reply("Plan: do it."));
        using var cancellation = new CancellationTokenSource();

        var run = TestRun.RunAsync(model, Model, [Ping()], approvals, cancellationToken: cancellation.Token);
        await asked.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();
        var (task, _) = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(TaskState.Cancelled, task.State);
        Assert.Equal(StopReason.Cancelled, task.StopReason);
        Assert.False(task.PlanApproved);
    }

    [Fact]
    public async Task A_token_cancelled_before_the_start_ends_the_task_cancelled_without_a_model_call()
    {
        var model = Relentless();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        var (task, _) = await TestRun.RunAsync(model, Model, [Ping()], cancellationToken: cancellation.Token);

        Assert.Equal(TaskState.Cancelled, task.State);
        Assert.Equal(0, _pings);
    }

    /// <summary>An approval handler that never answers: it waits for the token.</summary>
    private sealed class WaitingApprovals(TaskCompletionSource asked) : IApprovalHandler
    {
        public async ValueTask<ApprovalDecision> DecideAsync(ApprovalRequest request, CancellationToken cancellationToken = default)
        {
            var never = new TaskCompletionSource<ApprovalDecision>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var registration = cancellationToken.Register(() => never.TrySetCanceled(cancellationToken));
            asked.TrySetResult();
            return await never.Task;
        }
    }
}
