using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;

namespace Cowork.Sandbox;

/// <summary>
/// run_code: Python or bash the model wrote, run in the sandbox over the task's granted folders. Its changes to
/// read-write grants land in an overlay and are then carried over through the change journal (<see cref="LayerDiff"/>),
/// so they are listed and undone like any tool's.
/// </summary>
internal sealed class RunCodeTool(Workspace workspace, EventPublisher events, SandboxHost host, ResourceLimits limits, bool allowUnsandboxed, string runsFolder)
{
    /// <summary>Live output events per run; the rest is only in the result (head and tail), so a flood cannot fill the task's log.</summary>
    private const int LiveOutputChars = 64 * 1024;

    private static readonly Lazy<string?> BubblewrapProblem = new(CheckBubblewrap, LazyThreadSafetyMode.ExecutionAndPublication);

    private int _runs;

    public static string NoSandbox =>
        "run_code is not available: this machine has no sandbox (Cowork uses bubblewrap on Linux and sandbox-exec on macOS), " +
        "and code is never run unconfined unless the person sets \"run_code\": { \"allow_unsandboxed\": true } in the config. " +
        "Do the work with the other tools, or tell the person what is needed.";

    /// <summary>It would run code unconfined: no sandbox here, and the person opted in.</summary>
    public bool Unsandboxed => host.Kind == SandboxKind.None && allowUnsandboxed;

    public async Task<string> RunCode(
        [Description("python or bash.")] string language,
        [Description("The program's source code.")] string code,
        [Description("Command-line arguments (Python's sys.argv[1:], bash's $1 …).")] string[]? arguments = null,
        [Description("Text given on its standard input.")] string? stdin = null,
        [Description("The folder it starts in: a granted folder or one inside it (default: the first granted folder).")] string? working_folder = null,
        [Description("Seconds before it is stopped; at most the configured limit.")] int? timeout_seconds = null,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            throw new ToolException("No code given: pass the program in code.");
        }

