namespace Cowork.Tests;

/// <summary>The permission gate and the tool invoker: deny, ask, and failures turned into text for the model.</summary>
public sealed class ToolPermissionTests
{
    private static readonly ModelSpec Model = ModelSpec.Parse("scripted:permissions");
    private int _reads;

    private TestToolset Tools(Func<string>? body = null) => new(TestToolset.Tool("read_secret", () =>
    {
        Interlocked.Increment(ref _reads);
        return body?.Invoke() ?? "the secret";
    }, ToolEffects.Read));

    private static ScriptedChatClient CallOnceThenAnswer() => new(
        Conversation.Call("read_secret"),
        ScriptedChatClient.Reply("Done reading."));

    private static AgentOptions With(PermissionMode mode) =>
        TestRun.Options(permissions: new PermissionPolicy([new("read_secret", mode)]));

    [Fact]
    public async Task A_denied_tool_never_runs_and_the_model_is_told_it_was_denied()
    {
        var model = CallOnceThenAnswer();
        var approvals = TestApprovals.Yes();

        var (task, events) = await TestRun.RunAsync(model, Model, [Tools()], approvals, With(PermissionMode.Deny));

        Assert.Equal(TaskState.Completed, task.State);
        Assert.Equal(0, _reads);
        Assert.Empty(approvals.Asked);
        var result = Assert.Single(Conversation.ResultsFor(model.Requests[1], "read_secret"));
        Assert.StartsWith("Not run:", result, StringComparison.Ordinal);
        Assert.Contains("deny", result, StringComparison.Ordinal);
        Assert.Equal("read_secret", Assert.Single(events.Of<ToolCallDenied>()).Tool);
        Assert.Empty(events.Of<ToolCallStarted>());
    }

    [Fact]
    public async Task An_ask_tool_consults_the_person_and_a_no_prevents_the_run()
    {
        var model = CallOnceThenAnswer();
        var approvals = new TestApprovals(_ => ApprovalDecision.No("that is private"));

        var (task, events) = await TestRun.RunAsync(model, Model, [Tools()], approvals, With(PermissionMode.Ask));

        Assert.Equal(TaskState.Completed, task.State);
        Assert.Equal(0, _reads);
        var asked = Assert.Single(approvals.Asked);
        Assert.Equal(ApprovalKind.Tool, asked.Kind);
        Assert.StartsWith("read_secret", asked.Subject, StringComparison.Ordinal);
        var result = Assert.Single(Conversation.ResultsFor(model.Requests[1], "read_secret"));
        Assert.Contains("declined", result, StringComparison.Ordinal);
        Assert.Contains("that is private", result, StringComparison.Ordinal);
        Assert.Single(events.Of<ToolCallDenied>());
    }

    [Fact]
    public async Task An_ask_tool_runs_when_the_person_says_yes()
    {
        var model = CallOnceThenAnswer();
        var approvals = TestApprovals.Yes();

        var (task, events) = await TestRun.RunAsync(model, Model, [Tools()], approvals, With(PermissionMode.Ask));

        Assert.Equal(TaskState.Completed, task.State);
        Assert.Equal(1, _reads);
        Assert.Single(approvals.Asked);
        Assert.Equal("person", Assert.Single(events.Of<ToolCallApproved>()).By);
        Assert.Equal("the secret", Assert.Single(Conversation.ResultsFor(model.Requests[1], "read_secret")));
    }

    [Fact]
    public async Task Nobody_to_ask_about_a_tool_stops_with_approval_unavailable()
    {
        var model = new ScriptedChatClient(
            Conversation.Call("read_secret"),
            ScriptedChatClient.Reply("Read it anyway."));
        var approvals = new TestApprovals(_ => throw new ApprovalUnavailableException("read_secret needs approval and there is no terminal."));

        var (task, _) = await TestRun.RunAsync(model, Model, [Tools()], approvals, With(PermissionMode.Ask));

        Assert.Equal(StopReason.ApprovalUnavailable, task.StopReason);
        Assert.Equal(TaskState.AwaitingApproval, task.State);
        Assert.Contains("no terminal", task.FinalMessage, StringComparison.Ordinal);
        Assert.Equal(0, _reads);
        Assert.Single(model.Requests); // the model is not asked to carry on
    }

    [Fact]
    public async Task A_tool_exception_message_goes_to_the_model()
    {
        var model = CallOnceThenAnswer();

        var (task, events) = await TestRun.RunAsync(model, Model, [Tools(() => throw new ToolException("No file named secret.txt in the granted folders."))]);

        Assert.Equal(TaskState.Completed, task.State);
        var result = Assert.Single(Conversation.ResultsFor(model.Requests[1], "read_secret"));
        Assert.Equal("Error: No file named secret.txt in the granted folders.", result);
        var finished = Assert.Single(events.Of<ToolCallFinished>());
        Assert.False(finished.Succeeded);
        Assert.Equal(result, finished.Summary);
    }

    [Fact]
    public async Task An_unexpected_exception_is_hidden_from_the_model_and_shown_as_a_warning()
    {
        var model = CallOnceThenAnswer();

        var (task, events) = await TestRun.RunAsync(model, Model, [Tools(() => throw new InvalidOperationException("handle 0x7f3a internals"))]);

        Assert.Equal(TaskState.Completed, task.State);
        var result = Assert.Single(Conversation.ResultsFor(model.Requests[1], "read_secret"));
        Assert.Contains("failed unexpectedly", result, StringComparison.Ordinal);
        Assert.DoesNotContain("0x7f3a", result, StringComparison.Ordinal);
        Assert.Contains("0x7f3a", Assert.Single(events.Of<Warning>()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_to_an_unknown_tool_is_answered_with_an_error_and_the_loop_goes_on()
    {
        var model = new ScriptedChatClient(
            Conversation.Call("delete_everything"),
            ScriptedChatClient.Reply("That tool does not exist."));

        var (task, _) = await TestRun.RunAsync(model, Model, [Tools()]);

        Assert.Equal(TaskState.Completed, task.State);
        var result = Assert.Single(Conversation.ResultsFor(model.Requests[1], "delete_everything"));
        Assert.Contains("delete_everything", result, StringComparison.Ordinal);
        Assert.Contains("not found", result, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Read_tools_run_by_default_and_are_approved_by_policy()
    {
        var model = CallOnceThenAnswer();

        var (task, events) = await TestRun.RunAsync(model, Model, [Tools()]);

        Assert.Equal(TaskState.Completed, task.State);
        Assert.Equal(1, _reads);
        Assert.Equal("policy", Assert.Single(events.Of<ToolCallApproved>()).By);
    }
}
