using System.Text.Json;

namespace Cowork.Documents;

/// <summary>Reads document and deck specs from JSON: snake_case, case-insensitive, comments and trailing commas allowed.</summary>
internal static class SpecJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString,
        WriteIndented = false,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <exception cref="ToolException">Not JSON of the expected shape; the message says where.</exception>
    public static T Parse<T>(string json, string what)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new ToolException($"The {what} is empty.");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new ToolException($"The {what} is null.");
        }
        catch (JsonException ex)
        {
            var at = ex.Path is null ? "" : $" at {ex.Path}";
            var line = ex.LineNumber is { } l ? $" (line {l + 1})" : "";
            throw new ToolException($"The {what} is not valid JSON of the expected shape{at}{line}: {ex.Message.Split(". Path:")[0]}");
        }
    }

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);
}
