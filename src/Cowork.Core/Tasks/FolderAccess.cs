namespace Cowork;

/// <summary>What a task may do inside a granted folder.</summary>
public enum FolderAccess
{
    /// <summary>Read files; nothing in the folder can be changed.</summary>
    ReadOnly,

    /// <summary>Read and change files; every change goes through the change journal.</summary>
    ReadWrite,
}
