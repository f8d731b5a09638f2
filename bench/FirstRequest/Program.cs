using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Cowork.Bench.FirstRequest;

/// <summary>
/// Whole-process benchmark of <c>cowork run</c> against a loopback Anthropic Messages server: how long from process
/// start until the first model request arrives, how long the whole process runs, and what that first request costs
/// (bytes of system prompt, tool schemas and messages; whether every tool and parameter is described).
/// </summary>
/// <remarks>
/// Exit codes: 0 all good; 1 a tool or parameter lacks a real description; 2 a run failed (no request, cowork failed,
/// timeout); 3 a target was missed and <c>--enforce-targets</c> was given; 64 bad usage.
/// </remarks>
internal static class Program
{
    private const string Usage = """
        Usage: FirstRequest --cowork PATH [options]

          --cowork PATH          the published cowork apphost (or cowork.dll, run with dotnet); or $COWORK_BIN
          --runs N               measured runs (default 10)
          --warmup N             runs first, not measured (default 1)
          --label TEXT           name for this binary in the output (e.g. ReadyToRun)
          --request TEXT         the task request (default "What is in this folder?")
          --model NAME           anthropic model name sent (default claude-bench)
          --env KEY=VALUE        extra environment for cowork (repeatable), e.g. DOTNET_TieredPGO=0
          --timeout SECONDS      per run, for the request and for the exit (default 30)
          --save-body PATH       write the first measured request body here, byte for byte
          --summary PATH         append one markdown table row with the figures here
          --min-tool-desc N      shortest tool description that counts as real (default 40 chars)
          --min-param-desc N     shortest parameter description that counts as real (default 10 chars)
          --max-bytes N          first-request size target (default 12288 = 12 KB)
          --max-ms N             median start-to-first-request target (default 300)
          --enforce-targets      exit 3 when a target is missed
          --plain                run without --json (plain text view), to see what the JSON event output costs
          --analyze FILE         only report on a saved request body (sizes of its JSON text, descriptions); no runs
        """;

