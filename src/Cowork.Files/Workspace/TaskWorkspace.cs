using System.Runtime.CompilerServices;

namespace Cowork.Files;

/// <summary>
/// The one <see cref="Workspace"/> of a task's agent, shared by every toolset that touches files, so all their
/// changes go through one journal (two journals on one file would reuse batch ids).
/// </summary>
public static class TaskWorkspace
{
    private static readonly ConditionalWeakTable<ToolContext, Workspace> Workspaces = new();

    /// <summary>The context's workspace, made on first use and disposed with the context.</summary>
    public static Workspace For(ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Workspaces.GetValue(context, c => c.Own(new Workspace(c.Folders, c.ProtectedPaths,
            w => new FileChanges(w, Path.Combine(c.DataDirectory, ChangeJournal.FileName), c.Events.TaskId, c.Events.Publish))));
    }
}
