namespace Cowork;

/// <summary>The <c>"run_code"</c> section of the config file: how code the model writes may run.</summary>
public sealed record RunCodeConfig
{
    /// <summary>
    /// Where no sandbox exists (Windows, or a Linux without bubblewrap), run code anyway, unconfined, asking the person
    /// before every run. Off by default: run_code then refuses.
    /// </summary>
    public bool AllowUnsandboxed { get; init; }

    /// <summary>The wall-clock limit of one run, in seconds (default 60); the model may ask for less, never more.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>The address-space limit of each process, in MiB (default 2048).</summary>
    public int? MemoryMb { get; init; }
}
