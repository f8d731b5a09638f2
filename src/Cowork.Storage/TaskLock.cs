namespace Cowork.Storage;

/// <summary>
/// Marks a task as running in this process: an exclusive lock on <c>run.lock</c> in the task's folder, which the
/// operating system releases when the process ends, however it ends. A task that is neither finished nor locked
/// was interrupted (its process was killed, or the machine went down).
/// </summary>
/// <remarks>On Unix, .NET takes the lock with <c>flock</c>, so a second process cannot hold it at the same time.</remarks>
public sealed class TaskLock : IDisposable
{
    public const string FileName = "run.lock";
    private readonly FileStream _stream;

    private TaskLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock, or returns <see langword="null"/> when another process holds it.</summary>
    public static TaskLock? TryAcquire(string taskDirectory)
    {
        Directory.CreateDirectory(taskDirectory);
        try
        {
            return new TaskLock(new FileStream(Path.Combine(taskDirectory, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Whether a live process holds the task's lock.</summary>
    public static bool IsHeld(string taskDirectory)
    {
        var path = Path.Combine(taskDirectory, FileName);
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public void Dispose() => _stream.Dispose();
}
