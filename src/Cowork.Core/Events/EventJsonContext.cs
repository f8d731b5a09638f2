using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cowork;

/// <summary>
/// Compile-time JSON metadata for <see cref="TaskEvent"/> and every event type it registers, so that the first event
/// written costs no reflection (it used to cost about 100 ms at start-up).
/// </summary>
/// <remarks>The options here match <see cref="EventJson.Options"/>, which adds the relaxed encoder the attribute cannot name.</remarks>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(TaskEvent))]
internal sealed partial class EventJsonContext : JsonSerializerContext;
