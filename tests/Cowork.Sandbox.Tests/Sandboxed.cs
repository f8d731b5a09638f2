using System.Security.Cryptography;
using System.Text.Json;
using Cowork.Files;
using Cowork.Tests;
using Microsoft.Extensions.AI;

namespace Cowork.Sandbox.Tests;

/// <summary>
/// A task with a read-write grant, a read-only grant and a canary folder beside them that no run may touch; runs
/// run_code through the real toolset (the real bubblewrap) and undoes through the real journal.
/// </summary>
internal sealed class Sandboxed : IDisposable, ITaskEventSink
{
    private readonly ToolContext _context;
    private readonly AIFunction _runCode;

    public Sandboxed(ResourceLimits? limits = null, SandboxHost? host = null, RunCodeConfig? config = null)
    {
        Root = Directory.CreateTempSubdirectory("cowork-sandbox-").FullName;
        Grant = Directory.CreateDirectory(Path.Combine(Root, "work")).FullName;
        ReadOnly = Directory.CreateDirectory(Path.Combine(Root, "reference")).FullName;
        Outside = Directory.CreateDirectory(Path.Combine(Root, "outside")).FullName;
        Data = Directory.CreateDirectory(Path.Combine(Root, "task")).FullName;
        File.WriteAllText(Path.Combine(Outside, "canary.txt"), "do not touch\n");
        File.WriteAllText(Path.Combine(ReadOnly, "facts.txt"), "read me\n");
        var hub = new TaskEventHub("20260101-000000-test");
        hub.Subscribe(this);
        _context = new ToolContext(hub.For(AgentInfo.MainId), [new FolderGrant(Grant, FolderAccess.ReadWrite), new FolderGrant(ReadOnly, FolderAccess.ReadOnly)], Data);
        Tool = new SandboxToolset(config ?? new RunCodeConfig(), limits ?? new ResourceLimits { Timeout = TimeSpan.FromSeconds(20) }, host).CreateTools(_context).Single();
        _runCode = Tool.Function;
        OutsideBefore = Snapshot(Outside);
    }

    public string Root { get; }

    public string Grant { get; }

    public string ReadOnly { get; }

    public string Outside { get; }

    public string Data { get; }

    public ToolDescriptor Tool { get; }

    public SortedDictionary<string, string> OutsideBefore { get; }

    public List<TaskEvent> Events { get; } = [];

    public string Journal => Path.Combine(Data, ChangeJournal.FileName);

    public static void RequireBubblewrap()
    {
        ExternalTool.Require("bwrap", "bubblewrap");
        ExternalTool.RequireThat(SandboxHost.Current.Kind == SandboxKind.Bubblewrap && SandboxHost.Current.Python is not null, "needs bubblewrap and a system python3 under /usr");
    }

    public async Task<string> RunAsync(string language, string code, string[]? arguments = null, string? stdin = null, int? timeout = null, string? workingFolder = null, CancellationToken cancellationToken = default)
    {
        var args = new AIFunctionArguments { ["language"] = language, ["code"] = code };
        if (arguments is not null)
        {
            args["arguments"] = arguments;
        }

        if (stdin is not null)
        {
            args["stdin"] = stdin;
        }

        if (timeout is not null)
        {
            args["timeout_seconds"] = timeout;
        }

        if (workingFolder is not null)
        {
            args["working_folder"] = workingFolder;
        }

        var result = await _runCode.InvokeAsync(args, cancellationToken);
        return result is JsonElement { ValueKind: JsonValueKind.String } text ? text.GetString()! : result?.ToString() ?? "";
    }

    public IReadOnlyList<UndoStep> Undo() => ChangeUndo.Run(Journal, dryRun: false);

    public void AssertOutsideUnchanged() => Assert.Equal(OutsideBefore, Snapshot(Outside));

    /// <summary>Every file and folder under <paramref name="folder"/> (Cowork's trash aside): raw name, content hash, mode, modification time.</summary>
    public static SortedDictionary<string, string> Snapshot(string folder)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        using var root = FolderRoot.Open(folder);
        Walk(root, RelativePath.Root, result);
        return result;
    }

    private static void Walk(IFolderRoot root, RelativePath folder, SortedDictionary<string, string> result)
    {
        foreach (var entry in root.List(folder))
        {
            var name = Convert.ToHexString(entry.Path.ToBytes());
            if (entry.Status.Kind == EntryKind.Directory)
            {
                if (!Workspace.IsInTrash(entry.Path))
                {
                    result[name + "/"] = "";
                    Walk(root, entry.Path, result);
                }

                continue;
            }

            if (entry.Status.Kind != EntryKind.File)
            {
                result[name] = entry.Status.Kind.ToString();
                continue;
            }

            using var stream = root.OpenRead(entry.Path);
            result[name] = $"{Convert.ToHexString(SHA256.HashData(stream))} {entry.Status.Modified.ToUnixTimeMilliseconds()}";
        }
    }

    public void OnEvent(TaskEvent taskEvent)
    {
        lock (Events)
        {
            Events.Add(taskEvent);
        }
    }

    public void Dispose()
    {
        _context.Dispose();
        if (!OperatingSystem.IsWindows())
        {
            foreach (var folder in Directory.EnumerateDirectories(Root, "*", SearchOption.AllDirectories))
            {
                File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        Directory.Delete(Root, recursive: true);
    }
}
