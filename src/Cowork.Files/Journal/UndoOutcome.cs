namespace Cowork.Files;

/// <summary>What undo did, or would do, with one recorded change.</summary>
public enum UndoOutcome
{
    /// <summary>Reversed.</summary>
    Reversed,

    /// <summary>Would be reversed (dry run).</summary>
    WouldReverse,

    /// <summary>The change never happened (its batch failed or was interrupted before it), so there is nothing to reverse.</summary>
    NotNeeded,

    /// <summary>Reversed by an earlier undo.</summary>
    AlreadyUndone,

    /// <summary>The person changed things since: undo leaves them as they are.</summary>
    Conflict,

    /// <summary>Reversing failed (the message says why); running undo again retries it.</summary>
    Failed,
}
