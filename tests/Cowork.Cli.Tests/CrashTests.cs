using System.Diagnostics;
using System.Text.Json;

namespace Cowork.Cli.Tests;

/// <summary>
/// A real <c>cowork</c> process killed (SIGKILL) at random points of a 2,000-file organize: every file is still in
/// the tree exactly once, and <c>cowork undo</c> restores the original byte for byte, names that are not UTF-8 included.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private const int Files = 2000;
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Killed_at_random_points_of_an_organize_every_file_survives_once_and_undo_restores_it()
    {
        var random = new Random(20261123);
        var folder = _temp.Combine("messy");
        await MakeMessyFolderAsync(folder, random);
        var original = TreeSnapshot.Take(folder);
        Assert.Equal(Files, original.Count);

        // Kill after a random number of moves has been reported (0: before the first), eight times over; the first
        // 1,000 moves are one journal batch, so most kills land inside a batch whose commit was never written.
        foreach (var killAfter in new[] { 0, 1 }.Concat(Enumerable.Range(0, 6).Select(_ => random.Next(2, Files * 3 / 4))))
        {
            var home = _temp.Combine($"home-{killAfter}");
            var taskId = await RunAndKillAsync(folder, home, killAfter);

            var tasks = await RunCoworkAsync(home, ["tasks"]);
            Assert.Contains("interrupted", tasks.Output, StringComparison.Ordinal);

            var afterCrash = TreeSnapshot.Take(folder, withTimes: false);
            Assert.Equal(original.Values.Select(v => v.Split(' ')[0]).Order(), afterCrash.Values.Order());

            var undo = await RunCoworkAsync(home, ["undo", taskId]);
            Assert.True(undo.ExitCode == 0, undo.Output);
            Assert.Equal(original, TreeSnapshot.Take(folder));
            Assert.DoesNotContain(Directory.GetDirectories(folder), d => !Path.GetFileName(d).StartsWith('.'));
        }
    }

    private static async Task<string> RunAndKillAsync(string folder, string home, int killAfter)
    {
        using var process = Process.Start(Start(home, ["run", "Organize these files by type and date", "--folder", folder, "--yes", "--json"]))!;
        string? taskId = null;
        var moves = 0;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            using var json = JsonDocument.Parse(line);
            var type = json.RootElement.GetProperty("type").GetString();
            taskId ??= json.RootElement.GetProperty("task_id").GetString();
            if ((type == "file_changed" && ++moves > killAfter) || (killAfter == 0 && type == "approval_answered"))
            {
                process.Kill();
                break;
            }
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        // The child writes events into a pipe it blocks on when full, so it cannot have finished on its own: it was killed.
        Assert.Equal(137, process.ExitCode);
        return taskId ?? throw new InvalidOperationException("The task never started.");
    }

    private static async Task<(int ExitCode, string Output)> RunCoworkAsync(string home, string[] args)
    {
        using var process = Process.Start(Start(home, args))!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, output + await process.StandardError.ReadToEndAsync());
    }

    private static ProcessStartInfo Start(string home, string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "cowork.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["COWORK_HOME"] = home;
        return start;
    }

    /// <summary>2,000 small files of many kinds and dates; a few with names that are not valid UTF-8.</summary>
    private static async Task MakeMessyFolderAsync(string folder, Random random)
    {
        Directory.CreateDirectory(folder);
        string[] extensions = ["jpg", "png", "pdf", "docx", "xlsx", "csv", "txt", "mp3", "zip", "py", "xyz", ""];
        for (var i = 0; i < Files - 5; i++)
        {
            var extension = extensions[random.Next(extensions.Length)];
            var name = random.Next(4) == 0 ? $"IMG_2024{random.Next(1, 13):00}{random.Next(1, 28):00}_{i:0000}" : $"file {i:0000}";
            var path = Path.Combine(folder, extension.Length == 0 ? name : $"{name}.{extension}");
            var bytes = new byte[random.Next(0, 3000)];
            random.NextBytes(bytes);
            await File.WriteAllBytesAsync(path, bytes);
            File.SetLastWriteTime(path, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Local).AddHours(random.Next(0, 5 * 365 * 24)));
        }

        // Names with bytes that are not UTF-8 (Latin-1 é, a lone continuation byte): only bash can make them.
        var script = string.Join(" && ", Enumerable.Range(0, 5).Select(i => $"printf 'bytes {i}' > $'{folder}/caf\\xe9 {i}.txt' && touch -d '2021-0{i + 1}-15' $'{folder}/caf\\xe9 {i}.txt'"));
        using var bash = Process.Start("bash", ["-c", script])!;
        await bash.WaitForExitAsync();
        Assert.Equal(0, bash.ExitCode);
    }
}
