using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>
/// Keeps each model call within a budget (a share of the model's context window, and at most
/// <see cref="ContextOptions.MaxBudgetTokens"/>): when the conversation nears it, the
/// older turns are replaced by a summary, and the inner client gets the system prompt, the request (and the plan
/// approval), the summary, the plan as it stands and the recent turns verbatim.
/// </summary>
/// <remarks>
/// <para>
/// The caller's conversation is never changed: the agent keeps the whole history (and the event log keeps it for good);
/// only the view sent on is compacted. A conversation under the budget goes through as it is.
/// </para>
/// <para>
/// Incremental: the summary covers a prefix of the conversation and is extended with the next older turns when the
/// budget is reached again, never rewritten from the whole history. The cut always falls before an assistant message,
/// so a tool call and its result are never split. Each compaction publishes <see cref="ContextCompacted"/>.
/// </para>
/// <para>
/// Tokens are estimated at about four characters each, scaled up when the provider reported more input tokens for the
/// previous request than the estimate. The model-written summary is a call through the inner client, so it is metered
/// like any other; if it fails, the deterministic digest stands in. One instance per agent: not thread-safe, and calls
/// must not overlap (the tool loop makes them one at a time).
/// </para>
/// </remarks>
public sealed class ContextCompactingChatClient : DelegatingChatClient
{
    /// <summary>
    /// Marks the content that ends the stable prefix of a compacted view (the summary), where a provider that caches
    /// prompts may place a breakpoint. Its value is <see langword="true"/>.
    /// </summary>
    public const string StablePrefixKey = "cowork.stable_prefix";

    private const double MaxScale = 4;
    private readonly ContextOptions _options;
    private readonly EventPublisher _events;
    private readonly bool _modelSummaries;
    private ConversationDigest _digest = new();
    private int _covered;
    private string _summary = "";
    private ChatMessage? _summaryMessage;
    private ContextCompacted? _resumeFrom;
    private double _scale = 1;

