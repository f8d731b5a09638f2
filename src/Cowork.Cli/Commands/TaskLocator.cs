using Cowork.Files;
using Cowork.Storage;

namespace Cowork.Cli.Commands;

/// <summary>Finds a task's folder under COWORK_HOME from the id the person typed ("last" for the newest).</summary>
internal static class TaskLocator
{
    /// <exception cref="CoworkConfigurationException">No such task.</exception>
    public static string Find(CoworkPaths paths, string id)
    {
        if (id.Equals("last", StringComparison.OrdinalIgnoreCase))
        {
            // The store knows the order tasks were made in; ids made in the same second do not sort by it.
            using var store = TaskStore.Open(paths.Home);
            id = store.ListTasks(1).FirstOrDefault()?.Id ?? throw new CoworkConfigurationException("There are no tasks yet.");
        }

        if (id.Length == 0 || id.IndexOfAny(['/', '\\']) >= 0 || id is "." or "..")
        {
            throw new CoworkConfigurationException($"'{id}' is not a task id: use the id `cowork run` printed, or 'last'.");
        }

        var folder = paths.TaskDirectory(id);
        return Directory.Exists(folder)
            ? folder
            : throw new CoworkConfigurationException($"There is no task '{id}' in {paths.TasksDirectory}: `cowork tasks` lists them, and 'last' is the newest.");
    }

    /// <summary>The task's change journal, or <see langword="null"/> when the task changed no files.</summary>
    /// <exception cref="CoworkConfigurationException">No such task.</exception>
    public static (string TaskId, string? Journal) FindJournal(CliHost host, string? id)
    {
        var folder = Find(CoworkPaths.Resolve(host.Environment), id ?? "");
        var journal = Path.Combine(folder, ChangeJournal.FileName);
        return (Path.GetFileName(folder), File.Exists(journal) ? journal : null);
    }
}
