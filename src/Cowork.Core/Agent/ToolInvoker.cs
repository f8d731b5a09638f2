using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>
/// Runs one tool call for <see cref="FunctionInvokingChatClient"/>: through the permission gate, with events
/// before and after, and with every failure turned into text the model can act on.
/// </summary>
/// <remarks>
/// With an <see cref="ArtifactStore"/>, a result over its threshold is kept as an artifact and the model gets its head,
/// a one-line summary and a handle (<see cref="ToolNames.ReadArtifact"/> pages its own results under the threshold).
/// </remarks>
internal sealed class ToolInvoker(IReadOnlyDictionary<string, ToolDescriptor> tools, PermissionGate gate, EventPublisher events, ArtifactStore? artifacts = null)
{
    private const int SummaryLength = 200;

    /// <summary>Set when a call needed the person's approval and nobody could be asked; the tool loop was told to stop.</summary>
    public ApprovalUnavailableException? ApprovalUnavailable { get; private set; }

    /// <summary>
    /// Runs the call and records its result in the conversation log, before the event that says it finished: a log
    /// that shows a call finished always holds its result, so resume never runs it again. A cancelled call records nothing.
    /// </summary>
    public ValueTask<object?> InvokeAsync(FunctionInvocationContext context, CancellationToken cancellationToken) => InvokeCoreAsync(context, cancellationToken);

    /// <summary>Runs a call the model made before the task was interrupted, as the tool loop would have.</summary>
    public ValueTask<object?> InvokeAsync(RecordedToolCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var content = (FunctionCallContent)new ConversationMessage("assistant", null, [call]).ToChatMessage().Contents[0];
        var context = new FunctionInvocationContext
        {
            CallContent = content,
            Arguments = new AIFunctionArguments(content.Arguments),
            Function = tools.TryGetValue(call.Name, out var tool) ? tool.Function : MissingTool(call.Name),
        };
        return InvokeAsync(context, cancellationToken);
    }

    private async ValueTask<object?> InvokeCoreAsync(FunctionInvocationContext context, CancellationToken cancellationToken)
    {
        var call = context.CallContent;
        var name = context.Function.Name;
        var arguments = call.Arguments is null ? "{}" : JsonSerializer.Serialize(call.Arguments, AIJsonUtilities.DefaultOptions);
        events.Publish(new ToolCallRequested(call.CallId, name, arguments));

        if (call.Exception is { } parseError)
        {
            return Fail(call.CallId, name, $"Error: the arguments for {name} were not valid JSON ({parseError.Message}). Send them again as a JSON object matching the schema.");
        }

        if (!tools.TryGetValue(name, out var tool))
        {
            return Fail(call.CallId, name, $"Error: there is no tool named {name}.");
        }

        string? refusal;
        try
        {
            refusal = await gate.CheckAsync(tool, tool.EffectsFor(context.Arguments), call.CallId, arguments, cancellationToken);
        }
        catch (ApprovalUnavailableException ex)
        {
            // FunctionInvokingChatClient would turn this into a failed call for the model and carry on; end the loop
            // here instead, and let the runner stop the task.
            ApprovalUnavailable = ex;
            context.Terminate = true;
            return Fail(call.CallId, name, $"Not run: {ex.Message}");
        }

        if (refusal is not null)
        {
            return Answer(call.CallId, $"Not run: {refusal}");
        }

        events.Publish(new ToolCallStarted(call.CallId, name));
        var clock = Stopwatch.StartNew();
        try
        {
            object? result;
            using (ToolCallScope.Enter(call.CallId))
            {
                result = await context.Function.InvokeAsync(context.Arguments, cancellationToken);
            }

            // AIFunctionFactory returns a string result as a JSON string element, which the providers send JSON-encoded
            // (in quotes, newlines as \n). The model gets the text itself.
            var returned = result is JsonElement { ValueKind: JsonValueKind.String } text ? text.GetString() : result;
            var kept = Answer(call.CallId, artifacts is null ? returned : Keep(call.CallId, name, returned));
            events.Publish(new ToolCallFinished(call.CallId, name, true, Summarize(result), clock.ElapsedMilliseconds));
            return kept;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            events.Publish(new ToolCallFinished(call.CallId, name, false, "cancelled", clock.ElapsedMilliseconds));
            throw;
        }
        catch (Exception ex) when (IsExpected(ex))
        {
            return Fail(call.CallId, name, $"Error: {ex.Message}", clock);
        }
        catch (Exception ex)
        {
            // Internals stay out of the conversation; the person sees them as a warning.
            events.Publish(new Warning($"{name} failed unexpectedly: {ex.GetType().Name}: {ex.Message}"));
            return Fail(call.CallId, name, $"Error: {name} failed unexpectedly ({ex.GetType().Name}). Try another way.", clock);
        }
    }

    /// <summary>Stands for a tool the task no longer has; the lookup in <see cref="InvokeCoreAsync"/> refuses it by name.</summary>
    private static AIFunction MissingTool(string name) => AIFunctionFactory.Create(() => "", name);

    /// <summary>A large result as an artifact's head and handle; if it cannot be kept, its head and a warning.</summary>
    private object? Keep(string callId, string name, object? result)
    {
        var text = TokenEstimate.ResultText(result);
        if (text.Length <= artifacts!.Threshold)
        {
            return result;
        }

        try
        {
            return artifacts.Shorten(callId, name, text);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            events.Publish(new Warning($"The large result of {name} could not be kept as an artifact ({ex.Message}); the model got its start only."));
            return string.Concat(text.AsSpan(0, artifacts.Threshold), "\n[Shortened: the rest could not be kept.]");
        }
    }

    /// <summary>Records what the model is told of the call; returns it.</summary>
    private T Answer<T>(string callId, T result)
    {
        var text = result as string ?? JsonSerializer.Serialize(result, AIJsonUtilities.DefaultOptions);
        events.Publish(new MessageRecorded(ConversationMessage.ToolResult(callId, text)));
        return result;
    }

    private string Fail(string callId, string name, string message, Stopwatch? clock = null)
    {
        Answer(callId, message);
        events.Publish(new ToolCallFinished(callId, name, false, Shorten(message), clock?.ElapsedMilliseconds ?? 0));
        return message;
    }

    private static bool IsExpected(Exception ex) =>
        ex is ToolException or IOException or UnauthorizedAccessException or ArgumentException or JsonException or FormatException or NotSupportedException;

    private static string Summarize(object? result) => result switch
    {
        null => "",
        string text => Shorten(text),
        JsonElement { ValueKind: JsonValueKind.String } element => Shorten(element.GetString() ?? ""),
        _ => Shorten(result.ToString() ?? ""),
    };

    private static string Shorten(string text)
    {
        var line = text.AsSpan().TrimStart();
        var end = line.IndexOf('\n');
        if (end >= 0)
        {
            line = line[..end];
        }

        return line.Length > SummaryLength ? string.Concat(line[..SummaryLength], "…") : line.ToString();
    }
}
