using System.Runtime.CompilerServices;

namespace Cowork.Files;

/// <summary>
/// The one <see cref="Workspace"/> of a task's tools: every toolset that reads or writes files shares it, so there is
/// one change journal per task (two writers on the journal file would fail) and one set of grants.
/// </summary>
public static class TaskWorkspace
{
    private static readonly ConditionalWeakTable<ToolContext, Workspace> Workspaces = new();

    public static Workspace For(ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Workspaces.GetValue(context, c => c.Own(new Workspace(c.Folders, c.ProtectedPaths,
            w => new FileChanges(w, Path.Combine(c.DataDirectory, ChangeJournal.FileName), c.Events.TaskId, c.Events.Publish))));
    }
}
