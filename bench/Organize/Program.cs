// Organize N small files by type with Cowork's journaled, confined moves, against the floor: a plain loop of
// rename calls over an identical tree, in the same run. Usage: dotnet run -c Release -- [files=20000] [rounds=3]
using System.Diagnostics;
using System.Globalization;
using Cowork;
using Cowork.Files;

var files = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var scratch = Directory.CreateTempSubdirectory("cowork-bench-organize-").FullName;
string[] extensions = ["jpg", "png", "pdf", "docx", "xlsx", "csv", "txt", "mp3", "mp4", "zip", "py", "xyz"];

try
{
    var floor = new List<double>();
    var cowork = new List<double>();
    for (var round = 1; round <= rounds; round++)
    {
        var plain = Make(Path.Combine(scratch, $"plain-{round}"));
        floor.Add(Time(() => PlainRenames(plain)));

        var journaled = Make(Path.Combine(scratch, $"cowork-{round}"));
        var home = Path.Combine(scratch, $"home-{round}");
        cowork.Add(Time(() => Organize(journaled, home)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round}: floor {floor[^1]:F0} ms, cowork {cowork[^1]:F0} ms"));
    }

    var f = Median(floor);
    var c = Median(cowork);
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{files:N0} files, median of {rounds} rounds"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  floor (list + rename loop): {f,8:F0} ms  {files / f * 1000,10:N0} files/s"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  cowork organize (journal):  {c,8:F0} ms  {files / c * 1000,10:N0} files/s"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio: {c / f:F2}x the floor (target: within 3x)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB"));
}
finally
{
    Directory.Delete(scratch, recursive: true);
}

string Make(string folder)
{
    Directory.CreateDirectory(folder);
    var random = new Random(42);
    var content = new byte[256];
    for (var i = 0; i < files; i++)
    {
        random.NextBytes(content);
        File.WriteAllBytes(Path.Combine(folder, $"file {i:00000}.{extensions[i % extensions.Length]}"), content);
    }

    return folder;
}

void PlainRenames(string folder)
{
    foreach (var file in new DirectoryInfo(folder).EnumerateFiles())
    {
        var target = Path.Combine(folder, FileKinds.CategoryOf(file.Name));
        Directory.CreateDirectory(target);
        File.Move(file.FullName, Path.Combine(target, file.Name));
    }
}

void Organize(string folder, string home)
{
    using var workspace = new Workspace([new FolderGrant(folder, FolderAccess.ReadWrite)], [],
        w => new FileChanges(w, Path.Combine(home, ChangeJournal.FileName), "bench"));
    var resolved = workspace.Resolve(".", forWriting: true);
    var (moves, _) = FolderOrganizer.Plan(workspace.Root(resolved), resolved.Path, OrganizeScheme.Type);
    var result = FolderOrganizer.Apply(workspace.Changes!, resolved, moves);
    if (result.Moved != files)
    {
        throw new InvalidOperationException($"Moved {result.Moved} of {files}: {string.Join("; ", result.Failures.Take(3))}");
    }
}

static double Time(Action action)
{
    var clock = Stopwatch.StartNew();
    action();
    return clock.Elapsed.TotalMilliseconds;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}
