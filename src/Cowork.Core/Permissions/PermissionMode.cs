using System.Text.Json.Serialization;

namespace Cowork;

/// <summary>The person's standing answer for a tool.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PermissionMode>))]
public enum PermissionMode
{
    [JsonStringEnumMemberName("allow")] Allow,
    [JsonStringEnumMemberName("ask")] Ask,
    [JsonStringEnumMemberName("deny")] Deny,
}
