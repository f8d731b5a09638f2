namespace Cowork.Sandbox;

/// <summary>What one run_code run may use. Each limit stops the run with a message that names it.</summary>
internal sealed record ResourceLimits
{
    /// <summary>Wall-clock time; the whole process tree is killed when it passes. CPU time is capped at the same.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Address space of each process (RLIMIT_AS).</summary>
    public long MemoryBytes { get; init; } = 2L << 30;

    /// <summary>Processes and threads at once (RLIMIT_NPROC, and a pids cgroup when Cowork runs as root).</summary>
    public int Processes { get; init; } = 128;

    /// <summary>The largest file the code may write (RLIMIT_FSIZE).</summary>
    public long FileSizeBytes { get; init; } = 256L << 20;

    /// <summary>All it may write into the granted folders together; past it the run is stopped and nothing applied.</summary>
    public long WriteBytes { get; init; } = 1L << 30;

    /// <summary>Its private scratch folder (/tmp, a tmpfs) and its home (a tmpfs).</summary>
    public long ScratchBytes { get; init; } = 256L << 20;

    /// <summary>Standard output and error together; past it the run is stopped.</summary>
    public long OutputBytes { get; init; } = 16L << 20;

    /// <summary>Open files per process (RLIMIT_NOFILE).</summary>
    public int OpenFiles { get; init; } = 1024;

    /// <summary>The config's limits over the defaults.</summary>
    public static ResourceLimits From(RunCodeConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var limits = new ResourceLimits();
        return limits with
        {
            Timeout = config.TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : limits.Timeout,
            MemoryBytes = config.MemoryMb is { } mb ? (long)mb << 20 : limits.MemoryBytes,
        };
    }
}
