using System.Runtime.InteropServices;
using Cowork.Cli;

using var cancel = new CancellationTokenSource();
var presses = 0;
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl-C cancels the task cleanly; a second one ends the process at once.
    if (Interlocked.Increment(ref presses) == 1)
    {
        e.Cancel = true;
        cancel.Cancel();
    }
};

// A background task (cowork run --detach) outlives the terminal it was started from.
using var hangUp = !OperatingSystem.IsWindows() && args.Contains("--detached-child")
    ? PosixSignalRegistration.Create(PosixSignal.SIGHUP, context => context.Cancel = true)
    : null;

return await CoworkCommandLine.InvokeAsync(args, CliHost.FromProcess(), cancel.Token);
