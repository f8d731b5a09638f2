using System.Diagnostics;

namespace Cowork.Documents;

/// <summary>Renders a PDF's first pages to PNG thumbnails with pdftoppm (poppler-utils).</summary>
public static class PdfPages
{
    public static string? FindPdftoppm() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "pdftoppm")).FirstOrDefault(File.Exists);

    /// <summary>PNGs of the first <paramref name="pages"/> pages at <paramref name="dpi"/>, named prefix-N.png; empty without pdftoppm.</summary>
    public static async Task<IReadOnlyList<string>> RenderAsync(string pdf, string prefix, int pages, int dpi, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (FindPdftoppm() is not { } program)
        {
            return [];
        }

        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-png", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", "1", "-l", pages.ToString(System.Globalization.CultureInfo.InvariantCulture), pdf, prefix })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new LibreOfficeException("Could not start pdftoppm.");
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
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
            throw new LibreOfficeException("pdftoppm did not finish in time.");
        }

        if (process.ExitCode != 0)
        {
            throw new LibreOfficeException($"pdftoppm failed: {(await error.ConfigureAwait(false)).Trim()}");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(prefix))!;
        var name = Path.GetFileName(prefix);
        return Directory.GetFiles(folder, name + "-*.png").Order(StringComparer.Ordinal).ToList();
    }
}
