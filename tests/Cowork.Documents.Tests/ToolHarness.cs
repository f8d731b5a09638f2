using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Cowork.Documents.Tests;

/// <summary>The document tools over a temporary granted folder, called as the agent calls them.</summary>
internal sealed class ToolHarness : IDisposable
{
    private readonly ToolContext _context;
    private readonly Dictionary<string, ToolDescriptor> _tools;

    public ToolHarness()
    {
        Folder = Directory.CreateTempSubdirectory("cowork-docs-").FullName;
        Data = Directory.CreateTempSubdirectory("cowork-task-").FullName;
        var hub = new TaskEventHub("t1");
        hub.Subscribe(new Sink(Events));
        _context = new ToolContext(new EventPublisher(hub, "main"), [new FolderGrant(Folder, FolderAccess.ReadWrite)], Data);
        _tools = new DocumentToolset().CreateTools(_context).ToDictionary(t => t.Name);
    }

    public string Folder { get; }

    public string Data { get; }

    public List<TaskEvent> Events { get; } = [];

    public async Task<string> CallAsync(string tool, Dictionary<string, object?> arguments)
    {
        var result = await _tools[tool].Function.InvokeAsync(new AIFunctionArguments(arguments));
        return result switch
        {
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString()!,
            _ => result?.ToString() ?? "",
        };
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cowork.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root was not found.");
    }

    private sealed class Sink(List<TaskEvent> events) : ITaskEventSink
    {
        public void OnEvent(TaskEvent taskEvent) => events.Add(taskEvent);
    }

    public void Dispose()
    {
        _context.Dispose();
        Directory.Delete(Folder, recursive: true);
        Directory.Delete(Data, recursive: true);
    }
}
