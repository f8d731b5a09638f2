using System.Runtime.CompilerServices;

namespace Cowork.Files;

/// <summary>
/// The one <see cref="Workspace"/> of each <see cref="ToolContext"/>, shared by every toolset of the task, so that all
/// their changes go through one <see cref="FileChanges"/> and one journal (two journals on one file would hand out
/// the same batch ids).
/// </summary>
public static class TaskWorkspace
{
    private static readonly ConditionalWeakTable<ToolContext, Workspace> Workspaces = [];

    /// <summary>The context's workspace, made (and owned by the context) on first use. Thread-safe.</summary>
    public static Workspace For(ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Workspaces.GetValue(context, c => c.Own(new Workspace(c.Folders, c.ProtectedPaths,
            w => new FileChanges(w, Path.Combine(c.DataDirectory, ChangeJournal.FileName), c.Events.TaskId, c.Events.Publish))));
    }
}
