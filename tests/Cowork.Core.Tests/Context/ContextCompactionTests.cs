using Microsoft.Extensions.AI;

namespace Cowork.Tests;

/// <summary><see cref="ContextCompactingChatClient"/> on its own, over a scripted inner client.</summary>
public sealed class ContextCompactionTests
{
    private readonly TaskEventHub _hub = new($"t-{Guid.NewGuid():N}");
    private readonly EventRecorder _events = new();

    public ContextCompactionTests() => _hub.Subscribe(_events);

    private ContextCompactingChatClient Compactor(IChatClient inner, int window, ContextSummaries summaries = ContextSummaries.Digest) =>
        new(inner, new ContextOptions { Summaries = summaries }, window, _hub.For(AgentInfo.MainId));

    /// <summary>A model that answers summary requests with <c>SUMMARY n</c> and everything else with "Next.".</summary>
    private static ScriptedChatClient Summarizer(List<string> summaryRequests) => new(Enumerable.Range(0, 100).Select(_ =>
        (Func<IReadOnlyList<ChatMessage>, ChatResponse>)(conversation =>
        {
            if (conversation[0].Text != CompactionPrompts.SummarizerSystem)
            {
                return ScriptedChatClient.Reply("Next.", inputTokens: 10, outputTokens: 2);
            }

            summaryRequests.Add(conversation[1].Text);
            return ScriptedChatClient.Reply($"SUMMARY {summaryRequests.Count}: the reports were read.", inputTokens: 500, outputTokens: 20);
        })));

    [Fact]
    public async Task A_conversation_under_the_budget_goes_through_as_it_is()
    {
        var inner = new ScriptedChatClient();
        var conversation = LongConversation.Start().Reads(3);

        await Compactor(inner, window: 100_000).GetResponseAsync(conversation);

        Assert.Equal(conversation, inner.Requests.Single());
        Assert.Empty(_events.Of<ContextCompacted>());
    }

