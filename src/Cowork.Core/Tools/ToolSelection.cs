using System.ComponentModel;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>
/// Which of a task's tools are declared to the model on a call: the tools in no family, <see cref="ToolNames.LoadTools"/>,
/// and the families the request cues, the model loaded, or a call already used.
/// </summary>
/// <remarks>
/// Decided from the conversation each call sends, like the offline planner's turns, so a resumed task declares what it
/// declared before it stopped. Families are only ever added, so what a call declares (the start of a cached prompt)
/// changes only when the model loads or uses a family. Every tool stays callable whether declared or not; declaring only decides
/// what the model is told. Declared schemas are trimmed of what they say twice (<see cref="DeclaredFunction"/>).
/// </remarks>
internal sealed class ToolSelection
{
    private readonly List<(ToolDescriptor Tool, ToolFamily? Family, AITool Declared)> _tools = [];
    private readonly Dictionary<string, ToolFamily> _familyOfTool = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ToolFamily> _families = new(StringComparer.Ordinal);
    private readonly HashSet<ToolFamily> _cued = [];
    private readonly HashSet<string> _present;

    /// <param name="tools">Every tool of the task, in the order they are declared.</param>
    /// <param name="request">The person's request, whose words cue families.</param>
    public ToolSelection(IEnumerable<ToolDescriptor> tools, string request)
    {
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(request);
        var all = tools.ToList();
        _present = all.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var family in ToolFamilies.All)
        {
            if (!family.Tools.Any(_present.Contains))
            {
                continue;
            }

            _families[family.Name] = family;
            foreach (var name in family.Tools)
            {
                _familyOfTool[name] = family;
            }

            if (family.IsCuedBy(request))
            {
                _cued.Add(family);
            }
        }

        if (_families.Count > 0)
        {
            all.Add(CreateLoader());
        }

        foreach (var tool in all)
        {
            _tools.Add((tool, _familyOfTool.GetValueOrDefault(tool.Name), new DeclaredFunction(tool.Function)));
        }
    }

    /// <summary>Every tool of the task, <see cref="ToolNames.LoadTools"/> included when there are families.</summary>
    public IEnumerable<ToolDescriptor> All => _tools.Select(t => t.Tool);

    /// <summary>The tools to declare on a call that sends <paramref name="messages"/>.</summary>
    public IList<AITool> Declared(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var loaded = Loaded(messages);
        return [.. _tools.Where(t => t.Family is null || loaded.Contains(t.Family)).Select(t => t.Declared)];
    }

    /// <summary>The families declared: cued by the request, loaded by the model, or used by a call.</summary>
    public IReadOnlySet<ToolFamily> Loaded(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var loaded = new HashSet<ToolFamily>(_cued);
        foreach (var call in messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>())
        {
            if (call.Name == ToolNames.LoadTools)
            {
                foreach (var name in FamilyNames(call.Arguments))
                {
                    if (_families.TryGetValue(name, out var named))
                    {
                        loaded.Add(named);
                    }
                }
            }
            else if (_familyOfTool.TryGetValue(call.Name, out var used))
            {
                loaded.Add(used);
            }
        }

        return loaded;
    }

    private ToolDescriptor CreateLoader()
    {
        var catalog = string.Join("; ", _families.Values.Select(f => $"{f.Name} ({ToolsOf(f)}): {f.Summary}"));
        var function = AIFunctionFactory.Create(
            ([Description("The families to load, e.g. [\"data\"].")] string[] families) => Load(families),
            new AIFunctionFactoryOptions
            {
                Name = ToolNames.LoadTools,
                Description = $"Make more tools available for this task; they can be called from your next turn. Families: {catalog}.",
            });
        return new ToolDescriptor(function, ToolEffects.None);
    }

    private string Load(string[]? families)
    {
        var names = (families ?? []).Select(f => f.Trim()).Where(f => f.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var unknown = names.Where(n => !_families.ContainsKey(n)).ToList();
        if (names.Count == 0 || unknown.Count > 0)
        {
            throw new ToolException(
                $"{(names.Count == 0 ? "Name at least one family" : $"There is no tool family {string.Join(", ", unknown)}")}: the families are {string.Join(", ", _families.Keys)}.");
        }

        return "Loaded: " + string.Join("; ", names.Select(n => $"{n} ({ToolsOf(_families[n])})")) + ".";
    }

    private string ToolsOf(ToolFamily family) => string.Join(", ", family.Tools.Where(_present.Contains));

    /// <summary>The family names of a load_tools call, as a provider (JSON) or a planner (objects) sent the array.</summary>
    private static IEnumerable<string> FamilyNames(IDictionary<string, object?>? arguments)
    {
        if (arguments is null || !arguments.TryGetValue("families", out var value) || value is null)
        {
            return [];
        }

        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!.Trim()),
            IEnumerable<object?> items => items.Select(i => i?.ToString()?.Trim() ?? ""),
            _ => [],
        };
    }
}