    /// <param name="innerClient">The client the compacted view goes to; summaries are written through it too.</param>
    /// <param name="windowTokens">The model's context window; <see langword="null"/> for none (every call goes through as it is).</param>
    public ContextCompactingChatClient(IChatClient innerClient, ContextOptions options, int? windowTokens, EventPublisher events)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(events);
        _options = options;
        _events = events;
        _modelSummaries = options.Summaries == ContextSummaries.Model;
        BudgetTokens = options.Compaction && windowTokens is { } window ? Math.Min((long)(window * options.BudgetShare), options.MaxBudgetTokens) : null;
    }

    /// <summary>The most tokens a request may hold before older turns are compacted; <see langword="null"/> for no limit.</summary>
    public long? BudgetTokens { get; }

    /// <summary>How many leading messages of the conversation the summary stands for (the pinned ones among them are kept).</summary>
    public int Covered => _covered;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (view, estimate) = await PrepareAsync(messages, options, cancellationToken);
        var response = await base.GetResponseAsync(view, options, cancellationToken);
        Calibrate(estimate, response.Usage);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (view, estimate) = await PrepareAsync(messages, options, cancellationToken);
        UsageDetails? usage = null;
        await foreach (var update in base.GetStreamingResponseAsync(view, options, cancellationToken))
        {
            foreach (var content in update.Contents)
            {
                if (content is UsageContent reported)
                {
                    (usage ??= new UsageDetails()).Add(reported.Details);
                }
            }

            yield return update;
        }

        Calibrate(estimate, usage);
    }

    private async Task<(IEnumerable<ChatMessage> View, long Estimate)> PrepareAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (BudgetTokens is not { } budget)
        {
            return (messages, 0);
        }

        var conversation = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        if (_resumeFrom is { } resume)
        {
            _resumeFrom = null;
            if (resume.Covered > 0 && resume.Covered <= conversation.Count && resume.Summary is { Length: > 0 } summary)
            {
                var covered = conversation.Take(resume.Covered).Where((_, i) => !IsPinned(conversation, i)).ToList();
                _digest.Add(covered);
                _covered = resume.Covered;
                SetSummary(summary);
            }
        }

        if (conversation.Count < _covered)
        {
            // Not the conversation the summary was made from: start over.
            Reset();
        }

        var tools = TokenEstimate.Of(options?.Tools);
        var view = View(conversation);
        var before = Estimate(view, tools);
        if (before <= budget)
        {
            return (view, before);
        }

        var cut = Cut(conversation, budget);
        if (cut <= _covered)
        {
            return (view, before);
        }

        var compacted = conversation.Skip(_covered).Take(cut - _covered).Where((m, i) => !IsPinned(conversation, _covered + i)).ToList();
        await ExtendAsync(compacted, budget, cancellationToken);
        _covered = cut;
        view = View(conversation);
        var after = Estimate(view, tools);
        _events.Publish(new ContextCompacted(compacted.Count, _summary.Length, before, after, _covered, _summary));
        return (view, after);
    }

    /// <summary>The first message of the recent turns to keep: an assistant message, with the turns from it within the recent share.</summary>
    private int Cut(IReadOnlyList<ChatMessage> conversation, long budget)
    {
        var room = budget * _options.RecentShare / _scale;
        var floor = Math.Max(_covered, FirstUser(conversation) + 1);
        int? cut = null;
        int? latest = null;
        long recent = 0;
        for (var i = conversation.Count - 1; i >= floor; i--)
        {
            recent += TokenEstimate.Of(conversation[i]);
            if (conversation[i].Role != ChatRole.Assistant)
            {
                continue;
            }

            latest ??= i;
            if (recent > room)
            {
                break;
            }

            cut = i;
        }

        // At the least the latest exchange stays, even when it alone is over the share.
        return cut ?? latest ?? _covered;
    }

    private async Task ExtendAsync(List<ChatMessage> turns, long budget, CancellationToken cancellationToken)
    {
        _digest.Add(turns);
        var maxChars = (int)Math.Min(int.MaxValue / 2, budget * _options.SummaryShare * TokenEstimate.CharsPerToken);
        var summary = _modelSummaries ? await WriteAsync(turns, budget, maxChars, cancellationToken) : null;
        SetSummary(Cap(string.IsNullOrEmpty(summary) ? _digest.Render(maxChars) : summary, maxChars));
    }

    private void SetSummary(string summary)
    {
        _summary = summary;
        var block = new TextContent(CompactionPrompts.Summary(_digest.MessageCount, _summary)) { AdditionalProperties = new() { [StablePrefixKey] = true } };
        _summaryMessage = new ChatMessage(ChatRole.User, [block]);
    }

    /// <summary>
    /// Goes on from an earlier run's last compaction (a resumed task): its summary stands for the same leading messages
    /// of the rebuilt conversation, so the history is not summarized again. Applied at the next request.
    /// </summary>
    public void ResumeFrom(ContextCompacted compaction) => _resumeFrom = compaction;

    /// <summary>
    /// The model's summary of the turns folded into the one so far; in several requests when the turns would not fit in
    /// one (a resumed task compacts its whole history at once). <see langword="null"/> when the model failed.
    /// </summary>
    private async Task<string?> WriteAsync(List<ChatMessage> turns, long budget, int maxChars, CancellationToken cancellationToken)
    {
        var room = (budget * TokenEstimate.CharsPerToken / 2) - _summary.Length;
        var summary = _summary;
        var chunk = new List<string>();
        long size = 0;
        try
        {
            foreach (var turn in turns.Select(CompactionPrompts.Transcript))
            {
                if (chunk.Count > 0 && size + turn.Length > room)
                {
                    summary = await SummarizeAsync(summary, chunk, maxChars, cancellationToken);
                    (chunk, size) = ([], 0);
                }

                chunk.Add(turn);
                size += turn.Length;
            }

            return chunk.Count > 0 ? await SummarizeAsync(summary, chunk, maxChars, cancellationToken) : summary;
        }
        catch (ModelException ex)
        {
            _events.Publish(new Warning($"The model could not summarize older turns ({ex.Message}); a digest stands in for them."));
            return null;
        }
    }

    private async Task<string> SummarizeAsync(string previous, List<string> turns, int maxChars, CancellationToken cancellationToken)
    {
        var response = await base.GetResponseAsync(CompactionPrompts.Extend(previous, turns, maxChars), new ChatOptions
        {
            MaxOutputTokens = Math.Max(256, maxChars / TokenEstimate.CharsPerToken),
        }, cancellationToken);
        return Cap(response.Text.Trim(), maxChars);
    }

    private static string Cap(string text, int maxChars) => text.Length > maxChars ? string.Concat(text.AsSpan(0, maxChars), "…") : text;

    /// <summary>What the inner client gets: the pinned messages, the summary and the plan, then the turns after the cut.</summary>
    private IReadOnlyList<ChatMessage> View(IReadOnlyList<ChatMessage> conversation)
    {
        if (_covered == 0 || _summaryMessage is null)
        {
            return conversation;
        }

        var view = new List<ChatMessage>(conversation.Count - _covered + 4);
        for (var i = 0; i < _covered; i++)
        {
            if (IsPinned(conversation, i))
            {
                view.Add(conversation[i]);
            }
        }

        var plan = _events.Task.Plan;
        view.Add(plan.IsEmpty
            ? _summaryMessage
            : new ChatMessage(ChatRole.User, [.. _summaryMessage.Contents, new TextContent(CompactionPrompts.PlanState(plan))]));
        for (var i = _covered; i < conversation.Count; i++)
        {
            view.Add(conversation[i]);
        }

        return view;
    }

    /// <summary>Kept whatever is compacted: the system prompt, the request, and the approval of the plan.</summary>
    private static bool IsPinned(IReadOnlyList<ChatMessage> conversation, int index)
    {
        var message = conversation[index];
        return message.Role == ChatRole.System
            || (message.Role == ChatRole.User && (index == FirstUser(conversation) || message.Text == AgentPrompts.PlanApproved));
    }

    private static int FirstUser(IReadOnlyList<ChatMessage> conversation)
    {
        for (var i = 0; i < conversation.Count; i++)
        {
            if (conversation[i].Role == ChatRole.User)
            {
                return i;
            }
        }

        return conversation.Count;
    }

    private long Estimate(IReadOnlyList<ChatMessage> view, long tools) => (long)((TokenEstimate.Of(view) + tools) * _scale);

    /// <summary>Learns from the provider's count how far the estimate runs short, so the budget holds for this model's tokenizer.</summary>
    private void Calibrate(long estimate, UsageDetails? usage)
    {
        if (estimate > 0 && usage?.InputTokenCount is > 0 and var reported)
        {
            var raw = estimate / _scale;
            _scale = Math.Clamp(reported / raw, 1, MaxScale);
        }
    }

    private void Reset()
    {
        _digest = new ConversationDigest();
        _covered = 0;
        _summary = "";
        _summaryMessage = null;
    }
}
