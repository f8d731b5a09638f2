using System.Diagnostics;

namespace Cowork.Documents;

/// <summary>Runs a helper program (tesseract, pdftoppm) with a timeout that kills its process tree; returns its output.</summary>
internal static class ExternalProgram
{
    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);

    /// <exception cref="LibreOfficeException">It failed or timed out (the message is safe to show).</exception>
    public static async Task<string> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new LibreOfficeException($"Could not start {Path.GetFileName(program)}.");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new LibreOfficeException($"{Path.GetFileName(program)} did not finish within {timeout.TotalSeconds:0} seconds.");
        }

        var text = await output.ConfigureAwait(false);
        var message = await error.ConfigureAwait(false);
        return process.ExitCode == 0 ? text : throw new LibreOfficeException($"{Path.GetFileName(program)} failed: {message.Trim().Split('\n')[0]}");
    }
}
