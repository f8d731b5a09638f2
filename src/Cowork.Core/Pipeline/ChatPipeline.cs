using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>The order of the middleware around a provider's client, written down in one place.</summary>
/// <remarks>
/// Outermost first:
/// <list type="number">
/// <item><see cref="FunctionInvokingChatClient"/>: the tool loop; each call goes through <see cref="ToolInvoker"/> and the permission gate.</item>
/// <item><see cref="BudgetChatClient"/>: stops model calls at the task's budget, warns at 80 %.</item>
/// <item><see cref="FinalCallChatClient"/>: keeps tools declared but unusable on the last call the turn budget allows.</item>
/// <item><see cref="ContextCompactingChatClient"/>: sends a compacted view of the conversation once it nears the context
/// budget. It sits below <see cref="FinalCallChatClient"/>, so its own summary calls (which declare no tools) are not taken
/// for the last call, and above metering, so those calls are counted (as model calls: the turn limit checked at the start
/// of a tool loop does not see the ones made during it) and their tokens reported.</item>
/// <item><see cref="MeteringChatClient"/>: counts every model call and reports its tokens.</item>
/// <item><see cref="RetryingChatClient"/>: retries transient failures and names the others.</item>
/// <item>The provider's client (Anthropic, OpenAI-compatible, offline, scripted).</item>
/// </list>
/// Later middleware (steering) slots in between the tool loop and metering, so it sees each model call with the full
/// conversation. Providers may wrap their own client (Anthropic's adds prompt-cache breakpoints to what it sends).
/// </remarks>
internal static class ChatPipeline
{
    public static (IChatClient Client, FunctionInvokingChatClient Loop, FinalCallChatClient Final, MeteringChatClient Meter) Build(
        IChatClient provider,
        ModelSpec model,
        EventPublisher events,
        ToolInvoker invoker,
        IList<AITool> tools,
        RetryOptions? retry,
        TaskBudget? budget = null,
        ModelPrice? price = null,
        ContextOptions? context = null)
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
            .Use(inner => new BudgetChatClient(inner, budget ?? TaskBudget.None, price, events))
            .Use(inner => final = new FinalCallChatClient(inner, tools))
            .Use(inner => new ContextCompactingChatClient(inner, context, window, events))
            .Use(inner => meter = new MeteringChatClient(inner, events, model.ToString()))
            .Use(inner => new RetryingChatClient(inner, model, retry, message => events.Publish(new Warning(message))))
            .Build();
        return (client, loop!, final!, meter!);
    }
}
