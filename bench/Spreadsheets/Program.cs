using System.Diagnostics;
using System.Globalization;
using Cowork.Documents;

// 1,000,000 cells (100,000 rows x 10 columns, one formula per row) with Cowork's streaming writer, then the same data
// with Python openpyxl in write-only mode (Debian's python3-openpyxl) in the same run; time and peak memory of each.
var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var folder = Directory.CreateTempSubdirectory("cowork-bench-sheets-").FullName;
try
{
    if (args.Contains("--child"))
    {
        Console.WriteLine(WriteWithCowork(rows, Path.Combine(folder, "cowork.xlsx")));
        return 0;
    }

    // Each writer runs in its own process so its peak memory (VmHWM) is its own.
    var self = Environment.ProcessPath!;
    var selfArgs = Path.GetFileName(self).StartsWith("dotnet", StringComparison.Ordinal) ? [typeof(Program).Assembly.Location] : Array.Empty<string>();
    var script = Path.Combine(AppContext.BaseDirectory, "openpyxl_write_only.py");
    Console.WriteLine($"Writing {rows:N0} rows x 10 columns ({rows * 10:N0} cells, {rows:N0} formulas), 3 runs each …");
    var cowork = new List<(double Seconds, long PeakKb, double Cpu)>();
    var python = new List<(double Seconds, long PeakKb, double Cpu)>();
    for (var run = 0; run < 3; run++)
    {
        cowork.Add(Parse(Run(self, [.. selfArgs, rows.ToString(CultureInfo.InvariantCulture), "--child"])));
        python.Add(Parse(Run("/usr/bin/python3", [script, rows.ToString(CultureInfo.InvariantCulture), Path.Combine(folder, "openpyxl.xlsx")])));
    }

    var (cs, cm, cc) = (cowork.Min(r => r.Seconds), cowork.Max(r => r.PeakKb), cowork.Min(r => r.Cpu));
    var (ps, pm, pc) = (python.Min(r => r.Seconds), python.Max(r => r.PeakKb), python.Min(r => r.Cpu));
    Console.WriteLine($"Cowork streaming writer: {cs:0.00} s (best of 3; runs {string.Join(", ", cowork.Select(r => r.Seconds.ToString("0.00", CultureInfo.InvariantCulture)))}), peak {cm / 1024.0:0} MB");
    Console.WriteLine($"openpyxl write-only:     {ps:0.00} s (best of 3; runs {string.Join(", ", python.Select(r => r.Seconds.ToString("0.00", CultureInfo.InvariantCulture)))}), peak {pm / 1024.0:0} MB");
    Console.WriteLine($"CPU time (whole process, best of 3): Cowork {cc:0.00} s, openpyxl {pc:0.00} s");
    Console.WriteLine($"Speed-up: {ps / cs:0.0}x wall, {pc / cc:0.0}x CPU (target >= 5x); Cowork peak {cm / 1024.0:0} MB (target < 300 MB)");
    return 0;
}
finally
{
    Directory.Delete(folder, recursive: true);
}

static string WriteWithCowork(int rows, string path)
{
    var watch = Stopwatch.StartNew();
    using (var stream = File.Create(path))
    using (var writer = new StreamingWorkbookWriter(stream))
    {
        writer.BeginSheet("Data", ["Id", "Item", "A", "B", "C", "D", "E", "F", "G", "Total"]);
        var cells = new StreamingCell[10];
        for (var i = 1; i <= rows; i++)
        {
            var r = i + 1;
            cells[0] = StreamingCell.Of(i);
            cells[1] = StreamingCell.Of("Item " + (i % 1000).ToString(CultureInfo.InvariantCulture));
            cells[2] = StreamingCell.Of(i * 0.5);
            cells[3] = StreamingCell.Of(i * 0.25);
            cells[4] = StreamingCell.Of(i % 97);
            cells[5] = StreamingCell.Of((i % 13) + 0.5);
            cells[6] = StreamingCell.Of(i * 1.5);
            cells[7] = StreamingCell.Of((i % 7) * 2.0);
            cells[8] = StreamingCell.Of(i % 101);
            cells[9] = StreamingCell.FormulaOf(string.Create(CultureInfo.InvariantCulture, $"SUM(C{r}:I{r})"));
            writer.WriteRow(cells);
        }

        writer.Finish();
    }

    var seconds = watch.Elapsed.TotalSeconds;
    var peak = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
    return string.Create(CultureInfo.InvariantCulture, $"{seconds:0.000} {peak} {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:0.000}");
}

static string Run(string program, string[] arguments)
{
    var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, UseShellExecute = false };
    foreach (var argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }

    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    return process.ExitCode == 0 ? output.Trim().Split('\n')[^1] : throw new InvalidOperationException($"{program} failed ({process.ExitCode}).");
}

static (double Seconds, long PeakKb, double Cpu) Parse(string line)
{
    var parts = line.Split(' ');
    return (double.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture));
}
