namespace Cowork;

/// <summary>What a tool can do to the world; the permission gate decides by these.</summary>
[Flags]
public enum ToolEffects
{
    /// <summary>Only bookkeeping inside the task (the plan tool).</summary>
    None = 0,

    /// <summary>Reads files in granted folders.</summary>
    Read = 1,

    /// <summary>Creates, changes or moves files in granted folders (undoable through the journal).</summary>
    Write = 2,

    /// <summary>Removes files (moved to the task's trash).</summary>
    Delete = 4,

    /// <summary>Runs code the model wrote.</summary>
    RunCode = 8,

    /// <summary>Reaches the network.</summary>
    Network = 16,

    /// <summary>Runs code outside any sandbox (the person opted in): the gate asks every time, whatever the settings say.</summary>
    Unsandboxed = 32,
}