        var (interpreter, extension) = (language ?? "").Trim().ToLowerInvariant() switch
        {
            "python" or "python3" or "py" => (host.Python ?? throw new ToolException("Python 3 is not installed on this machine; use bash."), "py"),
            "bash" or "sh" or "shell" => (host.Bash ?? throw new ToolException("bash is not installed on this machine; use python."), "sh"),
            _ => throw new ToolException($"Unknown language '{language}': use python or bash."),
        };
        var runLimits = timeout_seconds is { } seconds
            ? limits with { Timeout = TimeSpan.FromSeconds(Math.Clamp(seconds, 1, limits.Timeout.TotalSeconds)) }
            : limits;
        var workingFolder = WorkingFolder(working_folder);
        var callId = FunctionInvokingChatClient.CurrentContext?.CallContent.CallId ?? ToolNames.RunCode;
        var run = Path.Combine(runsFolder, string.Create(CultureInfo.InvariantCulture, $"run-{Interlocked.Increment(ref _runs)}-{Guid.NewGuid():N}"));
        Directory.CreateDirectory(Path.Combine(run, "code"));
        try
        {
            var script = Path.Combine(run, "code", "main." + extension);
            await File.WriteAllTextAsync(script, code, new UTF8Encoding(false), cancellationToken);
            var output = LiveOutput(callId);
            return host.Kind switch
            {
                SandboxKind.Bubblewrap => await RunBubblewrapAsync(run, interpreter, extension, arguments ?? [], stdin, workingFolder, runLimits, output, cancellationToken),
                SandboxKind.Seatbelt => await RunSeatbeltAsync(run, interpreter, script, arguments ?? [], stdin, runLimits, output, cancellationToken),
                _ when allowUnsandboxed => await RunUnsandboxedAsync(interpreter, script, arguments ?? [], stdin, workingFolder, runLimits, output, cancellationToken),
                _ => throw new ToolException(NoSandbox),
            };
        }
        finally
        {
            DeleteTree(run);
        }
    }

    private async Task<string> RunBubblewrapAsync(
        string run, string interpreter, string extension, string[] arguments, string? stdin, string workingFolder, ResourceLimits runLimits,
        Action<string, string> output, CancellationToken cancellationToken)
    {
        if (BubblewrapProblem.Value is { } problem)
        {
            throw new ToolException(problem);
        }

        var prlimit = host.Prlimit ?? throw new ToolException("run_code needs prlimit (util-linux) to limit the code's CPU, memory and processes; it is not installed.");
        var mounts = new List<SandboxMount>();
        for (var i = 0; i < workspace.Grants.Count; i++)
        {
            var grant = workspace.Grants[i];
            string? layer = null;
            if (grant.Access == FolderAccess.ReadWrite)
            {
                if (!host.CanOverlay)
                {
                    throw new ToolException("run_code needs setpriv, mount and umount (util-linux) to let code change granted folders undoably; grant the folders read-only (DIR:ro), or install util-linux.");
                }

                layer = Path.Combine(run, string.Create(CultureInfo.InvariantCulture, $"layer{i}"));
                Directory.CreateDirectory(Path.Combine(layer, "upper"));
                Directory.CreateDirectory(Path.Combine(layer, "work"));
            }

            mounts.Add(new SandboxMount(grant.Path, layer));
        }

        using var cgroup = host.IsRoot ? PidsCgroup.TryCreate(runLimits.Processes) : null;
        var command = (string[])[interpreter, $"{BubblewrapCommand.CodeMount}/main.{extension}", .. arguments];
        var spec = new SandboxSpec(mounts, Path.Combine(run, "code"), workingFolder, command, runLimits, cgroup?.Path);
        var uppers = mounts.Where(m => m.Writable).Select(m => Path.Combine(m.Layer!, "upper")).ToList();
        var result = await CodeProcess.RunAsync(BubblewrapCommand.Build(host.SandboxProgram!, prlimit, spec), stdin, runLimits, output,
            () => WrittenBytes(uppers) > runLimits.WriteBytes
                ? string.Create(CultureInfo.InvariantCulture, $"it wrote more than {runLimits.WriteBytes >> 20} MiB into the granted folders")
                : null,
            cancellationToken: cancellationToken);
        cgroup?.KillAll();
        if (result.ExitCode == BubblewrapCommand.SetupFailed && result.Errors.Split('\n').FirstOrDefault(l => l.StartsWith(BubblewrapCommand.SetupMarker, StringComparison.Ordinal)) is { } failure)
        {
            throw new ToolException($"The sandbox could not be set up, so the code did not run: {failure[BubblewrapCommand.SetupMarker.Length..]}.");
        }

        var changed = new List<string>();
        for (var i = 0; i < mounts.Count && result.Stopped is null; i++)
        {
            if (mounts[i].Layer is { } layer)
            {
                changed.AddRange(Apply(i, Path.Combine(layer, "upper")));
            }
        }

        return Report(result, changed, host.IsRoot && cgroup is null
            ? [$"Note: Cowork runs as root and could not make a pids cgroup, so the limit of {runLimits.Processes} processes was not enforced."]
            : []);
    }

    private async Task<string> RunSeatbeltAsync(
        string run, string interpreter, string script, string[] arguments, string? stdin, ResourceLimits runLimits,
        Action<string, string> output, CancellationToken cancellationToken)
    {
        var scratch = Path.Combine(run, "scratch");
        Directory.CreateDirectory(scratch);
        var profile = SeatbeltProfile.Generate([.. workspace.Grants.Select(g => new SandboxMount(g.Path, null))], scratch);
        var limit = string.Create(CultureInfo.InvariantCulture,
            $"ulimit -t {(long)runLimits.Timeout.TotalSeconds + 1}; ulimit -v {runLimits.MemoryBytes >> 10}; ulimit -u {runLimits.Processes}; ulimit -f {runLimits.FileSizeBytes >> 9}; ulimit -c 0; export HOME=\"$PWD\" TMPDIR=\"$PWD\"; exec \"$@\"");
        var command = (string[])[host.SandboxProgram!, "-p", profile, "/bin/sh", "-c", limit, "sh", interpreter, script, .. arguments];
        var result = await CodeProcess.RunAsync(command, stdin, runLimits, output, () => null, scratch, cancellationToken);
        return Report(result, [], workspace.Grants.Any(g => g.Access == FolderAccess.ReadWrite)
            ? ["On macOS the granted folders are read-only to code; make changes with the file tools."]
            : []);
    }

    private static async Task<string> RunUnsandboxedAsync(
        string interpreter, string script, string[] arguments, string? stdin, string workingFolder, ResourceLimits runLimits,
        Action<string, string> output, CancellationToken cancellationToken)
    {
        var result = await CodeProcess.RunAsync([interpreter, script, .. arguments], stdin, runLimits, output, () => null, workingFolder, cancellationToken);
        return Report(result, [], ["It ran without a sandbox (the person allowed that): changes it made are not in Cowork's journal and cannot be undone."]);
    }

    /// <summary>Carries one grant's overlay over through the journal; one line per change, refusals and failures included.</summary>
    private List<string> Apply(int grant, string upperPath)
    {
        var changes = workspace.Changes ?? throw new ToolException("This task cannot change files.");
        using var upper = FolderRoot.Open(upperPath);
        var root = workspace.Root(grant);
        var lines = new List<string>();
        foreach (var change in LayerDiff.Compute(root, upper, upperPath))
        {
            var at = new ResolvedPath(workspace.Grants[grant], grant, change.Path);
            try
            {
                switch (change.Kind)
                {
                    case LayerChangeKind.Deleted:
                        changes.Delete(at);
                        lines.Add($"deleted {at.FullPath} (kept in Cowork's trash)");
                        break;
                    case LayerChangeKind.Moved:
                        changes.Move(at.With(change.From!), at);
                        lines.Add($"moved {at.With(change.From!).FullPath} to {at.FullPath}");
                        break;
                    case LayerChangeKind.FolderCreated:
                        changes.MakeFolders(at);
                        lines.Add($"made folder {at.FullPath}");
                        break;
                    case LayerChangeKind.Created or LayerChangeKind.Modified:
                        byte[] bytes;
                        using (var stream = upper.OpenRead(change.Path))
                        using (var buffer = new MemoryStream())
                        {
                            stream.CopyTo(buffer);
                            bytes = buffer.ToArray();
                        }

                        changes.Write(at, bytes, overwrite: change.Kind == LayerChangeKind.Modified);
                        lines.Add(string.Create(CultureInfo.InvariantCulture, $"{(change.Kind == LayerChangeKind.Created ? "created" : "changed")} {at.FullPath} ({bytes.Length:N0} bytes)"));
                        break;
                    default:
                        lines.Add($"not applied: {at.FullPath} is {change.Why}");
                        break;
                }
            }
            catch (Exception ex) when (ex is ToolException or FolderRootException or IOException or UnauthorizedAccessException)
            {
                lines.Add($"not applied: {at.FullPath}: {ex.Message}");
            }
        }

        return lines;
    }

    private static string Report(CodeRun result, IReadOnlyList<string> changes, IReadOnlyList<string> notes)
    {
        var report = new StringBuilder();
        var took = result.Duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        report.AppendLine(result.Stopped is { } why
            ? $"Stopped after {took} s: {why}. Nothing it changed in the granted folders was applied."
            : string.Create(CultureInfo.InvariantCulture, $"Exit status {result.ExitCode} after {took} s."));
        if (result.ExitCode is 137 or -9 || result.Errors.Contains("MemoryError", StringComparison.Ordinal))
        {
            report.AppendLine("(It may have hit the memory limit.)");
        }

        report.AppendLine(changes.Count == 0 ? "Files: no changes in the granted folders." : $"Files ({changes.Count}):");
        foreach (var line in changes)
        {
            report.Append("  ").AppendLine(line);
        }

        foreach (var note in notes)
        {
            report.AppendLine(note);
        }

        report.AppendLine("stdout:").AppendLine(result.Output.Length == 0 ? "(empty)" : result.Output.TrimEnd('\n'));
        report.AppendLine("stderr:").Append(result.Errors.Length == 0 ? "(empty)" : result.Errors.TrimEnd('\n'));
        return report.ToString();
    }

    private string WorkingFolder(string? requested)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            return workspace.Grants.Count > 0 ? workspace.Grants[0].Path : "/tmp";
        }

        var folder = workspace.Resolve(requested);
        if (workspace.Root(folder).Stat(folder.Path) is not { Kind: EntryKind.Directory })
        {
            throw new ToolException($"{folder.FullPath} is not a folder; working_folder must be a granted folder or a folder inside one.");
        }

        return folder.FullPath;
    }

    /// <summary>Streams output as <see cref="ToolOutput"/> events up to <see cref="LiveOutputChars"/>, then says the rest is in the result.</summary>
    private Action<string, string> LiveOutput(string callId)
    {
        var sent = 0;
        return (stream, text) =>
        {
            var before = Interlocked.Add(ref sent, text.Length) - text.Length;
            if (before < LiveOutputChars)
            {
                events.Publish(new ToolOutput(callId, stream, text));
                if (before + text.Length >= LiveOutputChars)
                {
                    events.Publish(new ToolOutput(callId, stream, "\n[… more output; only its end is kept, for the result …]\n"));
                }
            }
        };
    }

    private static long WrittenBytes(IEnumerable<string> folders)
    {
        long total = 0;
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
        foreach (var folder in folders)
        {
            try
            {
                total += new DirectoryInfo(folder).EnumerateFiles("*", options).Sum(f => f.Length);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Changing under our feet; the next look counts it.
            }
        }

        return total;
    }

    /// <summary>
    /// Removes a run's folder through a folder root, so names that are not UTF-8 go too. The overlay leaves its work
    /// folder mode 000, so that one is opened up first.
    /// </summary>
    private static void DeleteTree(string path)
    {
        try
        {
            foreach (var work in Directory.EnumerateDirectories(path, "layer*").Select(l => Path.Combine(l, "work", "work")).Where(Directory.Exists))
            {
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(work, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            using (var root = FolderRoot.Open(path))
            {
                RemoveContents(root, RelativePath.Root);
            }

            Directory.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FolderRootException)
        {
            // Left in the task's own folder; nothing of the person's.
        }
    }

    private static void RemoveContents(IFolderRoot root, RelativePath folder)
    {
        foreach (var entry in root.List(folder))
        {
            if (entry.Status.Kind == EntryKind.Directory)
            {
                RemoveContents(root, entry.Path);
            }

            root.Remove(entry.Path);
        }
    }

    /// <summary>Whether bwrap can make its namespaces here (a kernel or policy can forbid user namespaces).</summary>
    private static string? CheckBubblewrap()
    {
        var host = SandboxHost.Current;
        var start = new ProcessStartInfo(host.SandboxProgram!) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["--unshare-all", "--die-with-parent", "--uid", "0", "--gid", "0", "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "true"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? null
            : $"run_code is not available: bubblewrap cannot create its sandbox here ({errors.Trim()}). User namespaces may be disabled (kernel.unprivileged_userns_clone, or an AppArmor policy for bwrap).";
    }
}
