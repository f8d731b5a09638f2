namespace Cowork.Storage;

/// <summary>What another process asks of a task (see <see cref="TaskStore.SendControl"/>).</summary>
public enum ControlKind
{
    /// <summary>Directions for the model, or a plan edit; the payload is a <see cref="Steering"/> as JSON.</summary>
    Steer,

    /// <summary>Stop at the next turn boundary as paused.</summary>
    Pause,

    /// <summary>Stop now as cancelled.</summary>
    Cancel,

    /// <summary>The answer to an approval the task asked for; the payload is an <see cref="ApprovalAnswer"/> as JSON.</summary>
    Answer,
}
