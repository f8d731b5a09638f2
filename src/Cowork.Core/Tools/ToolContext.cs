namespace Cowork;

/// <summary>What a toolset needs to build its tools for one agent of one task.</summary>
/// <param name="Events">Where tools report changed files and deliverables.</param>
/// <param name="Folders">The folders granted to the task.</param>
/// <param name="DataDirectory">The task's own folder under COWORK_HOME (journal, trash, artifacts).</param>
public sealed record ToolContext(EventPublisher Events, IReadOnlyList<FolderGrant> Folders, string DataDirectory);