    [Fact]
    public async Task Over_the_budget_older_turns_become_a_summary_and_the_recent_ones_stay_verbatim()
    {
        var inner = new ScriptedChatClient();
        var compactor = Compactor(inner, window: 10_000);
        var conversation = LongConversation.Start().Reads(12);
        var original = conversation.ToList();

        await compactor.GetResponseAsync(conversation);

        var view = inner.Requests.Single();
        Assert.Equal(original, conversation); // the caller's history is untouched
        Assert.Same(conversation[0], view[0]);
        Assert.Same(conversation[1], view[1]);
        Assert.Equal(ChatRole.User, view[2].Role);
        Assert.StartsWith("[Context summary]", view[2].Text, StringComparison.Ordinal);
        var recent = view.Skip(3).ToList();
        Assert.Equal(ChatRole.Assistant, recent[0].Role);
        Assert.Equal(conversation.Skip(conversation.Count - recent.Count), recent);
        Assert.InRange(recent.Count, 2, 8);
        LongConversation.AssertCallsPaired(view);
        Assert.True(TokenEstimate.Of(view) <= compactor.BudgetTokens, $"{TokenEstimate.Of(view)} tokens over the budget of {compactor.BudgetTokens}");

        var compacted = Assert.Single(_events.Of<ContextCompacted>());
        Assert.Equal(conversation.Count - 2 - recent.Count, compacted.MessagesCompacted);
        Assert.True(compacted.TokensAfter < compacted.TokensBefore);

        // The digest keeps the files touched and each call with a one-line result.
        var summary = view[2].Text;
        var compactedPaths = conversation.Skip(2).Take(compacted.MessagesCompacted).SelectMany(m => m.Contents).OfType<FunctionCallContent>().Select(c => (string)c.Arguments!["path"]!).ToList();
        Assert.All(compactedPaths, path => Assert.Contains(path, summary, StringComparison.Ordinal));
        Assert.Contains($"read_file ×{compactedPaths.Count}", summary, StringComparison.Ordinal);
        Assert.Contains("revenue grew in every region", summary, StringComparison.Ordinal);
        Assert.DoesNotContain(LongConversation.Report("x", 8 * 1024)[200..400], summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resumed_task_goes_on_from_its_last_summary_without_writing_it_again()
    {
        var summaryRequests = new List<string>();
        var first = Summarizer(summaryRequests);
        var conversation = LongConversation.Start().Reads(12);
        await Compactor(first, window: 10_000, ContextSummaries.Model).GetResponseAsync(conversation);
        Assert.Single(summaryRequests);
        var compacted = Assert.Single(_events.Of<ContextCompacted>());
        Assert.True(compacted.Covered > 2 && compacted.Summary is { Length: > 0 }, "the event carries what a resume needs");

        // Another process: the conversation rebuilt from the log, a new compactor that goes on from the event.
        var second = Summarizer(summaryRequests);
        var resumed = Compactor(second, window: 10_000, ContextSummaries.Model);
        resumed.ResumeFrom(compacted);
        await resumed.GetResponseAsync(conversation);

        Assert.Single(summaryRequests);
        Assert.Equal(first.Requests[^1].Select(m => m.Text), second.Requests.Single().Select(m => m.Text));
        Assert.Equal(compacted.Covered, resumed.Covered);
    }

    [Fact]
    public async Task The_summary_is_extended_not_rewritten_and_its_message_stays_the_same_between_compactions()
    {
        var summaryRequests = new List<string>();
        var inner = Summarizer(summaryRequests);
        var compactor = Compactor(inner, window: 10_000, ContextSummaries.Model);
        var conversation = LongConversation.Start().Reads(12);
        var firstIds = new List<string>();

        IReadOnlyList<ChatMessage> previous = [];
        var stableBetween = 0;
        for (var call = 0; call < 12; call++)
        {
            await compactor.GetResponseAsync(conversation);
            var view = inner.Requests.Last(r => r[0].Text != CompactionPrompts.SummarizerSystem);
            LongConversation.AssertCallsPaired(view);
            if (call == 0)
            {
                firstIds = [.. conversation.Take(compactor.Covered).SelectMany(m => m.Contents).OfType<FunctionCallContent>().Select(c => c.CallId)];
            }

            if (previous.Count > 2 && ReferenceEquals(previous[2], view[2]))
            {
                stableBetween++;
            }

            previous = view;
            conversation.Reads(1);
        }

        var compactions = _events.Of<ContextCompacted>();
        Assert.InRange(compactions.Count, 2, 6);
        Assert.Equal(compactions.Count, summaryRequests.Count);
        Assert.True(stableBetween >= 12 - (2 * compactions.Count), "The summary message changed between compactions.");

        // The second request folds only the newly compacted turns into the first summary.
        Assert.Contains("The summary so far:\nSUMMARY 1: the reports were read.", summaryRequests[1], StringComparison.Ordinal);
        Assert.All(firstIds, id => Assert.DoesNotContain($"[tool call {id}]", summaryRequests[1], StringComparison.Ordinal));
        Assert.All(firstIds, id => Assert.Contains($"[tool call {id}]", summaryRequests[0], StringComparison.Ordinal));
        Assert.Contains($"SUMMARY {summaryRequests.Count}:", previous[2].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_whole_long_history_at_once_is_summarized_in_requests_that_each_fit_the_budget()
    {
        // As after a resume: the first call already holds hundreds of turns.
        var summaryRequests = new List<string>();
        var inner = Summarizer(summaryRequests);
        var compactor = Compactor(inner, window: 10_000, ContextSummaries.Model);
        var conversation = LongConversation.Start().Reads(200);

        await compactor.GetResponseAsync(conversation);

        Assert.Single(_events.Of<ContextCompacted>());
        Assert.InRange(summaryRequests.Count, 3, 100);
        Assert.All(inner.Requests, r => Assert.True(TokenEstimate.Of(r) <= compactor.BudgetTokens, $"{TokenEstimate.Of(r)} tokens"));
        Assert.All(summaryRequests.Skip(1), (r, i) => Assert.Contains($"The summary so far:\nSUMMARY {i + 1}:", r, StringComparison.Ordinal));
        var calls = conversation.Take(compactor.Covered).SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        Assert.All(calls, c => Assert.Single(summaryRequests, r => r.Contains($"[tool call {c.CallId}]", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_model_written_summary_goes_through_the_metered_inner_client()
    {
        var summaryRequests = new List<string>();
        var meter = new MeteringChatClient(Summarizer(summaryRequests), _hub.For(AgentInfo.MainId), "scripted:summaries");
        var compactor = Compactor(meter, window: 10_000, ContextSummaries.Model);

        await compactor.GetResponseAsync(LongConversation.Start().Reads(12));

        Assert.Single(summaryRequests);
        Assert.Equal(2, meter.Calls);
        Assert.Equal([500L, 10L], _events.Of<UsageReported>().Select(u => u.InputTokens));
        Assert.Equal(520 + 12, _hub.Task.Usage.InputTokens + _hub.Task.Usage.OutputTokens);
    }

    [Fact]
    public async Task When_the_model_cannot_summarize_the_digest_stands_in()
    {
        var inner = new ScriptedChatClient([
            _ => throw new ModelException(ModelFailureKind.Transient, "The model is overloaded."),
            _ => ScriptedChatClient.Reply("Next."),
        ]);
        var compactor = Compactor(inner, window: 10_000, ContextSummaries.Model);

        await compactor.GetResponseAsync(LongConversation.Start().Reads(12));

        var view = inner.Requests[^1];
        Assert.Contains("Files touched", view[2].Text, StringComparison.Ordinal);
        Assert.Contains(_events.Of<Warning>(), w => w.Message.Contains("digest stands in", StringComparison.Ordinal));
        Assert.Single(_events.Of<ContextCompacted>());
    }

    [Fact]
    public async Task The_request_and_the_plan_approval_are_kept_verbatim_and_the_plan_as_it_stands_is_shown()
    {
        var inner = new ScriptedChatClient();
        var compactor = Compactor(inner, window: 10_000);
        var conversation = LongConversation.Start().Reads(2);
        var approval = new ChatMessage(ChatRole.User, AgentPrompts.PlanApproved);
        conversation.Add(approval);
        conversation.Reads(10);
        _hub.For(AgentInfo.MainId).Publish(new PlanUpdated([new PlanStep("Read the reports", StepStatus.InProgress), new PlanStep("Summarize")], null));

        await compactor.GetResponseAsync(conversation);

        var view = inner.Requests.Single();
        Assert.True(compactor.Covered > conversation.IndexOf(approval));
        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.User, ChatRole.User], view.Take(4).Select(m => m.Role));
        Assert.Same(approval, view[2]);
        Assert.Contains("[Plan] The plan as it stands now:\n1. [in_progress] Read the reports\n2. [pending] Summarize", view[3].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(AgentPrompts.PlanApproved, view[3].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_digest_is_deterministic()
    {
        var first = new ScriptedChatClient();
        var second = new ScriptedChatClient();

        await Compactor(first, window: 10_000).GetResponseAsync(LongConversation.Start().Reads(12));
        await Compactor(second, window: 10_000).GetResponseAsync(LongConversation.Start().Reads(12));

        Assert.Equal(first.Requests.Single()[2].Text, second.Requests.Single()[2].Text);
    }

    [Theory]
    [InlineData(2_000, 1)]
    [InlineData(4_000, 3)]
    [InlineData(9_000, 2)]
    [InlineData(30_000, 4)]
    public async Task A_tool_call_is_never_split_from_its_result(int window, int callsPerTurn)
    {
        var inner = new ScriptedChatClient();
        var compactor = Compactor(inner, window);
        var conversation = LongConversation.Start();
        for (var turn = 0; turn < 30; turn++)
        {
            conversation.Reads(1, resultChars: 1_000 + (turn * 397 % 5_000), callsPerTurn);
            if (turn % 4 == 0)
            {
                conversation.Add(new ChatMessage(ChatRole.Assistant, $"Noted after turn {turn}."));
                conversation.Add(new ChatMessage(ChatRole.User, $"Also look at appendix {turn}."));
            }

            await compactor.GetResponseAsync(conversation);
            Assert.Same(conversation[^1], inner.Requests[^1][^1]);
        }

        Assert.All(inner.Requests, LongConversation.AssertCallsPaired);
        Assert.NotEmpty(_events.Of<ContextCompacted>());
    }

    [Fact]
    public async Task The_estimate_grows_when_the_provider_counts_more_tokens_than_it()
    {
        // A provider whose tokenizer counts three times the estimate: the budget must hold in its tokens.
        var inner = new ScriptedChatClient(Enumerable.Range(0, 40).Select(_ =>
            (Func<IReadOnlyList<ChatMessage>, ChatResponse>)(view => ScriptedChatClient.Reply("Next.", inputTokens: 3 * TokenEstimate.Of(view), outputTokens: 1))));
        var compactor = Compactor(inner, window: 40_000);
        var conversation = LongConversation.Start().Reads(3);
        for (var i = 0; i < 30; i++)
        {
            await compactor.GetResponseAsync(conversation);
            conversation.Reads(1);
        }

        Assert.All(inner.Requests.Skip(1), view => Assert.True(3 * TokenEstimate.Of(view) <= compactor.BudgetTokens * 1.1, $"{3 * TokenEstimate.Of(view)} provider tokens"));
        Assert.NotEmpty(_events.Of<ContextCompacted>());
    }

    [Theory]
    [InlineData("anthropic:claude-sonnet-4-5", 200_000)]
    [InlineData("anthropic:claude-opus-4-1", 200_000)]
    [InlineData("openai:gpt-4o-mini", 128_000)]
    [InlineData("openai:gpt-4.1-mini", 1_000_000)]
    [InlineData("ollama:llama3.1", 8_192)]
    [InlineData("openai:some-local-model", ContextWindows.Default)]
    public void Known_windows_match_by_the_longest_prefix_with_a_conservative_default(string model, int window) =>
        Assert.Equal(window, ContextWindows.For(ModelSpec.Parse(model)));

    [Fact]
    public void The_offline_planner_and_scripted_models_have_no_window()
    {
        Assert.Null(ContextWindows.For(ModelSpec.Offline));
        Assert.Null(ContextWindows.For(ModelSpec.Parse("scripted:x.json")));
    }

    [Fact]
    public void The_config_names_a_models_window_by_the_longest_prefix_and_refuses_a_tiny_one()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cowork-config-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(file, """{ "context_windows": { "ollama:": 16384, "ollama:llama3.1": 131072 } }""");
            var config = CoworkConfig.Load(file);
            Assert.Equal(131_072, config.ContextWindowFor(ModelSpec.Parse("ollama:llama3.1")));
            Assert.Equal(16_384, config.ContextWindowFor(ModelSpec.Parse("ollama:qwen2.5")));
            Assert.Null(config.ContextWindowFor(ModelSpec.Parse("anthropic:claude-sonnet-4-5")));

            File.WriteAllText(file, """{ "context_windows": { "ollama:": 500 } }""");
            Assert.Contains("at least 1000 tokens", Assert.Throws<CoworkConfigurationException>(() => CoworkConfig.Load(file)).Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
