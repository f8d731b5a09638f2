using Cowork.Files;

namespace Cowork.Documents.Tests;

/// <summary>A granted temp folder, a task folder and the authoring tools over them (LibreOffice off unless asked).</summary>
internal sealed class ToolTestBed : IDisposable
{
    private readonly ToolContext _context;

    public ToolTestBed(DocumentRenderer? renderer = null)
    {
        Root = Directory.CreateTempSubdirectory("cowork-tools-").FullName;
        Folder = Path.Combine(Root, "work");
        Outside = Path.Combine(Root, "outside");
        Directory.CreateDirectory(Folder);
        Directory.CreateDirectory(Outside);
        var hub = new TaskEventHub("t-docs");
        hub.Subscribe(Recorder);
        _context = new ToolContext(hub.For(AgentInfo.MainId), [new FolderGrant(Folder, FolderAccess.ReadWrite)], Path.Combine(Root, "task"));
        Tools = new AuthoringTools(Workspace.ForTask(_context), _context.Events, _context.DataDirectory, renderer ?? new DocumentRenderer(null, null, TimeSpan.FromSeconds(5)));
    }

    public string Root { get; }

    public string Folder { get; }

    public string Outside { get; }

    public EventLog Recorder { get; } = new();

    public AuthoringTools Tools { get; }

    public string InFolder(string name) => Path.Combine(Folder, name);

    public void Dispose()
    {
        _context.Dispose();
        Directory.Delete(Root, recursive: true);
    }

    /// <summary>The events the tools published.</summary>
    internal sealed class EventLog : ITaskEventSink
    {
        public List<TaskEvent> Events { get; } = [];

        public void OnEvent(TaskEvent taskEvent)
        {
            lock (Events)
            {
                Events.Add(taskEvent);
            }
        }
    }
}
