namespace Cowork.Storage.Tests;

public sealed class TaskLockTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cowork-lock-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void One_holder_at_a_time_and_the_lock_ends_with_its_holder()
    {
        Assert.False(TaskLock.IsHeld(_folder));

        using (var held = TaskLock.TryAcquire(_folder))
        {
            Assert.NotNull(held);
            Assert.True(TaskLock.IsHeld(_folder));
            Assert.Null(TaskLock.TryAcquire(_folder));
        }

        Assert.False(TaskLock.IsHeld(_folder));
        using var again = TaskLock.TryAcquire(_folder);
        Assert.NotNull(again);
    }
}
