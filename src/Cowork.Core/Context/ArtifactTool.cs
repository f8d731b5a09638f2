using System.ComponentModel;
using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>The tool through which the model reads on in a large result that was kept as an artifact.</summary>
internal static class ArtifactTool
{
    public static ToolDescriptor Create(ArtifactStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var function = AIFunctionFactory.Create(
            ([Description("The artifact's handle, as the shortened result named it.")] string handle,
             [Description("First line to show, from 1.")] int first_line = 1,
             [Description("How many lines, up to 2000.")] int line_count = 200) => store.Read(handle, first_line, Math.Min(line_count, 2000)),
            new AIFunctionFactoryOptions
            {
                Name = ToolNames.ReadArtifact,
                Description = "Read more of a large tool result that was shortened and kept as an artifact of this task, by lines.",
            });
        return new ToolDescriptor(function, ToolEffects.None);
    }
}
