using System.Diagnostics;

namespace Cowork.Documents;

/// <summary>Finds and runs a helper program (soffice, pdftoppm, tesseract) with a timeout that kills its whole process tree.</summary>
internal static class ExternalProgram
{
    /// <summary>The full path of the first of <paramref name="names"/> on PATH or at a given absolute path; null when none is installed.</summary>
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

            var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Runs <paramref name="program"/>; returns its exit code and the tail of its output, whatever the exit code.</summary>
    /// <exception cref="TimeoutException">It ran longer than <paramref name="timeout"/>; it and its children were killed.</exception>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var (exitCode, output, errors) = await RunCoreAsync(program, arguments, timeout, cancellationToken).ConfigureAwait(false);
        var text = output + errors;
        return (exitCode, text.Length > 2000 ? text[^2000..] : text);
    }

    /// <summary>Runs <paramref name="program"/> and returns all it wrote on standard output.</summary>
    /// <exception cref="LibreOfficeException">It failed or timed out (the message is safe to show).</exception>
    public static async Task<string> OutputAsync(string program, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            var (exitCode, output, errors) = await RunCoreAsync(program, arguments, timeout, cancellationToken).ConfigureAwait(false);
            return exitCode == 0 ? output : throw new LibreOfficeException($"{Path.GetFileName(program)} failed: {errors.Trim().Split('\n')[0]}");
        }
        catch (TimeoutException ex)
        {
            throw new LibreOfficeException(ex.Message);
        }
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunCoreAsync(
        string program, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
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

        using var process = Process.Start(start) ?? throw new LibreOfficeException($"Could not start {Path.GetFileName(program)}.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
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

        return (process.ExitCode, await output.ConfigureAwait(false), await errors.ConfigureAwait(false));
    }
}
