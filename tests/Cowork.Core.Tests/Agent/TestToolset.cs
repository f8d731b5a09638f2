using Microsoft.Extensions.AI;

namespace Cowork.Tests;

/// <summary>A toolset of hand-made tools for tests.</summary>
internal sealed class TestToolset(params ToolDescriptor[] tools) : IToolset
{
    public static ToolDescriptor Tool(string name, Delegate function, ToolEffects effects, string? description = null) =>
        new(AIFunctionFactory.Create(function, name, description ?? $"Test tool {name}."), effects);

    public IEnumerable<ToolDescriptor> CreateTools(ToolContext context) => tools;
}