    private static async Task<int> Main(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"FirstRequest: {ex.Message}\n\n{Usage}");
            return 64;
        }

        if (options.Help)
        {
            Console.WriteLine(Usage);
            return 0;
        }

        if (options.Analyze is { } analyzePath)
        {
            return await AnalyzeFileAsync(options, analyzePath);
        }

        if (!File.Exists(options.Cowork))
        {
            await Console.Error.WriteLineAsync($"FirstRequest: {options.Cowork} does not exist. Publish the CLI first (bench/FirstRequest/run.sh does).");
            return 64;
        }

        await using var server = new LoopbackAnthropicServer();
        var tempRoot = Directory.CreateTempSubdirectory("cowork-firstrequest-").FullName;
        try
        {
            return await RunAsync(options, server, tempRoot);
        }
        finally
        {
            try
            {
                Directory.Delete(tempRoot, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A leftover temp folder is not worth failing the benchmark for.
            }
        }
    }

    private static async Task<int> RunAsync(Options options, LoopbackAnthropicServer server, string tempRoot)
    {
        Console.WriteLine($"cowork first-request benchmark{(options.Label is null ? "" : $": {options.Label}")}");
        Console.WriteLine($"  binary  {options.Cowork}");
        Console.WriteLine($"  server  {server.BaseUrl}/v1/messages (loopback, answers end_turn at once)");
        Console.WriteLine($"  runs    {options.Runs} measured after {options.Warmup} warm-up; each with a fresh granted folder and COWORK_HOME");
        Console.WriteLine($"  cmd     cowork run \"{options.Request}\" --folder DIR --model anthropic:{options.Model} --yes{(options.Plain ? "" : " --json")}");
        if (options.Environment.Count > 0)
        {
            Console.WriteLine($"  env     {string.Join(' ', options.Environment.Select(e => $"{e.Key}={e.Value}"))}");
        }

        Console.WriteLine();
        Console.WriteLine("  run   to request   body in   process exit   CPU to request   request bytes   exit");
        var results = new List<RunResult>();
        for (var i = 0; i < options.Warmup + options.Runs; i++)
        {
            var warm = i < options.Warmup;
            var result = await RunOnceAsync(options, server, Path.Combine(tempRoot, $"run-{i}"));
            var label = warm ? "warm" : (i - options.Warmup + 1).ToString(CultureInfo.InvariantCulture);
            if (result.Failure is not null)
            {
                Console.WriteLine($"  {label,4}   FAILED: {result.Failure}");
                Console.WriteLine(Indent("stderr", result.Stderr));
                Console.WriteLine(Indent("stdout", result.Stdout));
                return 2;
            }

            Console.WriteLine(
                $"  {label,4}   {Ms(result.RequestAt),7:F1} ms  {Ms(result.BodyAt),6:F1} ms   {Ms(result.ExitAt),9:F1} ms   {Cpu(result.CpuAtRequest),13}   {result.Body.Length,13:N0}   {result.ExitCode,4}"
                + (result.ModelRequests > 1 ? $"  ({result.ModelRequests} model requests)" : ""));
            if (!warm)
            {
                results.Add(result);
            }
        }

        var first = results[0];
        RequestAnalysis analysis;
        try
        {
            analysis = RequestAnalysis.Parse(first.Body);
        }
        catch (JsonException ex)
        {
            Console.WriteLine($"The first request body is not JSON: {ex.Message}");
            return 2;
        }

        var toRequest = Stats.Of(results.Select(r => Ms(r.RequestAt)));
        var bodyIn = Stats.Of(results.Select(r => Ms(r.BodyAt)));
        var toExit = Stats.Of(results.Select(r => Ms(r.ExitAt)));
        var cpu = results.All(r => r.CpuAtRequest is not null) ? Stats.Of(results.Select(r => Ms(r.CpuAtRequest!.Value))) : null;
        var sizes = results.Select(r => r.Body.Length).ToList();

        Console.WriteLine();
        Console.WriteLine("                                       min    median       p90       max");
        Console.WriteLine($"  start -> first request (ms)    {toRequest}");
        Console.WriteLine($"  start -> request body in (ms)  {bodyIn}");
        Console.WriteLine($"  start -> process exit (ms)     {toExit}");
        if (cpu is not null)
        {
            Console.WriteLine($"  CPU used by first request (ms) {cpu}");
        }

        Console.WriteLine("  (p90 is nearest-rank; the clock starts right before Process.Start; \"first request\" = its headers are in;");
        Console.WriteLine("   CPU = on-CPU time of all cowork threads when the request arrived: steadier than wall time on a busy machine)");

        Console.WriteLine();
        var sizeNote = sizes.Min() == sizes.Max() ? "" : $" (varies {sizes.Min():N0}-{sizes.Max():N0} with the temp folder path)";
        PrintRequest(analysis, $"{sizeNote}; {(first.Chunked ? "chunked" : "Content-Length")} body");

        if (options.SaveBody is { } savePath)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(savePath))!);
            await File.WriteAllBytesAsync(savePath, first.Body);
            Console.WriteLine($"\nSaved the first request body, byte for byte, to {savePath}");
        }

        Console.WriteLine();
        var problems = CheckDescriptions(analysis, options);
        var exitCode = problems.Count == 0 ? 0 : 1;
        var sizeOk = sizes.Max() < options.MaxBytes;
        var timeOk = toRequest.Median < options.MaxMilliseconds;
        Console.WriteLine($"Target size:  first request < {options.MaxBytes:N0} B ({options.MaxBytes / 1024.0:F0} KB): {(sizeOk ? "ok" : "MISSED")} ({sizes.Max():N0} B)");
        Console.WriteLine($"Target time:  median start -> first request < {options.MaxMilliseconds} ms: {(timeOk ? "ok" : "MISSED")} ({toRequest.Median:F1} ms)");
        if (server.StrayRequests > 0)
        {
            Console.WriteLine($"Note: {server.StrayRequests} request(s) that were not POST /v1/messages, or came between runs.");
        }

        if (options.Summary is { } summaryPath)
        {
            await File.AppendAllTextAsync(summaryPath,
                $"| {options.Label ?? Path.GetFileName(options.Cowork)} | {results.Count} | {toRequest.Min:F0} | {toRequest.Median:F0} | {toRequest.P90:F0} | {toRequest.Max:F0} | {toExit.Median:F0} | {toExit.P90:F0} | {(cpu is null ? "n/a" : cpu.Median.ToString("F0", CultureInfo.InvariantCulture))} | {analysis.TotalBytes:N0} ({analysis.TotalBytes / 1024.0:F1} KB) | {analysis.Tools.Count} | {(problems.Count == 0 ? "ok" : "FAILED")} |\n");
        }

        if (exitCode == 0 && options.EnforceTargets && !(sizeOk && timeOk))
        {
            exitCode = 3;
        }

        return exitCode;
    }

    /// <summary>The size breakdown and the per-tool description lengths.</summary>
    private static void PrintRequest(RequestAnalysis analysis, string note)
    {
        Console.WriteLine($"First request: {analysis.TotalBytes:N0} bytes = {analysis.TotalBytes / 1024.0:F2} KB{note}; model {analysis.Model}, stream {analysis.Stream.ToString().ToLowerInvariant()}");
        Console.WriteLine($"  system prompt  {analysis.SystemBytes,7:N0} B  ({analysis.SystemChars:N0} chars)");
        Console.WriteLine($"  tools          {analysis.ToolsBytes,7:N0} B  ({analysis.Tools.Count} tools)");
        Console.WriteLine($"  messages       {analysis.MessagesBytes,7:N0} B  ({analysis.MessageCount} messages)");
        Console.WriteLine($"  other          {analysis.OtherBytes,7:N0} B  ({string.Join(", ", analysis.OtherFields)}; JSON punctuation)");

        Console.WriteLine();
        Console.WriteLine($"Tools in the first request: {analysis.Tools.Count}");
        Console.WriteLine("  tool                   description   schema B   tool B   parameters described");
        foreach (var tool in analysis.Tools)
        {
            var described = tool.Parameters.Count(p => !string.IsNullOrWhiteSpace(p.Description));
            Console.WriteLine($"  {tool.Name,-22} {tool.Description?.Length ?? 0,8} ch  {tool.SchemaBytes,9:N0}  {tool.JsonBytes,7:N0}   {described}/{tool.Parameters.Count}");
            foreach (var parameter in tool.Parameters)
            {
                var text = parameter.Description is null ? "MISSING" : $"{parameter.Description.Length,3} ch  \"{parameter.Description.Replace("\n", "\\n", StringComparison.Ordinal)}\"";
                Console.WriteLine($"      {parameter.Path,-20} {parameter.Type,-8} {text}");
            }
        }
    }

    /// <summary>Prints and returns every tool or parameter without a real description.</summary>
    private static IReadOnlyList<string> CheckDescriptions(RequestAnalysis analysis, Options options)
    {
        var problems = analysis.Tools.Count == 0
            ? ["the first request carries no tools"]
            : analysis.DescriptionProblems(options.MinToolDescription, options.MinParameterDescription);
        if (problems.Count == 0)
        {
            Console.WriteLine($"Descriptions: ok (every tool >= {options.MinToolDescription} chars, every parameter >= {options.MinParameterDescription} chars)");
        }
        else
        {
            Console.WriteLine("Descriptions: FAILED");
            foreach (var problem in problems)
            {
                Console.WriteLine($"  - {problem}");
            }
        }

        return problems;
    }

    /// <summary><c>--analyze FILE</c>: the size and description report for a saved request body, without running anything.</summary>
    private static async Task<int> AnalyzeFileAsync(Options options, string path)
    {
        RequestAnalysis analysis;
        try
        {
            analysis = RequestAnalysis.Parse(await File.ReadAllBytesAsync(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            await Console.Error.WriteLineAsync($"FirstRequest: cannot read {path} as a request body: {ex.Message}");
            return 2;
        }

        PrintRequest(analysis, $" ({Path.GetFileName(path)})");
        Console.WriteLine();
        var problems = CheckDescriptions(analysis, options);
        var sizeOk = analysis.TotalBytes < options.MaxBytes;
        Console.WriteLine($"Target size:  first request < {options.MaxBytes:N0} B ({options.MaxBytes / 1024.0:F0} KB): {(sizeOk ? "ok" : "MISSED")} ({analysis.TotalBytes:N0} B)");
        return problems.Count > 0 ? 1 : options.EnforceTargets && !sizeOk ? 3 : 0;
    }

    private static async Task<RunResult> RunOnceAsync(Options options, LoopbackAnthropicServer server, string runDirectory)
    {
        var folder = Path.Combine(runDirectory, "folder");
        var home = Path.Combine(runDirectory, "home");
        Directory.CreateDirectory(folder);
        Directory.CreateDirectory(home);
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "A file, so the granted folder is not empty.\n");

        var start = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = runDirectory,
        };
        if (options.Cowork.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            start.FileName = "dotnet";
            start.ArgumentList.Add(options.Cowork);
        }
        else
        {
            start.FileName = options.Cowork;
        }

        foreach (var argument in (string[])["run", options.Request, "--folder", folder, "--model", $"anthropic:{options.Model}", "--yes"])
        {
            start.ArgumentList.Add(argument);
        }

        if (!options.Plain)
        {
            start.ArgumentList.Add("--json");
        }

        start.Environment.Remove("COWORK_MODEL");
        start.Environment["ANTHROPIC_API_KEY"] = "sk-ant-bench";
        start.Environment["ANTHROPIC_BASE_URL"] = server.BaseUrl;
        start.Environment["COWORK_HOME"] = home;
        foreach (var (key, value) in options.Environment)
        {
            start.Environment[key] = value;
        }

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);

        var clock = new Stopwatch();
        var slot = server.BeginRun(clock);
        clock.Start();
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return new RunResult(null, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, -1, [], false, 0, $"cannot start {start.FileName}: {ex.Message}", "", "");
        }

        slot.ProcessId = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();

        using var timeout = new CancellationTokenSource(options.Timeout);
        var exited = process.WaitForExitAsync(timeout.Token);
        string? failure = null;
        var exitAt = TimeSpan.Zero;
        try
        {
            await Task.WhenAny(slot.FirstRequest, exited).WaitAsync(timeout.Token);
            await exited;
            exitAt = clock.Elapsed;
        }
        catch (OperationCanceledException)
        {
            failure = $"timed out after {options.Timeout.TotalSeconds:F0} s ({(slot.FirstRequest.IsCompleted ? "the request came, the process did not exit" : "no request arrived")})";
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        CapturedRequest? request = slot.FirstRequest.IsCompletedSuccessfully ? slot.FirstRequest.Result : null;
        if (failure is null && request is null)
        {
            failure = $"cowork exited with code {process.ExitCode} before any model request arrived";
        }
        else if (failure is null && process.ExitCode != 0)
        {
            failure = $"cowork exited with code {process.ExitCode} after the model request";
        }

        return new RunResult(
            request?.ProcessCpu,
            request?.HeadersAt ?? TimeSpan.Zero,
            request?.BodyAt ?? TimeSpan.Zero,
            exitAt,
            failure is null ? process.ExitCode : -1,
            request?.Body ?? [],
            request?.Chunked ?? false,
            slot.Requests,
            failure,
            Snapshot(stdout),
            Snapshot(stderr));
    }

    private static void Append(StringBuilder into, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (into)
        {
            into.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }

    private static string Indent(string title, string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Length == 0
            ? $"        ({title}: empty)"
            : $"        {title}:\n" + string.Join('\n', lines.TakeLast(20).Select(l => "          " + l.TrimEnd('\r')));
    }

    private static double Ms(TimeSpan time) => time.TotalMilliseconds;

    private static string Cpu(TimeSpan? time) => time is { } t ? $"{t.TotalMilliseconds:F1} ms" : "n/a";

    private sealed record RunResult(
        TimeSpan? CpuAtRequest,
        TimeSpan RequestAt,
        TimeSpan BodyAt,
        TimeSpan ExitAt,
        int ExitCode,
        byte[] Body,
        bool Chunked,
        int ModelRequests,
        string? Failure,
        string Stdout,
        string Stderr);
}

