namespace Cowork.Documents.Tests;

/// <summary>The workbook specs under Spreadsheets/Corpus, copied next to the test assembly.</summary>
internal static class Corpus
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Spreadsheets", "Corpus");

    public static IEnumerable<string> Files => Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal);

    public static WorkbookSpec Load(string name) => WorkbookSpec.Parse(File.ReadAllText(Path.Combine(Folder, name)));
}
