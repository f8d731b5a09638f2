namespace Cowork.Sandbox.Tests;

/// <summary>The sandbox's policy as text: the bubblewrap arguments and the macOS Seatbelt profile.</summary>
public sealed class CommandLineTests
{
    private static readonly ResourceLimits Limits = new() { Timeout = TimeSpan.FromSeconds(30), MemoryBytes = 1L << 30, Processes = 50, FileSizeBytes = 1L << 20 };

    private static SandboxSpec Spec(string? cgroup = null, params SandboxMount[] mounts) =>
        new(mounts, "/data/run/code", "/home/ann/work", ["/usr/bin/python3", "/.cowork/code/main.py", "x"], Limits, cgroup);

    private static int IndexOf(IReadOnlyList<string> args, params string[] sequence)
    {
        for (var i = 0; i + sequence.Length <= args.Count; i++)
        {
            if (sequence.Select((s, j) => args[i + j] == s).All(x => x))
            {
                return i;
            }
        }

        return -1;
    }

    [Fact]
    public void Read_only_grants_are_bound_read_only_with_no_network_and_limits_set_inside()
    {
        var args = BubblewrapCommand.Build("/usr/bin/bwrap", "/usr/bin/prlimit", Spec(null, new SandboxMount("/home/ann/ref", null)));

        Assert.Equal("/usr/bin/bwrap", args[0]);
        foreach (var flag in new[] { "--unshare-all", "--die-with-parent", "--new-session", "--clearenv" })
        {
            Assert.Contains(flag, args);
        }

        Assert.DoesNotContain("--share-net", args);
        Assert.NotEqual(-1, IndexOf(args, "--ro-bind", "/home/ann/ref", "/home/ann/ref"));
        Assert.DoesNotContain("--bind", args);
        Assert.DoesNotContain("--cap-add", args);
        Assert.NotEqual(-1, IndexOf(args, "--remount-ro", "/"));
        Assert.NotEqual(-1, IndexOf(args, "--tmpfs", BubblewrapCommand.Home));
        Assert.DoesNotContain(args, a => a == "/home" || a == "/root" || a == "/etc/shadow");
        // The limits come after the namespaces exist (RLIMIT_NPROC would otherwise count every process of the user).
        var prlimit = args.ToList().IndexOf("/usr/bin/prlimit");
        Assert.True(prlimit > args.ToList().IndexOf("--"));
        Assert.Equal(["--cpu=31", "--as=1073741824", "--nproc=50", "--fsize=1048576", "--nofile=1024", "--core=0", "--", "/usr/bin/python3", "/.cowork/code/main.py", "x"], args.Skip(prlimit + 1));
        Assert.NotEqual(-1, IndexOf(args, "--chdir", "/home/ann/work"));
    }

    [Fact]
    public void A_read_write_grant_is_an_overlay_mounted_by_a_script_that_then_drops_every_capability()
    {
        var args = BubblewrapCommand.Build("/usr/bin/bwrap", "/usr/bin/prlimit", Spec(null, new SandboxMount("/home/ann/work", "/data/run/layer0")));

        Assert.NotEqual(-1, IndexOf(args, "--ro-bind", "/home/ann/work", "/.cowork/lower0"));
        Assert.NotEqual(-1, IndexOf(args, "--bind", "/data/run/layer0", "/.cowork/layer0"));
        Assert.Equal(-1, IndexOf(args, "--bind", "/home/ann/work", "/home/ann/work"));
        var script = args[args.ToList().IndexOf("-c") + 1];
        Assert.Contains("mount -t overlay cowork -o lowerdir=/.cowork/lower0,upperdir=/.cowork/layer0/upper,workdir=/.cowork/layer0/work,userxattr \"$1\"", script, StringComparison.Ordinal);
        Assert.Contains("umount /.cowork/lower0 /.cowork/layer0", script, StringComparison.Ordinal);
        Assert.EndsWith("exec setpriv --bounding-set=-all --inh-caps=-all -- \"$@\"\n", script, StringComparison.Ordinal);
        var afterScript = args.Skip(args.ToList().IndexOf("-c") + 2).ToList();
        Assert.Equal(["sh", "/home/ann/work", "/home/ann/work", "/usr/bin/prlimit"], afterScript.Take(4));
    }

    [Fact]
    public void With_a_cgroup_the_process_joins_it_before_it_becomes_bwrap()
    {
        var args = BubblewrapCommand.Build("/usr/bin/bwrap", "/usr/bin/prlimit", Spec("/sys/fs/cgroup/pids/cowork-run-1"));

        Assert.Equal("/bin/sh", args[0]);
        Assert.Contains("echo 0 > \"$1/cgroup.procs\"", args[2], StringComparison.Ordinal);
        Assert.Equal(["sh", "/sys/fs/cgroup/pids/cowork-run-1", "/usr/bin/bwrap"], args.Skip(3).Take(3));
    }

    [Fact]
    public void The_seatbelt_profile_denies_by_default_and_allows_writes_only_to_scratch()
    {
        var profile = SeatbeltProfile.Generate([new SandboxMount("/Users/ann/Work \"q\"", "/layer"), new SandboxMount("/Users/ann/Ref", null)], "/private/tmp/run/scratch");

        Assert.StartsWith("(version 1)\n(deny default)\n", profile, StringComparison.Ordinal);
        Assert.Contains("(deny network*)", profile, StringComparison.Ordinal);
        Assert.DoesNotContain("(allow network", profile, StringComparison.Ordinal);
        Assert.Contains("(allow file-read* (subpath \"/Users/ann/Work \\\"q\\\"\"))", profile, StringComparison.Ordinal);
        Assert.Contains("(allow file-read* (subpath \"/Users/ann/Ref\"))", profile, StringComparison.Ordinal);
        Assert.Single(profile.Split('\n'), l => l.Contains("file-write*", StringComparison.Ordinal));
        Assert.Contains("(allow file-read* file-write* (subpath \"/private/tmp/run/scratch\"))", profile, StringComparison.Ordinal);
        Assert.DoesNotContain("/Users/ann\"", profile, StringComparison.Ordinal);
        Assert.Equal(profile.Count(c => c == '('), profile.Count(c => c == ')'));
    }

    [Fact]
    public void A_path_with_control_characters_cannot_be_put_in_a_profile()
    {
        var error = Assert.Throws<ToolException>(() => SeatbeltProfile.Quote("/Users/ann/a\n(allow default)"));

        Assert.Contains("control characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_keeps_its_start_and_end_and_says_how_much_was_left_out()
    {
        var capture = new OutputCapture(10, 5);
        capture.Append("0123456789");
        for (var i = 0; i < 1000; i++)
        {
            capture.Append("abcdefgh");
        }

        capture.Append("THEEND");

        var text = capture.ToString();
        Assert.StartsWith("0123456789\n[… 8,001 characters left out …]\n", text, StringComparison.Ordinal);
        Assert.EndsWith("HEEND", text, StringComparison.Ordinal);
        Assert.Equal(8016, capture.TotalChars);

        var small = new OutputCapture(10, 5);
        small.Append("short");
        Assert.Equal("short", small.ToString());
    }
}
