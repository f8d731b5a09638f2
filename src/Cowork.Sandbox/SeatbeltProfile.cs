using System.Text;

namespace Cowork.Sandbox;

/// <summary>
/// The macOS policy for <c>/usr/bin/sandbox-exec -p</c>, the same as bubblewrap's where Seatbelt can express it:
/// everything denied by default; the system folders readable; the granted folders readable; only the run's scratch
/// folder (also its home) writable; no network, not even to localhost; no new privileges through setuid programs.
/// </summary>
/// <remarks>
/// macOS has no overlay a user can mount, so the code cannot write into granted folders there: a read-write grant
/// is read-only to it, which keeps every change undoable (it writes its results to the scratch folder). Untested on a
/// real Mac: generated and checked as text only.
/// </remarks>
internal static class SeatbeltProfile
{
    private static readonly string[] SystemFolders =
        ["/usr", "/bin", "/sbin", "/System", "/Library", "/private/etc", "/private/var/db/timezone", "/opt/homebrew", "/dev"];

    public static string Generate(IReadOnlyList<SandboxMount> mounts, string scratch)
    {
        ArgumentNullException.ThrowIfNull(mounts);
        var profile = new StringBuilder();
        profile.Append("(version 1)\n(deny default)\n");
        profile.Append("(allow process-fork)\n(allow process-exec)\n(allow signal (target same-sandbox))\n");
        profile.Append("(allow sysctl-read)\n(allow mach-lookup (global-name \"com.apple.system.opendirectoryd.libinfo\"))\n");
        profile.Append("(deny network*)\n(deny process-exec (with no-sandbox))\n");
        profile.Append("(allow file-read-metadata (literal \"/\"))\n");
        profile.Append("(allow file-read*");
        foreach (var folder in SystemFolders)
        {
            profile.Append(" (subpath ").Append(Quote(folder)).Append(')');
        }

        profile.Append(")\n(allow file-write-data (literal \"/dev/null\") (literal \"/dev/zero\"))\n");
        foreach (var mount in mounts)
        {
            profile.Append("(allow file-read* (subpath ").Append(Quote(mount.Path)).Append("))\n");
        }

        profile.Append("(allow file-read* file-write* (subpath ").Append(Quote(scratch)).Append("))\n");
        return profile.ToString();
    }

    /// <summary>A Seatbelt (Scheme) string literal: backslashes and quotes escaped, control characters refused.</summary>
    internal static string Quote(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Any(char.IsControl))
        {
            throw new ToolException($"The path {path.Replace("\n", "\\n", StringComparison.Ordinal)} holds control characters, which the macOS sandbox profile cannot name.");
        }

        return "\"" + path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }
}
