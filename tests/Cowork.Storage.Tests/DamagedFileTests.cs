using Xunit.Abstractions;

namespace Cowork.Storage.Tests;

public sealed class DamagedFileTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestHome _home = new();

    public void Dispose() => _home.Dispose();

    public static TheoryData<string> Damages() => ["random bytes over all of it", "random bytes after the header", "truncated to half", "truncated inside the header"];

    [Theory]
    [MemberData(nameof(Damages))]
    public void A_damaged_file_is_a_clear_store_error_naming_the_file_and_the_remedy(string damage)
    {
        WriteSomeTasks();
        var length = new FileInfo(_home.Database).Length;
        Assert.True(length > 8192, $"the store should span several pages, not {length} bytes");
        Damage(damage);

        var opened = false;
        var error = Assert.Throws<StoreException>(() =>
        {
            using var store = TaskStore.Open(_home.Path);
            opened = true;
            // Damage beyond the pages read at open is found by the first read that reaches it.
            foreach (var summary in store.ListTasks())
            {
                store.LoadTask(summary.Id);
            }
        });

        output.WriteLine($"{damage}: {(opened ? "found by the first reads" : "found at open")}: {error.Message}");
        Assert.Equal(StoreErrorKind.Corrupt, error.Kind);
        Assert.Equal(_home.Database, error.DatabasePath);
        Assert.Contains(_home.Database, error.Message, StringComparison.Ordinal);
        Assert.Contains("move it aside", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_directory_where_the_file_should_be_is_a_clear_store_error()
    {
        Directory.CreateDirectory(_home.Database);

        var error = Assert.Throws<StoreException>(() => TaskStore.Open(_home.Path));

        output.WriteLine(error.Message);
        Assert.Contains(_home.Database, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    private void WriteSomeTasks()
    {
        using var store = TaskStore.Open(_home.Path);
        for (var t = 0; t < 20; t++)
        {
            var hub = new TaskEventHub($"task-{t:00}");
            using var writer = store.CreateWriter(hub.TaskId);
            hub.Subscribe(writer);
            SampleTask.Publish(hub, SampleTask.EveryEventType());
        }
    }

    private void Damage(string damage)
    {
        var bytes = File.ReadAllBytes(_home.Database);
        var random = new Random(42);
        switch (damage)
        {
            case "random bytes over all of it":
                random.NextBytes(bytes);
                break;
            case "random bytes after the header":
                random.NextBytes(bytes.AsSpan(100));
                break;
            case "truncated to half":
                bytes = bytes[..(bytes.Length / 2)];
                break;
            case "truncated inside the header":
                bytes = bytes[..50];
                break;
        }

        File.WriteAllBytes(_home.Database, bytes);
    }
}
