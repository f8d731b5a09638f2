using System.Globalization;

namespace Cowork.Sandbox;

/// <summary>
/// The bubblewrap command line for a <see cref="SandboxSpec"/>. It works the same for root and for an unprivileged
/// user (bwrap creates a user namespace either way):
/// <list type="bullet">
/// <item>new user, PID, IPC, UTS, cgroup and network namespaces (<c>--unshare-all</c>): no network at all, only loopback;</item>
/// <item>an empty root with only the system folders (read-only) and a few files of /etc: no home folder, no other user files;</item>
/// <item>read-only grants bound read-only; each read-write grant covered by an overlay whose upper layer is a host
/// folder of the task, so the grant itself is never written by the code (see <see cref="LayerDiff"/>);</item>
/// <item>/tmp and the home folder are size-limited tmpfs; the root and /dev are remounted read-only;</item>
/// <item><c>--die-with-parent</c>, <c>--new-session</c>, no new privileges, and every capability dropped before the code starts;</item>
/// <item>rlimits set by prlimit inside the sandbox, after the user namespace exists, so RLIMIT_NPROC counts only the
/// sandbox's processes (set outside, it would count all of the user's processes).</item>
/// </list>
/// </summary>
internal static class BubblewrapCommand
{
    public const string CodeMount = "/.cowork/code";

    public const string Home = "/home/sandbox";

    /// <summary>The exit status of the set-up script when it could not build the sandbox (before any code ran).</summary>
    public const int SetupFailed = 125;

    public const string SetupMarker = "cowork-sandbox: ";

