using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Cowork;

/// <summary>The one JSON shape of events, for <c>--json</c> output and the store.</summary>
public static class EventJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // Paths and requests are shown to people; keep them readable rather than \u-escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <summary>
    /// <see cref="Options"/> with generated metadata for the events (reflection for anything else). For writing only:
    /// generated code would set an init-only property the JSON lacks to its type's default, not to its initializer.
    /// </summary>
    private static readonly JsonSerializerOptions WriteOptions = new(Options)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(EventJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    public static string Serialize(TaskEvent taskEvent) => JsonSerializer.Serialize(taskEvent, WriteOptions);

    public static TaskEvent Deserialize(string json) =>
        JsonSerializer.Deserialize<TaskEvent>(json, Options) ?? throw new JsonException("Empty event.");

    /// <summary>
    /// Builds the serializer's handling of the event types so that the first event of a run does not wait for it:
    /// call it on another thread while a task is being set up.
    /// </summary>
    public static void WarmUp() => Serialize(new TaskFinished(TaskState.Completed, StopReason.Finished, ""));
}
