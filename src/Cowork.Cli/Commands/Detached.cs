using System.Diagnostics;
using Cowork.Storage;

namespace Cowork.Cli.Commands;

/// <summary>
/// <c>--detach</c>: the task runs in a background <c>cowork</c> process of its own, which outlives the terminal; this
/// process waits until the task is recorded, says how to follow it, and returns.
/// </summary>
internal static class Detached
{
    /// <summary>What the background process writes to its standard error, in the task's folder, for when it fails to start.</summary>
    public const string LogFile = "background.log";

    public static async Task<int> StartAsync(CliHost host, CoworkPaths paths, string taskId, string[] args, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new CoworkConfigurationException("--detach needs Linux or macOS; on Windows run the task in its own terminal.");
        }

        var folder = paths.TaskDirectory(taskId);
        Directory.CreateDirectory(folder);
        var log = Path.Combine(folder, LogFile);

        // The shell gives the child no terminal (stdin /dev/null, output to the log); setsid, where it exists, puts it
        // in a session of its own, so closing the terminal does not hang it up. The child also ignores SIGHUP.
        var (program, programArgs) = Self();
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = false,
            RedirectStandardOutput = false,
            RedirectStandardError = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("log=$1; shift; if command -v setsid >/dev/null; then exec setsid \"$@\" </dev/null >/dev/null 2>>\"$log\"; else exec \"$@\" </dev/null >/dev/null 2>>\"$log\"; fi");
        start.ArgumentList.Add("cowork-detach");
        start.ArgumentList.Add(log);
        start.ArgumentList.Add(program);
        foreach (var arg in programArgs.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "COWORK_HOME", "COWORK_MODEL", "XDG_CONFIG_HOME", "XDG_DATA_HOME" })
        {
            if (host.Environment(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        using var child = Process.Start(start) ?? throw new CoworkConfigurationException("Could not start the background process.");

        // Wait until the task is in the store (or the child gave up) so that attach, steer and cancel find it at once.
        using var store = TaskStore.Open(paths.Home);
        var deadline = Stopwatch.StartNew();
        while (store.GetTask(taskId) is null)
        {
            if (child.HasExited && store.GetTask(taskId) is null)
            {
                var why = File.Exists(log) ? (await File.ReadAllTextAsync(log, cancellationToken)).Trim() : "";
                await host.Error.WriteLineAsync($"cowork: the background task did not start{(why.Length > 0 ? ": " + why : ".")}");
                return ExitCodes.TaskFailed;
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                await host.Error.WriteLineAsync($"cowork: the background task has not started after 30 s; see {log}.");
                return ExitCodes.TaskFailed;
            }

            await Task.Delay(50, cancellationToken);
        }

        await host.Output.WriteLineAsync($"Task {taskId} is running in the background.");
        await host.Output.WriteLineAsync($"  follow it:  cowork attach {taskId}");
        await host.Output.WriteLineAsync($"  steer it:   cowork steer {taskId} \"…\"");
        await host.Output.WriteLineAsync($"  stop it:    cowork pause {taskId}  ·  cowork cancel {taskId}");
        return ExitCodes.Done;
    }

    /// <summary>How to start this same program: the app host, or <c>dotnet cowork.dll</c>.</summary>
    private static (string Program, string[] Args) Self()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var entry = typeof(Detached).Assembly.Location;
        return Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? (process, [entry])
            : (process, []);
    }
}