    // Under a merged /usr these are links; elsewhere real folders. Either way the sandbox sees them like the host.
    private static readonly string[] SystemFolders = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];

    // What programs need from /etc, and nothing that identifies or authenticates anyone (no shadow, ssh, sudoers).
    private static readonly string[] EtcFiles =
    [
        "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives", "/etc/localtime",
        "/etc/ssl", "/etc/ca-certificates", "/etc/fonts", "/etc/mime.types", "/etc/python3", "/etc/matplotlibrc",
        "/etc/nsswitch.conf", "/etc/passwd", "/etc/group",
    ];

    public static IReadOnlyList<string> Build(string bwrap, string prlimit, SandboxSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var limits = spec.Limits;
        var args = new List<string>();
        if (spec.Cgroup is not null)
        {
            // Joined by the process that becomes bwrap, so nothing the code starts is ever outside the cgroup.
            args.AddRange(["/bin/sh", "-c", $"echo 0 > \"$1/cgroup.procs\" || {{ echo '{SetupMarker}cannot join the pids cgroup' >&2; exit {SetupFailed}; }}; shift; exec \"$@\"", "sh", spec.Cgroup]);
        }

        args.AddRange([bwrap, "--unshare-all", "--die-with-parent", "--new-session", "--uid", "0", "--gid", "0", "--hostname", "cowork-sandbox"]);
        args.AddRange(["--clearenv", "--setenv", "PATH", "/usr/local/bin:/usr/bin:/bin", "--setenv", "HOME", Home, "--setenv", "TMPDIR", "/tmp",
            "--setenv", "LANG", "C.UTF-8", "--setenv", "PYTHONDONTWRITEBYTECODE", "1", "--setenv", "MPLBACKEND", "Agg"]);
        foreach (var folder in SystemFolders)
        {
            var info = new DirectoryInfo(folder);
            if (info.LinkTarget is { } target)
            {
                args.AddRange(["--symlink", target, folder]);
            }
            else if (info.Exists)
            {
                args.AddRange(["--ro-bind", folder, folder]);
            }
        }

        // Python's per-version site configuration (Debian: /etc/python3.11/sitecustomize.py, linked from /usr/lib).
        var pythonEtc = Directory.Exists("/etc") ? Directory.EnumerateDirectories("/etc", "python3.*") : [];
        foreach (var file in EtcFiles.Concat(pythonEtc))
        {
            args.AddRange(["--ro-bind-try", file, file]);
        }

        var scratch = limits.ScratchBytes.ToString(CultureInfo.InvariantCulture);
        args.AddRange(["--proc", "/proc", "--dev", "/dev", "--size", "16777216", "--tmpfs", "/dev/shm"]);
        args.AddRange(["--size", scratch, "--tmpfs", "/tmp", "--size", scratch, "--perms", "0700", "--tmpfs", Home]);
        args.AddRange(["--ro-bind", spec.CodeFolder, CodeMount]);
        var layers = new List<(int Index, string Path)>();
        for (var i = 0; i < spec.Mounts.Count; i++)
        {
            var mount = spec.Mounts[i];
            if (mount.Layer is null)
            {
                args.AddRange(["--ro-bind", mount.Path, mount.Path]);
                continue;
            }

            // The grant and its layer go to internal paths; the set-up script mounts the overlay at the grant's own
            // path and unmounts both, so the code sees only the overlay.
            args.AddRange(["--ro-bind", mount.Path, $"/.cowork/lower{i}", "--bind", mount.Layer, $"/.cowork/layer{i}", "--dir", mount.Path]);
            layers.Add((i, mount.Path));
        }

        if (layers.Count > 0)
        {
            args.AddRange(["--cap-add", "CAP_SYS_ADMIN", "--cap-add", "CAP_SETPCAP"]);
        }

        args.AddRange(["--remount-ro", "/dev", "--remount-ro", "/"]);
        var limited = Limited(prlimit, limits, spec.Command);
        if (layers.Count == 0)
        {
            args.AddRange(["--chdir", spec.WorkingDirectory, "--", .. limited]);
            return args;
        }

        args.AddRange(["--", "/bin/sh", "-c", SetupScript(layers.Select(l => l.Index)), "sh", .. layers.Select(l => l.Path), spec.WorkingDirectory, .. limited]);
        return args;
    }

    /// <summary>
    /// Mounts each overlay (user xattrs, as an unprivileged user namespace needs), hides its parts, enters the working
    /// folder and drops every capability before the code starts. Arguments: the overlay targets, the working folder, the command.
    /// </summary>
    private static string SetupScript(IEnumerable<int> layers)
    {
        var script = new System.Text.StringBuilder($"fail() {{ echo \"{SetupMarker}$1\" >&2; exit {SetupFailed}; }}\n");
        foreach (var i in layers)
        {
            script.Append(CultureInfo.InvariantCulture,
                $"mount -t overlay cowork -o lowerdir=/.cowork/lower{i},upperdir=/.cowork/layer{i}/upper,workdir=/.cowork/layer{i}/work,userxattr \"$1\" || fail \"cannot mount an overlay over $1 (this kernel may not allow overlays in user namespaces)\"\n");
            script.Append(CultureInfo.InvariantCulture, $"umount /.cowork/lower{i} /.cowork/layer{i} || fail \"cannot hide the overlay's layers\"\nshift\n");
        }

        script.Append("cd \"$1\" || fail \"cannot enter $1\"\nshift\nexec setpriv --bounding-set=-all --inh-caps=-all -- \"$@\"\n");
        return script.ToString();
    }

    /// <summary>The command under prlimit: CPU time, address space, processes, file size, open files, no core dumps.</summary>
    internal static IReadOnlyList<string> Limited(string prlimit, ResourceLimits limits, IReadOnlyList<string> command) =>
    [
        prlimit,
        string.Create(CultureInfo.InvariantCulture, $"--cpu={(long)Math.Ceiling(limits.Timeout.TotalSeconds) + 1}"),
        string.Create(CultureInfo.InvariantCulture, $"--as={limits.MemoryBytes}"),
        string.Create(CultureInfo.InvariantCulture, $"--nproc={limits.Processes}"),
        string.Create(CultureInfo.InvariantCulture, $"--fsize={limits.FileSizeBytes}"),
        string.Create(CultureInfo.InvariantCulture, $"--nofile={limits.OpenFiles}"),
        "--core=0",
        "--",
        .. command,
    ];
}
