// What the sandbox adds to a trivial program: `python3 -c pass` started directly, against the same program run
// through the run_code tool (bubblewrap, rlimits, and for a read-write grant the overlay and its diff), interleaved
// in the same run so both see the same machine.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Cowork;
using Cowork.Sandbox;
using Microsoft.Extensions.AI;

var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 30;
const string Python = "/usr/bin/python3";
if (!File.Exists(Python) || SandboxHost.Current.Kind != SandboxKind.Bubblewrap)
{
    Console.Error.WriteLine("Needs /usr/bin/python3 and bubblewrap (Debian: bubblewrap).");
    return 2;
}

var root = Directory.CreateTempSubdirectory("cowork-bench-sandbox-").FullName;
try
{
    var readOnly = Tool(root, "ro", FolderAccess.ReadOnly);
    var readWrite = Tool(root, "rw", FolderAccess.ReadWrite);
    List<double> calibration = [], plain = [], sandboxedRo = [], sandboxedRw = [];
    for (var i = -3; i < rounds; i++) // three warm-up rounds
    {
        var t = Plain("/bin/true");
        var a = Plain(Python, "-c", "pass");
        var b = await Sandboxed(readOnly);
        var c = await Sandboxed(readWrite);
        if (i >= 0)
        {
            calibration.Add(t);
            plain.Add(a);
            sandboxedRo.Add(b);
            sandboxedRw.Add(c);
        }
    }

    Console.WriteLine($"python3 -c pass, {rounds} rounds, interleaved (ms):");
    Console.WriteLine("                                 median     p90     min     max");
    Row("/bin/true (one process start)", calibration);
    Row("python3, unsandboxed", plain);
    Row("python3, run_code, ro grant", sandboxedRo);
    Row("python3, run_code, rw grant", sandboxedRw);
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"overhead, read-only grant:  median {Percentile(sandboxedRo, 50) - Percentile(plain, 50):0.0} ms, p90 {Percentile(sandboxedRo, 90) - Percentile(plain, 90):0.0} ms"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"overhead, read-write grant: median {Percentile(sandboxedRw, 50) - Percentile(plain, 50):0.0} ms, p90 {Percentile(sandboxedRw, 90) - Percentile(plain, 90):0.0} ms"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load average: {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores"));
    Console.WriteLine("target: median overhead under 50 ms");
    return 0;
}
finally
{
    Directory.Delete(root, recursive: true);
}

static AIFunction Tool(string root, string name, FolderAccess access)
{
    var grant = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
    var data = Directory.CreateDirectory(Path.Combine(root, name + "-task")).FullName;
    var hub = new TaskEventHub("bench-" + name);
    var context = new ToolContext(hub.For(AgentInfo.MainId), [new FolderGrant(grant, access)], data);
    return new SandboxToolset().CreateTools(context).Single().Function;
}

static double Plain(string program, params string[] arguments)
{
    var clock = Stopwatch.StartNew();
    var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
    // The environment the sandbox gives, so both interpreters start alike.
    start.Environment.Clear();
    start.Environment["PATH"] = "/usr/local/bin:/usr/bin:/bin";
    start.Environment["HOME"] = Path.GetTempPath();
    start.Environment["LANG"] = "C.UTF-8";
    foreach (var argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }

    using var process = Process.Start(start)!;
    process.StandardInput.Close();
    process.StandardOutput.ReadToEnd();
    process.StandardError.ReadToEnd();
    process.WaitForExit();
    return clock.Elapsed.TotalMilliseconds;
}

static async Task<double> Sandboxed(AIFunction tool)
{
    var clock = Stopwatch.StartNew();
    var result = await tool.InvokeAsync(new AIFunctionArguments { ["language"] = "python", ["code"] = "pass" });
    var elapsed = clock.Elapsed.TotalMilliseconds;
    var text = result is JsonElement { ValueKind: JsonValueKind.String } s ? s.GetString() : result?.ToString();
    if (text is null || !text.StartsWith("Exit status 0", StringComparison.Ordinal))
    {
        throw new InvalidOperationException("The sandboxed run failed: " + text);
    }

    return elapsed;
}

static double Percentile(List<double> values, int p)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

static void Row(string name, List<double> values) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {name,-30} {Percentile(values, 50),7:0.0} {Percentile(values, 90),7:0.0} {values.Min(),7:0.0} {values.Max(),7:0.0}"));

