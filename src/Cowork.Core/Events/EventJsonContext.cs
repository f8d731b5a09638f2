using System.Text.Json.Serialization;

namespace Cowork;

/// <summary>
/// The serializer's handling of the events, generated at build time: the first event of a run is written without
/// first building it by reflection (75-120 ms on the way to the first model request).
/// </summary>
/// <remarks>Used through <see cref="EventJson"/>, whose options (names, encoder) it follows.</remarks>
[JsonSerializable(typeof(TaskEvent))]
internal sealed partial class EventJsonContext : JsonSerializerContext;
