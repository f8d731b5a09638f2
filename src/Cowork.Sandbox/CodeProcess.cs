using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Cowork.Sandbox;

/// <summary>
/// Runs one command line to its end, or stops it: streams its output as it comes, keeps the head and tail of it,
/// and kills the whole process tree on a timeout, too much output, a watchdog's word, or cancellation.
/// </summary>
internal static class CodeProcess
{
    private const int HeadChars = 4000;
    private const int TailChars = 3000;
    private static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(200);

    /// <param name="onOutput">Called with ("stdout" or "stderr", text) for each piece of output, from two threads.</param>
    /// <param name="watchdog">Polled while it runs: a reason to stop it, or <see langword="null"/>.</param>
    public static async Task<CodeRun> RunAsync(
        IReadOnlyList<string> command, string? stdin, ResourceLimits limits, Action<string, string> onOutput, Func<string?> watchdog,
        string? workingDirectory = null, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = await StartAsync(start);
        string? stopped = null;
        var gate = new Lock();
        void Stop(string reason)
        {
            lock (gate)
            {
                stopped ??= reason;
            }

            Kill(process);
        }

        long outputChars = 0;
        var output = new OutputCapture(HeadChars, TailChars);
        var errors = new OutputCapture(HeadChars, TailChars);
        async Task Pump(StreamReader reader, OutputCapture capture, string name)
        {
            var buffer = new char[4096];
            int read;
            while ((read = await reader.ReadAsync(buffer, CancellationToken.None)) > 0)
            {
                capture.Append(buffer.AsSpan(0, read));
                onOutput(name, new string(buffer, 0, read));
                if (Interlocked.Add(ref outputChars, read) > limits.OutputBytes)
                {
                    Stop(string.Create(CultureInfo.InvariantCulture, $"it printed more than {limits.OutputBytes >> 20} MiB of output"));
                }
            }
        }

        var pumps = Task.WhenAll(Pump(process.StandardOutput, output, "stdout"), Pump(process.StandardError, errors, "stderr"));
        _ = FeedAsync(process.StandardInput, stdin);
        using var timeout = new CancellationTokenSource(limits.Timeout);
        using var onTimeout = timeout.Token.Register(() => Stop(string.Create(CultureInfo.InvariantCulture, $"it ran past its time limit of {limits.Timeout.TotalSeconds:0.#} s")));
        using var onCancel = cancellationToken.Register(() => Stop("the task was cancelled"));
        using var watch = new Timer(_ =>
        {
            if (watchdog() is { } reason)
            {
                Stop(reason);
            }
        }, null, WatchInterval, WatchInterval);

        await process.WaitForExitAsync(CancellationToken.None);
        await pumps;
        clock.Stop();
        cancellationToken.ThrowIfCancellationRequested();
        return new CodeRun(stopped is null ? process.ExitCode : null, stopped, output.ToString(), errors.ToString(), clock.Elapsed);
    }

    /// <summary>
    /// Starts the process from a thread of its own that lives until the process ends: bwrap's --die-with-parent is
    /// PR_SET_PDEATHSIG, which fires when the thread that forked it exits, and thread-pool threads come and go.
    /// </summary>
    private static Task<Process> StartAsync(ProcessStartInfo start)
    {
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            Process process;
            try
            {
                process = Process.Start(start) ?? throw new ToolException($"{start.FileName} could not be started.");
            }
            catch (Exception ex)
            {
                started.SetException(ex);
                return;
            }

            started.SetResult(process);
            process.WaitForExit();
        })
        {
            IsBackground = true,
            Name = "run_code",
        };
        thread.Start();
        return started.Task;
    }

    private static async Task FeedAsync(StreamWriter input, string? text)
    {
        try
        {
            if (!string.IsNullOrEmpty(text))
            {
                await input.WriteAsync(text);
            }

            input.Close();
        }
        catch (IOException)
        {
            // It exited, or closed its standard input, before reading everything: as a pipe would.
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
