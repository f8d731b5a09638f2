namespace Cowork;

/// <summary>Something the task hands to the person: a file it wrote or a folder it arranged.</summary>
public sealed record Deliverable(string Path, string Description);
