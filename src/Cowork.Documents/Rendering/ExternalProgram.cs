using System.Diagnostics;

namespace Cowork.Documents;

/// <summary>Finds and runs a helper program (soffice, pdftoppm) with a timeout that kills its whole process tree.</summary>
internal static class ExternalProgram
{
    /// <summary>The full path of the first of <paramref name="names"/> on PATH or at a known location; null when none is installed.</summary>
    public static string? Find(params string[] names)
    {
        foreach (var name in names)
        {
            if (Path.IsPathRooted(name))
            {
                if (File.Exists(name))
                {
                    return name;
                }

                continue;
            }

            foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Runs <paramref name="program"/>; returns its exit code and the tail of its output.</summary>
    /// <exception cref="TimeoutException">It ran longer than <paramref name="timeout"/>; it and its children were killed.</exception>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It ended meanwhile.
            }

            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{Path.GetFileName(program)} did not finish within {timeout.TotalSeconds:0} s and was stopped.");
        }

        var text = (await output.ConfigureAwait(false)) + (await errors.ConfigureAwait(false));
        return (process.ExitCode, text.Length > 2000 ? text[^2000..] : text);
    }
}
