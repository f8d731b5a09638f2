using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Cowork.Files;
using Cowork.Tests;

namespace Cowork.Data.Tests;

/// <summary>Temporary folders, the repository's samples, a workspace over a folder, and pandas run on the same files.</summary>
internal static class TestFiles
{
    public static string Repository { get; } = FindRepository();

    public static string SalesCsv => Path.Combine(Repository, "samples", "Data", "sales.csv");

    public static string TempFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "cowork-data-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static Dataset Open(string path, LoadOptions? options = null) => Dataset.Open(() => File.OpenRead(path), path, options);

    public static Workspace Workspace(string folder) =>
        new([new FolderGrant(folder, FolderAccess.ReadWrite)], null, w => new FileChanges(w, Path.Combine(folder + ".journal", ChangeJournal.FileName), "test-task"));

    /// <summary>Runs a Python script with Debian's pandas and parses what it prints as JSON.</summary>
    public static JsonElement Pandas(string script)
    {
        const string python = "/usr/bin/python3";
        ExternalTool.RequireThat(File.Exists(python) && Run(python, "-c \"import pandas\"").Exit == 0, "pandas for /usr/bin/python3 (Debian package python3-pandas)");
        var file = Path.Combine(Path.GetTempPath(), $"cowork-pandas-{Guid.NewGuid():N}.py");
        File.WriteAllText(file, "import json, sys\nimport pandas as pd\nimport numpy as np\n" + script);
        try
        {
            var (exit, output, error) = Run(python, file);
            Assert.True(exit == 0, error);
            return JsonDocument.Parse(output).RootElement.Clone();
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static string Quote(string path) => JsonSerializer.Serialize(path);

    /// <summary>A deterministic file of <paramref name="rows"/> orders with missing values and a few extreme ones.</summary>
    public static string Orders(string folder, int rows, int seed = 1)
    {
        var random = new Random(seed);
        string[] regions = ["North", "South", "East", "West", "Central"];
        var text = new StringBuilder("id,day,region,units,price,score\n");
        var start = new DateTime(2024, 1, 1);
        for (var i = 1; i <= rows; i++)
        {
            var units = random.Next(1, 40);
            var price = Math.Round(5 + (random.NextDouble() * 95), 2);
            if (i % 997 == 0)
            {
                price *= 40;
            }

            var score = random.Next(10) == 0 ? "" : (units * 1.7 + (random.NextDouble() * 20)).ToString("0.###", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{i},{start.AddDays(random.Next(0, 730)):yyyy-MM-dd},{regions[random.Next(regions.Length)]},{units},{price.ToString(CultureInfo.InvariantCulture)},{score}\n");
        }

        var path = Path.Combine(folder, "orders.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static (int Exit, string Output, string Error) Run(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cowork.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Cowork.slnx) was not found above the test binaries.");
    }
}
