using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cowork.Documents;

/// <summary>
/// A workbook as the model describes it (JSON, snake_case): sheets with rows and cells, formats, tables,
/// conditional formats, validations, charts; and defined names.
/// </summary>
internal sealed record WorkbookSpec
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public List<SheetSpec> Sheets { get; init; } = [];

    /// <summary>Defined names: "TaxRate" → "Inputs!B2" or "Data!A2:A50".</summary>
    public Dictionary<string, string>? Names { get; init; }

    /// <exception cref="ToolException">The JSON does not describe a workbook; the message says where.</exception>
    public static WorkbookSpec Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<WorkbookSpec>(json, Json) ?? throw new ToolException("The workbook spec is empty.");
        }
        catch (JsonException ex)
        {
            throw new ToolException($"The workbook spec is not valid: {ex.Message.Split(". Path:")[0]}{(ex.Path is null ? "" : $" (at {ex.Path})")}.");
        }
    }
}
