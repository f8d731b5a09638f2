namespace Cowork.Sandbox;

/// <summary>How code is isolated on this machine.</summary>
public enum SandboxKind
{
    /// <summary>Nothing isolates it: run_code refuses unless the person opted into unsandboxed code.</summary>
    None,

    /// <summary>Linux: bubblewrap namespaces, an overlay over each read-write grant, rlimits.</summary>
    Bubblewrap,

    /// <summary>macOS: a Seatbelt profile for sandbox-exec (untested on a real Mac).</summary>
    Seatbelt,
}