/// <summary>min / median / p90 (nearest rank) / max of a sample.</summary>
internal sealed record Stats(double Min, double Median, double P90, double Max)
{
    public static Stats Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Stats(double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        var p90 = sorted[Math.Max(0, (int)Math.Ceiling(0.9 * sorted.Length) - 1)];
        return new Stats(sorted[0], median, p90, sorted[^1]);
    }

    public override string ToString() => $"{Min,8:F1}  {Median,8:F1}  {P90,8:F1}  {Max,8:F1}";
}

/// <summary>The command line.</summary>
internal sealed record Options
{
    public string Cowork { get; init; } = "";

    public int Runs { get; init; } = 10;

    public int Warmup { get; init; } = 1;

    public string? Label { get; init; }

    public string Request { get; init; } = "What is in this folder?";

    public string Model { get; init; } = "claude-bench";

    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public string? SaveBody { get; init; }

    public string? Summary { get; init; }

    public int MinToolDescription { get; init; } = 40;

    public int MinParameterDescription { get; init; } = 10;

    public int MaxBytes { get; init; } = 12 * 1024;

    public int MaxMilliseconds { get; init; } = 300;

    public bool EnforceTargets { get; init; }

    public bool Plain { get; init; }

    public string? Analyze { get; init; }

    public bool Help { get; init; }

