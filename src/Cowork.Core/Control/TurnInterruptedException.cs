namespace Cowork;

/// <summary>
/// Raised before a model call when the person paused the task or sent directions: the tool loop stops at this turn
/// boundary, the runner keeps what was finished and acts on them.
/// </summary>
internal sealed class TurnInterruptedException(bool pause) : Exception(pause ? "The person paused the task." : "The person sent directions.")
{
    public bool Pause { get; } = pause;
}
