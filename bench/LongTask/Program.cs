using System.Diagnostics;
using System.Globalization;
using Cowork;
using Cowork.Bench.LongTask;
using Cowork.Files;

// Long-task benchmark (see bench/README.md): the real AgentRunner with the file tools reads N files of 8 KB, one a
// turn, through the official Anthropic SDK against a loopback Messages API server; once with context management as
// shipped and once with compaction off.
// Usage: LongTask [--turns 300] [--file-kb 8] [--off-turns N] [--digest] [--save FILE] [--enforce-targets]
//   --off-turns 0 skips the run with compaction off; --digest has the deterministic digest written instead of a
//   model summary; --save writes the last request of the compacted run to FILE.
// LongTask --serve [--turns N] only writes the files and serves the task, for a real `cowork run` to play against:
//   it prints the folder and ANTHROPIC_BASE_URL, and stops after the task's last request (or Ctrl-C).
var turns = Option("--turns", 300);
var fileKb = Option("--file-kb", 8);
var offTurns = Option("--off-turns", turns);
var enforce = args.Contains("--enforce-targets");
var saveAt = Array.IndexOf(args, "--save") is var s && s >= 0 && s + 1 < args.Length ? Path.GetFullPath(args[s + 1]) : null;

var root = Path.Combine(Path.GetTempPath(), $"cowork-longtask-{Environment.ProcessId}");
try
{
    var folder = Path.Combine(root, "reports");
    Directory.CreateDirectory(folder);
    var files = Enumerable.Range(1, Math.Max(turns, offTurns)).Select(i => WriteReport(folder, i, fileKb * 1024)).ToList();

    if (args.Contains("--serve"))
    {
        await using var served = new ScriptedMessagesServer(files.Take(turns).ToList());
        await served.StartAsync();
        Console.WriteLine($"folder: {folder}\nANTHROPIC_BASE_URL={served.BaseUrl}");
        await served.Finished.WaitAsync(TimeSpan.FromMinutes(30));
        Console.WriteLine(Invariant($"served {served.Requests} requests ({served.SummaryRequests} summaries), {Mb(served.BytesReceived)} in all, the largest {Kb(served.LargestRequest)}"));
        return 0;
    }

    var summaries = args.Contains("--digest") ? ContextSummaries.Digest : ContextSummaries.Model;
    var on = await RunAsync("compaction on", files.Take(turns).ToList(), new ContextOptions { Summaries = summaries }, saveAt);
    var off = offTurns > 0 ? await RunAsync("compaction off", files.Take(offTurns).ToList(), new ContextOptions { Compaction = false }, null) : null;

    Console.WriteLine();
    Console.WriteLine($"| run | reads | requests | summaries | total sent | largest request | wall time | compactions |");
    Console.WriteLine($"|---|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var r in new[] { on, off }.OfType<Result>())
    {
        Console.WriteLine(Invariant($"| {r.Name} | {r.Reads} | {r.Requests:N0} | {r.Summaries} | {Mb(r.Bytes)} | {Kb(r.Largest)} | {r.Wall.TotalSeconds:0.0} s | {r.Compactions} |"));
    }

    var failures = new List<string>();
    if (on.Largest >= 150 * 1024)
    {
        failures.Add($"largest request {Kb(on.Largest)} is not under 150 KB");
    }

    if (off is not null)
    {
        // Keeping the whole history for the same number of reads as the compacted run: measured when the runs match,
        // else extrapolated from the measured run (each request carries every earlier read).
        var offBytes = off.Reads == on.Reads ? off.Bytes : Extrapolate(off, on.Reads);
        var ratio = (double)on.Bytes / offBytes;
        Console.WriteLine(Invariant($"Total bytes with compaction: {ratio:P1} of keeping the whole history ({Mb(on.Bytes)} vs {Mb(offBytes)}{(off.Reads == on.Reads ? "" : ", extrapolated")}); target under 33.3 %."));
        if (ratio >= 1.0 / 3)
        {
            failures.Add("total bytes are not under a third of keeping the whole history");
        }
    }

    Console.WriteLine(failures.Count == 0 ? "Targets met." : "Targets missed: " + string.Join("; ", failures) + ".");
    return enforce && failures.Count > 0 ? 3 : 0;
}
catch (InvalidOperationException ex)
{
    Console.Error.WriteLine($"LongTask: {ex.Message}");
    return 2;
}
finally
{
    Directory.Delete(root, recursive: true);
}

async Task<Result> RunAsync(string name, List<string> files, ContextOptions context, string? save)
{
    await using var server = new ScriptedMessagesServer(files);
    await server.StartAsync();
    var model = ModelSpec.Parse("anthropic:claude-bench");
    var settings = new ProviderSettings(
        v => v switch { "ANTHROPIC_API_KEY" => "sk-ant-bench", "ANTHROPIC_BASE_URL" => server.BaseUrl, _ => null },
        new Dictionary<string, string>()) { RequestTimeout = TimeSpan.FromMinutes(2) };
    using var provider = ModelClientFactory.Create(model, settings);
    var hub = new TaskEventHub($"longtask-{name.Replace(' ', '-')}");
    var compactions = 0;
    hub.Subscribe(new EventCounter(e => compactions += e is ContextCompacted ? 1 : 0));
    var options = new AgentOptions { MaxTurns = (2 * files.Count) + 50, Context = context };
    var runner = new AgentRunner(provider, [new FileToolset()], new ApproveAll(), options);
    var dataDir = Path.Combine(root, "data", name.Replace(' ', '-'));
    Console.Write($"{name}: {files.Count} reads … ");
    var clock = Stopwatch.StartNew();
    var task = await runner.RunAsync(new TaskRequest($"Read the {files.Count} reports in {Path.GetDirectoryName(files[0])} and summarize them.",
        [new FolderGrant(Path.GetDirectoryName(files[0])!, FolderAccess.ReadOnly)], model, dataDir), hub);
    clock.Stop();
    Console.WriteLine(Invariant($"{task.State} in {clock.Elapsed.TotalSeconds:0.0} s"));
    if (task.State != TaskState.Completed)
    {
        throw new InvalidOperationException($"The {name} run ended {task.State}: {task.FinalMessage}");
    }

    // What the task metered must be what the server reported, call for call.
    if (task.Usage.InputTokens != server.InputTokensReported || task.Usage.OutputTokens != server.OutputTokensReported || task.ModelCalls != server.Requests)
    {
        throw new InvalidOperationException(Invariant(
            $"Usage differs from the server's: {task.Usage.InputTokens:N0}/{task.Usage.OutputTokens:N0} tokens in {task.ModelCalls} calls metered, {server.InputTokensReported:N0}/{server.OutputTokensReported:N0} in {server.Requests} reported."));
    }

    if (save is not null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(save)!);
        await File.WriteAllTextAsync(save, server.LastRequest);
        Console.WriteLine($"  last request saved to {save}");
    }

    Console.WriteLine(Invariant($"  usage metered = usage reported: {task.Usage.InputTokens:N0} input and {task.Usage.OutputTokens:N0} output tokens in {task.ModelCalls} calls"));
    return new Result(name, files.Count, server.Requests, server.SummaryRequests, server.BytesReceived, server.LargestRequest, clock.Elapsed, compactions);
}

static long Extrapolate(Result measured, int reads)
{
    // Request k of a whole-history run carries a fixed part plus k reads, so the total grows with the square of the reads.
    var perRead = (double)measured.Largest / measured.Reads;
    return (long)(measured.Bytes + (perRead * ((((long)reads * (reads + 1)) - ((long)measured.Reads * (measured.Reads + 1))) / 2.0)));
}

static string WriteReport(string folder, int number, int bytes)
{
    var path = Path.Combine(folder, $"report-{number:D4}.txt");
    var lines = new List<string> { $"Quarterly report {number}" };
    var random = new Random(number);
    while (lines.Sum(l => l.Length + 1) < bytes - 100)
    {
        lines.Add(Invariant($"Region {random.Next(1, 40):D2}, quarter {random.Next(1, 5)}: revenue {random.Next(10_000, 999_999):N0} EUR, costs {random.Next(5_000, 500_000):N0} EUR, staff {random.Next(3, 300)}."));
    }

    File.WriteAllText(path, string.Join('\n', lines) + "\n");
    return path;
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

static string Mb(long bytes) => Invariant($"{bytes / 1024.0 / 1024.0:0.0} MB");

static string Kb(long bytes) => Invariant($"{bytes / 1024.0:0.0} KB");
