using System.Diagnostics;
using System.Globalization;

namespace Cowork.Sandbox;

/// <summary>
/// A pids cgroup for one run, where Cowork may make one (as root, or in a delegated cgroup v2 subtree): the kernel
/// ignores RLIMIT_NPROC for root, so without it a fork bomb run by root would not be contained.
/// </summary>
internal sealed class PidsCgroup : IDisposable
{
    private PidsCgroup(string path) => Path = path;

    public string Path { get; }

    /// <summary>A new cgroup below this process's own, holding at most <paramref name="maxPids"/> tasks; <see langword="null"/> when none can be made.</summary>
    public static PidsCgroup? TryCreate(int maxPids)
    {
        foreach (var parent in Candidates())
        {
            var path = System.IO.Path.Combine(parent, string.Create(CultureInfo.InvariantCulture, $"cowork-run-{Environment.ProcessId}-{Guid.NewGuid():N}"));
            try
            {
                Directory.CreateDirectory(path);
                File.WriteAllText(System.IO.Path.Combine(path, "pids.max"), maxPids.ToString(CultureInfo.InvariantCulture));
                return new PidsCgroup(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                TryRemove(path);
            }
        }

        return null;
    }

    /// <summary>Kills whatever is left in the cgroup.</summary>
    public void KillAll()
    {
        try
        {
            var kill = System.IO.Path.Combine(Path, "cgroup.kill");
            if (File.Exists(kill))
            {
                File.WriteAllText(kill, "1");
                return;
            }

            foreach (var line in File.ReadAllLines(System.IO.Path.Combine(Path, "cgroup.procs")))
            {
                if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                {
                    try
                    {
                        using var process = Process.GetProcessById(pid);
                        process.Kill();
                    }
                    catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                    {
                        // Gone already.
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The cgroup is gone.
        }
    }

    public void Dispose()
    {
        for (var attempt = 0; attempt < 50 && Directory.Exists(Path); attempt++)
        {
            KillAll();
            if (TryRemove(Path))
            {
                return;
            }

            Thread.Sleep(20);
        }
    }

    private static bool TryRemove(string path)
    {
        try
        {
            Directory.Delete(path); // A cgroup folder is removed empty: its control files are not real files.
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return !Directory.Exists(path);
        }
    }

    /// <summary>This process's cgroup in the v1 pids hierarchy, or in the v2 hierarchy when it offers the pids controller.</summary>
    private static IEnumerable<string> Candidates()
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines("/proc/self/cgroup");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (var line in lines)
        {
            var parts = line.Split(':', 3);
            if (parts.Length != 3)
            {
                continue;
            }

            var relative = parts[2].TrimStart('/');
            if (parts[1].Split(',').Contains("pids"))
            {
                yield return System.IO.Path.Combine("/sys/fs/cgroup/pids", relative);
            }
            else if (parts[0] == "0" && parts[1].Length == 0)
            {
                var own = System.IO.Path.Combine("/sys/fs/cgroup", relative);
                var controllers = System.IO.Path.Combine(own, "cgroup.subtree_control");
                if (File.Exists(controllers) && File.ReadAllText(controllers).Split(' ', StringSplitOptions.TrimEntries).Contains("pids"))
                {
                    yield return own;
                }
            }
        }
    }
}
