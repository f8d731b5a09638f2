using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Cowork.Tests;

/// <summary>Tool families are declared when the request cues them, the model loads them, or a call used them; every tool stays callable.</summary>
public sealed class ToolSelectionTests
{
    private static readonly ModelSpec Model = ModelSpec.Parse("scripted:families");
    private readonly List<string> _ran = [];

    private TestToolset Tools() => new(
        TestToolset.Tool("ping", () => Ran("ping"), ToolEffects.Read),
        TestToolset.Tool(ToolNames.OrganizeFolder, () => Ran(ToolNames.OrganizeFolder), ToolEffects.Read),
        TestToolset.Tool(ToolNames.MakeChart, () => Ran(ToolNames.MakeChart), ToolEffects.Read),
        TestToolset.Tool(ToolNames.ProfileData, () => Ran(ToolNames.ProfileData), ToolEffects.Read));

    private string Ran(string name)
    {
        _ran.Add(name);
        return $"{name} ran";
    }

    private static List<string> Declared(ChatOptions? options) => [.. options!.Tools!.Select(t => t.Name)];

    [Fact]
    public async Task A_request_that_cues_no_family_declares_the_plain_tools_and_the_loader_and_the_model_loads_the_rest()
    {
        var model = new ScriptedChatClient(
            Conversation.Call(ToolNames.LoadTools, """{"families":["data"]}"""),
            Conversation.Call(ToolNames.MakeChart),
            ScriptedChatClient.Reply("Done."));

        var (task, _) = await TestRun.RunAsync(model, Model, [Tools()], request: "What is in this folder?");

        Assert.Equal(StopReason.Finished, task.StopReason);
        Assert.Equal([ToolNames.UpdatePlan, ToolNames.ReadArtifact, "ping", ToolNames.LoadTools], Declared(model.Options[0]));
        var loader = model.Options[0]!.Tools!.OfType<AIFunctionDeclaration>().Single(t => t.Name == ToolNames.LoadTools);
        Assert.Contains("data (profile_data, make_chart)", loader.Description, StringComparison.Ordinal);
        Assert.Contains("chores (organize_folder)", loader.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("spreadsheets", loader.Description, StringComparison.Ordinal);

        // From the next call on, the data family is declared, in the toolsets' order; chores still are not.
        Assert.Equal([ToolNames.UpdatePlan, ToolNames.ReadArtifact, "ping", ToolNames.MakeChart, ToolNames.ProfileData, ToolNames.LoadTools], Declared(model.Options[1]));
        Assert.Equal(Declared(model.Options[1]), Declared(model.Options[2]));
        Assert.Equal([ToolNames.MakeChart], _ran);
        Assert.Contains(Conversation.ResultsFor(model.Requests[1], ToolNames.LoadTools), r => r.Contains("Loaded: data (profile_data, make_chart)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_family_the_request_cues_is_declared_from_the_first_call()
    {
        var model = new ScriptedChatClient(ScriptedChatClient.Reply("Fine."));

        await TestRun.RunAsync(model, Model, [Tools()], request: "Chart the sales by month");

        Assert.Equal([ToolNames.UpdatePlan, ToolNames.ReadArtifact, "ping", ToolNames.MakeChart, ToolNames.ProfileData, ToolNames.LoadTools], Declared(model.Options[0]));
    }

    [Fact]
    public async Task A_tool_that_is_not_declared_still_runs_and_its_family_is_declared_after()
    {
        // The offline planner calls tools by name without loading them.
        var model = new ScriptedChatClient(Conversation.Call(ToolNames.OrganizeFolder), ScriptedChatClient.Reply("Done."));

        var (task, _) = await TestRun.RunAsync(model, Model, [Tools()], request: "What is in this folder?");

        Assert.Equal(StopReason.Finished, task.StopReason);
        Assert.Equal([ToolNames.OrganizeFolder], _ran);
        Assert.DoesNotContain(ToolNames.OrganizeFolder, Declared(model.Options[0]));
        Assert.Contains(ToolNames.OrganizeFolder, Declared(model.Options[1]));
        Assert.DoesNotContain(ToolNames.MakeChart, Declared(model.Options[1]));
    }

    [Theory]
    [InlineData("""{"families":["spreadsheets"]}""", "There is no tool family spreadsheets: the families are chores, data.")]
    [InlineData("""{"families":[]}""", "Name at least one family: the families are chores, data.")]
    public async Task Loading_a_family_the_task_does_not_have_is_refused_with_the_ones_it_has(string arguments, string error)
    {
        var model = new ScriptedChatClient(Conversation.Call(ToolNames.LoadTools, arguments), ScriptedChatClient.Reply("Done."));

        await TestRun.RunAsync(model, Model, [Tools()], request: "What is in this folder?");

        Assert.Equal(Declared(model.Options[0]), Declared(model.Options[1]));
        Assert.Contains(Conversation.ResultsFor(model.Requests[1], ToolNames.LoadTools), r => r.Contains(error, StringComparison.Ordinal));
    }

    [Fact]
    public void The_families_come_from_the_conversation_alone_so_a_rebuilt_one_declares_the_same()
    {
        var tools = Tools().CreateTools(null!).ToList();
        var selection = new ToolSelection(tools, "What is in this folder?");
        List<ChatMessage> conversation =
        [
            new(ChatRole.User, "What is in this folder?"),
            new(ChatRole.Assistant, [new FunctionCallContent("c1", ToolNames.LoadTools, new Dictionary<string, object?>
            {
                ["families"] = JsonSerializer.SerializeToElement(new[] { " chores", "nonsense" }),
            })]),
        ];

        Assert.Equal([ToolFamilies.Chores], selection.Loaded(conversation));
        Assert.Equal(["ping", ToolNames.OrganizeFolder, ToolNames.LoadTools], selection.Declared(conversation).Select(t => t.Name));
        Assert.Empty(selection.Loaded(conversation.Take(1)));
    }

    [Fact]
    public void Without_families_every_tool_is_declared_and_there_is_no_loader()
    {
        var selection = new ToolSelection([TestToolset.Tool("ping", () => "pong", ToolEffects.Read)], "anything");

        Assert.Equal(["ping"], selection.All.Select(t => t.Name));
        Assert.Equal(["ping"], selection.Declared([]).Select(t => t.Name));
    }

    [Theory]
    [InlineData("Organize my Downloads by type", "chores")]
    [InlineData("make an expense report from the receipts", "spreadsheets,documents")]
    [InlineData("Summarize the meeting notes into a deck", "documents")]
    [InlineData("analyze sales.csv: outliers and a trend chart", "data")]
    [InlineData("What is in this folder?", "")]
    [InlineData("Undo the reorganisation", "")]
    public void Requests_cue_the_families_they_need(string request, string families)
    {
        var cued = ToolFamilies.All.Where(f => f.IsCuedBy(request)).Select(f => f.Name);

        Assert.Equal(families, string.Join(',', cued));
    }

    [Fact]
    public void A_declared_schema_drops_the_null_defaults_and_null_types_of_optional_parameters_only()
    {
        var function = AIFunctionFactory.Create(
            (string path, string? sheet = null, int depth = 1, string? must = default) => "",
            "f", "A test function.");
        var declared = new DeclaredFunction(function);

        var properties = declared.JsonSchema.GetProperty("properties");
        Assert.Equal("string", properties.GetProperty("sheet").GetProperty("type").GetString());
        Assert.False(properties.GetProperty("sheet").TryGetProperty("default", out _));
        Assert.Equal(1, properties.GetProperty("depth").GetProperty("default").GetInt32());
        Assert.Equal("string", properties.GetProperty("path").GetProperty("type").GetString());
        Assert.Equal(["path"], declared.JsonSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain('\n', declared.JsonSchema.GetRawText());
        Assert.Equal(JsonValueKind.Array, function.JsonSchema.GetProperty("properties").GetProperty("sheet").GetProperty("type").ValueKind);
    }
}
