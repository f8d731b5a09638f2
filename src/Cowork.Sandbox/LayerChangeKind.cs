namespace Cowork.Sandbox;

internal enum LayerChangeKind
{
    Created,
    Modified,
    Deleted,
    Moved,
    FolderCreated,

    /// <summary>Something the code made that Cowork does not carry over: a link, a FIFO, a socket, a device.</summary>
    Refused,
}
