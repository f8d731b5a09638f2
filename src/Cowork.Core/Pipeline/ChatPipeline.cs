using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>The middleware around a provider's client for one task run, in an order written down in one place.</summary>
/// <remarks>
/// Outermost first:
/// <list type="number">
/// <item><see cref="FunctionInvokingChatClient"/>: the tool loop; each call goes through <see cref="ToolInvoker"/> and the permission gate.</item>
/// <item><see cref="RecordingChatClient"/>: records each complete reply in the event log, before the loop runs its tools.</item>
/// <item><see cref="SteeringChatClient"/>: holds the next model call back when the person paused the task or sent directions.</item>
/// <item><see cref="BudgetChatClient"/>: stops model calls at the task's budget or the day's, warns at 80 %.</item>
/// <item><see cref="FinalCallChatClient"/>: keeps tools declared but unusable on the last call the turn budget allows.</item>
/// <item><see cref="ToolSelectingChatClient"/>: declares only the tools the conversation needs (<see cref="ToolSelection"/>);
/// the tool loop above it can call every tool of the task.</item>
/// <item><see cref="ContextCompactingChatClient"/>: sends a compacted view of the conversation once it nears the context
/// budget. It sits below <see cref="FinalCallChatClient"/>, so its own summary calls (which declare no tools) are not taken
/// for the last call, and above metering, so those calls are counted (as model calls: the turn limit checked at the start
/// of a tool loop does not see the ones made during it) and their tokens reported.</item>
/// <item><see cref="MeteringChatClient"/>: counts every model call and reports its tokens.</item>
/// <item><see cref="RetryingChatClient"/>: retries transient failures and names the others.</item>
/// <item>The provider's client (Anthropic, OpenAI-compatible, offline, scripted).</item>
/// </list>
/// Everything above compaction sees each model call with the full conversation. Providers may wrap their own client
/// (Anthropic's adds prompt-cache breakpoints to what it sends).
/// </remarks>
internal sealed class ChatPipeline
{
    private ChatPipeline(IChatClient client, FunctionInvokingChatClient loop, FinalCallChatClient final, MeteringChatClient meter)
    {
        Client = client;
        Loop = loop;
        Final = final;
        Meter = meter;
    }

    public IChatClient Client { get; }

    public FunctionInvokingChatClient Loop { get; }

    public FinalCallChatClient Final { get; }

    public MeteringChatClient Meter { get; }

    /// <param name="callsSoFar">Model calls the task made in earlier runs: turn numbers and the turn limit go on from there.</param>
    public static ChatPipeline Build(
        IChatClient provider,
        ModelSpec model,
        EventPublisher events,
        ToolInvoker invoker,
        ToolSelection tools,
        TaskControl control,
        RetryOptions? retry,
        TaskBudget? budget = null,
        ModelPrice? price = null,
        int callsSoFar = 0,
        DailyBudget? daily = null,
        ContextOptions? context = null,
        ContextCompacted? resumeFrom = null)
    {
        context ??= new ContextOptions();
        // Models without a window (offline, scripted) read the whole conversation: a forced window does not apply to them.
        var window = ContextWindows.For(model) is null ? null : context.WindowTokens ?? ContextWindows.For(model);
        MeteringChatClient? meter = null;
        FinalCallChatClient? final = null;
        FunctionInvokingChatClient? loop = null;
        var client = new ChatClientBuilder(provider)
            .UseFunctionInvocation(configure: ficc =>
            {
                ficc.FunctionInvoker = invoker.InvokeAsync;
                ficc.IncludeDetailedErrors = true;
                ficc.AllowConcurrentInvocation = false;
                loop = ficc;
            })
            .Use(inner => new RecordingChatClient(inner, events))
            .Use(inner => new SteeringChatClient(inner, control))
            .Use(inner => new BudgetChatClient(inner, budget ?? TaskBudget.None, price, events, daily))
            .Use(inner => final = new FinalCallChatClient(inner, [.. tools.All.Select(t => (AITool)t.Function)]))
            .Use(inner => new ToolSelectingChatClient(inner, tools))
            .Use(inner =>
            {
                var compactor = new ContextCompactingChatClient(inner, context, window, events);
                if (resumeFrom is not null)
                {
                    compactor.ResumeFrom(resumeFrom);
                }

                return compactor;
            })
            .Use(inner => meter = new MeteringChatClient(inner, events, model.ToString(), callsSoFar))
            .Use(inner => new RetryingChatClient(inner, model, retry, message => events.Publish(new Warning(message))))
            .Build();
        return new ChatPipeline(client, loop!, final!, meter!);
    }
}
