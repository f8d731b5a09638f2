namespace Cowork.Files;

/// <summary>A folder-root operation failed; the message names the path relative to the root and is fit to show.</summary>
public sealed class FolderRootException(FolderRootReason reason, string message, Exception? innerException = null)
    : IOException(message, innerException)
{
    public FolderRootReason Reason { get; } = reason;
}
