namespace Cowork;

/// <summary>A model call failed in a way the task cannot get past by itself; the message is one line for the person.</summary>
public sealed class ModelException(ModelFailureKind kind, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public ModelFailureKind Kind { get; } = kind;
}