    /// <exception cref="ArgumentException">An unknown option or a bad value.</exception>
    public static Options Parse(string[] args)
    {
        var options = new Options { Cowork = System.Environment.GetEnvironmentVariable("COWORK_BIN") ?? "" };
        var environment = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            int Number()
            {
                var text = Value();
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                    ? n
                    : throw new ArgumentException($"{arg} takes a whole number, not '{text}'.");
            }

            options = arg switch
            {
                "--cowork" => options with { Cowork = Path.GetFullPath(Value()) },
                "--runs" => options with { Runs = Number() },
                "--warmup" => options with { Warmup = Number() },
                "--label" => options with { Label = Value() },
                "--request" => options with { Request = Value() },
                "--model" => options with { Model = Value() },
                "--timeout" => options with { Timeout = TimeSpan.FromSeconds(Number()) },
                "--save-body" => options with { SaveBody = Path.GetFullPath(Value()) },
                "--summary" => options with { Summary = Path.GetFullPath(Value()) },
                "--min-tool-desc" => options with { MinToolDescription = Number() },
                "--min-param-desc" => options with { MinParameterDescription = Number() },
                "--max-bytes" => options with { MaxBytes = Number() },
                "--max-ms" => options with { MaxMilliseconds = Number() },
                "--enforce-targets" => options with { EnforceTargets = true },
                "--plain" => options with { Plain = true },
                "--analyze" => options with { Analyze = Path.GetFullPath(Value()) },
                "--env" => AddEnvironment(options, Value()),
                "-h" or "--help" => options with { Help = true },
                _ => throw new ArgumentException($"Unknown option {arg}."),
            };

            Options AddEnvironment(Options current, string pair)
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    throw new ArgumentException($"--env takes KEY=VALUE, not '{pair}'.");
                }

                environment.Add(new(pair[..equals], pair[(equals + 1)..]));
                return current;
            }
        }

        if (!options.Help && options.Analyze is null && options.Cowork.Length == 0)
        {
            throw new ArgumentException("--cowork PATH is required (or set COWORK_BIN).");
        }

        if (options.Runs < 1)
        {
            throw new ArgumentException("--runs must be at least 1.");
        }

        return options with { Environment = environment };
    }
}
