using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Cowork.Data;

// Profile + outliers + cross-tab on a generated CSV (1 GB by default), Cowork's engine and pandas in the same run,
// each in its own process so each peak RSS (VmHWM) is its own.
if (args is ["ours", var file])
{
    Console.WriteLine(JsonSerializer.Serialize(Ours(file)));
    return 0;
}

var megabytes = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var mb) ? mb : 1024;
// pandas holds the whole file in memory (about 4.6 times its size): past about 4 GB on this machine, measure Cowork alone.
var withPandas = !args.Contains("--cowork-only");
var folder = Path.Combine(Path.GetTempPath(), "cowork-bench-data");
Directory.CreateDirectory(folder);
var path = Path.Combine(folder, $"orders-{megabytes}mb.csv");
if (!File.Exists(path))
{
    var watch = Stopwatch.StartNew();
    Generate(path, megabytes * 1024L * 1024);
    Console.WriteLine($"Generated {path} ({new FileInfo(path).Length / 1e6:N0} MB) in {watch.Elapsed.TotalSeconds:N1} s.");
}

var ours = Child(Path.Combine(AppContext.BaseDirectory, "Cowork.Bench.Data"), $"ours \"{path}\"");
JsonElement? pandas = withPandas ? Child("/usr/bin/python3", $"\"{Path.Combine(AppContext.BaseDirectory, "pandas_bench.py")}\" \"{path}\"") : null;
Console.WriteLine();
Console.WriteLine($"File: {path}, {new FileInfo(path).Length / 1e6:N0} MB, {Environment.ProcessorCount} cores");
Console.WriteLine($"{"",-8} {"profile s",10} {"outliers s",11} {"crosstab s",11} {"total s",8} {"peak RSS MB",12}  outliers  crosstab total");
foreach (var (name, r) in new[] { ("Cowork", ours), ("pandas", pandas ?? default) }.Where(p => p.Item2.ValueKind != JsonValueKind.Undefined))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-8} {r.GetProperty("profile").GetDouble(),10:N1} {r.GetProperty("outliers").GetDouble(),11:N1} {r.GetProperty("crosstab").GetDouble(),11:N1} {r.GetProperty("total").GetDouble(),8:N1} {r.GetProperty("peak_mb").GetDouble(),12:N0}  {r.GetProperty("outlier_count").GetInt64(),8} {r.GetProperty("grand_total").GetDouble():F2}"));
}

return 0;

static Dictionary<string, object> Ours(string file)
{
    var total = Stopwatch.StartNew();
    var data = Dataset.Open(() => new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan), file);
    var watch = Stopwatch.StartNew();
    var profile = Profiler.Profile(data);
    var profileTime = watch.Elapsed.TotalSeconds;
    watch.Restart();
    var outliers = Outliers.Find(data, "revenue", "iqr");
    var outlierTime = watch.Elapsed.TotalSeconds;
    watch.Restart();
    var crosstab = GroupBy.CrossTab(data, "region", "product", "revenue", "sum", null);
    var crosstabTime = watch.Elapsed.TotalSeconds;
    var count = long.Parse(outliers.Findings[0].Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    return new()
    {
        ["rows"] = profile.Rows,
        ["profile"] = profileTime,
        ["outliers"] = outlierTime,
        ["crosstab"] = crosstabTime,
        ["total"] = total.Elapsed.TotalSeconds,
        ["peak_mb"] = PeakMegabytes(),
        ["outlier_count"] = count,
        ["grand_total"] = ResultTable.Number(crosstab.Table.Rows[^1][^1]),
    };
}

static double PeakMegabytes()
{
    var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
    return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
}

static JsonElement Child(string program, string arguments)
{
    using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true })!;
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"{program} failed ({process.ExitCode}).");
    }

    return JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement.Clone();
}

static void Generate(string path, long bytes)
{
    var random = new Random(20240601);
    string[] regions = ["North", "South", "East", "West", "Central"];
    string[] products = ["Widget", "Gadget", "Gizmo", "Doohickey", "Thingamajig", "Whatsit"];
    using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
    writer.Write("order_id,order_date,region,product,customer,units,unit_price,revenue\n");
    var start = new DateTime(2020, 1, 1);
    var line = new StringBuilder();
    var written = 0L;
    for (long id = 1; written < bytes; id++)
    {
        var units = random.Next(1, 50);
        var price = Math.Round(2 + (random.NextDouble() * 198), 2);
        if (id % 10_007 == 0)
        {
            units *= 100;
        }

        line.Clear().Append(CultureInfo.InvariantCulture,
            $"{id},{start.AddDays(random.Next(0, 1826)):yyyy-MM-dd},{regions[random.Next(regions.Length)]},{products[random.Next(products.Length)]},C{random.Next(1, 200_000):000000},{units},{price:0.00},{units * price:0.00}\n");
        writer.Write(line);
        written += line.Length;
    }
}
