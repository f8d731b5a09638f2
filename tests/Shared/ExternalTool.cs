namespace Cowork.Tests;

/// <summary>
/// Tests that need a program from Debian's packages (LibreOffice, bubblewrap, tesseract, pdftoppm, python3-pandas)
/// call <see cref="Require"/> first: outside CI a missing program skips the test; in CI it fails it, so a green
/// run never hides work that was not done. <c>scripts/test.sh</c> installs the programs when run as root.
/// </summary>
internal static class ExternalTool
{
    public static bool InCi => Environment.GetEnvironmentVariable("CI") == "true";

    /// <summary>The full path of <paramref name="program"/> on PATH (or as given, when absolute).</summary>
    public static string Require(string program, string package)
    {
        var found = Find(program);
        if (found is not null)
        {
            return found;
        }

        var message = $"{program} is not installed (Debian package {package}; scripts/test.sh installs it as root).";
        if (InCi)
        {
            throw new InvalidOperationException("CI needs " + message);
        }

        Skip.If(true, message);
        return "";
    }

    /// <summary>Skips (or in CI fails) unless <paramref name="available"/>: for needs a PATH lookup cannot answer.</summary>
    public static void RequireThat(bool available, string message)
    {
        if (available)
        {
            return;
        }

        if (InCi)
        {
            throw new InvalidOperationException("CI needs this: " + message);
        }

        Skip.If(true, message);
    }

    public static string? Find(string program)
    {
        if (Path.IsPathRooted(program))
        {
            return File.Exists(program) ? program : null;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
