using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cowork;

/// <summary>
/// The serializer's handling of the events, generated at build time: the first event of a run is written without
/// first building it by reflection (75-120 ms on the way to the first model request).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(TaskEvent))]
internal sealed partial class EventJsonContext : JsonSerializerContext;
