using System.Diagnostics;
using System.Text;

namespace Cowork.Documents;

/// <summary>
/// Runs LibreOffice headless for conversions (xlsx → recalculated xlsx, any document → PDF): each run gets a
/// private throw-away profile (so it never talks to a user's running LibreOffice, and formulas are always
/// recalculated on load), and a timeout that kills the whole process tree.
/// </summary>
public sealed class LibreOffice
{
    private static readonly string[] Candidates =
        ["/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice", "/usr/local/bin/soffice", "/Applications/LibreOffice.app/Contents/MacOS/soffice"];

    private LibreOffice(string program) => Program = program;

    /// <summary>The soffice executable.</summary>
    public string Program { get; }

    /// <summary>LibreOffice if installed (soffice or libreoffice on PATH, or a usual install location), else null.</summary>
    public static LibreOffice? Find()
    {
        foreach (var name in new[] { "soffice", "libreoffice" })
        {
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return new LibreOffice(candidate);
                }
            }
        }

        return Candidates.FirstOrDefault(File.Exists) is { } found ? new LibreOffice(found) : null;
    }

    /// <summary>
    /// Converts <paramref name="inputs"/> in one LibreOffice launch to <paramref name="format"/> ("xlsx", "pdf", a
    /// filter spec like "pdf:calc_pdf_Export") in <paramref name="outputFolder"/>; returns the output path of each input.
    /// Spreadsheets are recalculated on load (the profile sets "always recalculate"), so an xlsx → xlsx
    /// conversion carries LibreOffice's own values.
    /// </summary>
    /// <exception cref="LibreOfficeException">It timed out, failed, or did not write an output.</exception>
    public async Task<IReadOnlyList<string>> ConvertAsync(IReadOnlyList<string> inputs, string format, string outputFolder, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        Directory.CreateDirectory(outputFolder);
        var extension = format.Split(':')[0];
        var outputs = inputs.Select(i => Path.Combine(outputFolder, Path.GetFileNameWithoutExtension(i) + "." + extension)).ToList();
        if (outputs.Distinct(StringComparer.Ordinal).Count() != outputs.Count)
        {
            throw new ArgumentException("Two inputs would convert to the same output name.", nameof(inputs));
        }

        foreach (var output in outputs.Where(File.Exists))
        {
            File.Delete(output);
        }

        await RunAsync(["--convert-to", format, "--outdir", outputFolder, .. inputs], timeout, cancellationToken).ConfigureAwait(false);
        var missing = inputs.Where((_, i) => !File.Exists(outputs[i])).ToList();
        return missing.Count == 0 ? outputs
            : throw new LibreOfficeException($"LibreOffice did not convert {string.Join(", ", missing.Select(Path.GetFileName))} to {extension} (the file may be damaged or not a document).");
    }

    /// <summary>Runs soffice headless with a fresh profile and <paramref name="arguments"/>; the profile is deleted after.</summary>
    public async Task RunAsync(IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var profile = Path.Combine(Path.GetTempPath(), "cowork-lo-" + Guid.NewGuid().ToString("N"));
        try
        {
            WriteProfile(profile);
            var start = new ProcessStartInfo(Program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("-env:UserInstallation=" + new Uri(profile).AbsoluteUri);
            foreach (var arg in new[] { "--headless", "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck", "--nofirststartwizard" })
            {
                start.ArgumentList.Add(arg);
            }

            foreach (var arg in arguments)
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["HOME"] = profile;
            using var process = Process.Start(start) ?? throw new LibreOfficeException($"Could not start {Program}.");
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
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                throw new LibreOfficeException($"LibreOffice did not finish within {timeout.TotalSeconds:0} seconds and was stopped.");
            }

            var stderr = await error.ConfigureAwait(false);
            await output.ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new LibreOfficeException($"LibreOffice failed (exit code {process.ExitCode}): {Shorten(stderr)}");
            }
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // A straggling child may still hold a file; the temp folder is cleaned eventually.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>A user profile whose Calc settings always recalculate OOXML and ODF files on load.</summary>
    private static void WriteProfile(string profile)
    {
        var user = Path.Combine(profile, "user");
        Directory.CreateDirectory(user);
        const string Settings = """
            <?xml version="1.0" encoding="UTF-8"?>
            <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
            <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
            <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
            </oor:items>
            """;
        File.WriteAllText(Path.Combine(user, "registrymodifications.xcu"), Settings, new UTF8Encoding(false));
    }

    private static string Shorten(string text)
    {
        var line = string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(3));
        return line.Length > 300 ? line[..300] + "…" : line.Length == 0 ? "no message" : line;
    }
}
