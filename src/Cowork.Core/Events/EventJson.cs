using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Cowork;

/// <summary>The one JSON shape of events, for <c>--json</c> output and the store.</summary>
/// <remarks>
/// Writing goes through <see cref="EventJsonWriter"/>, which writes the events directly in the serializer's form (the
/// serializer would spend 50-90 ms compiling generic code for the event types before the first event of a run).
/// Reading, and writing any event that writer does not know, use the serializer with source-generated metadata
/// (<see cref="EventJsonContext"/>); <see cref="Options"/> resolves event types only.
/// </remarks>
public static class EventJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // Paths and requests are shown to people; keep them readable rather than \u-escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
        TypeInfoResolver = EventJsonContext.Default,
    };

    public static string Serialize(TaskEvent taskEvent)
    {
        ArgumentNullException.ThrowIfNull(taskEvent);
        return EventJsonWriter.TryWrite(taskEvent) ?? JsonSerializer.Serialize(taskEvent, Metadata.Event);
    }

    public static TaskEvent Deserialize(string json) =>
        JsonSerializer.Deserialize(json, Metadata.Event) ?? throw new JsonException("Empty event.");

    /// <summary>The serializer's metadata for the event types, built on first use (writing events does not need it).</summary>
    private static class Metadata
    {
        public static readonly JsonTypeInfo<TaskEvent> Event = (JsonTypeInfo<TaskEvent>)Options.GetTypeInfo(typeof(TaskEvent));
    }
}
