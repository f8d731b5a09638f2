using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>"Analyze sales.csv: outliers, revenue by region and month, trend chart": a data file and what to find in it.</summary>
internal sealed record AnalyzeDataIntent(FolderGrant Folder, string File) : RequestIntent(Folder);

/// <summary>
/// The offline planner's data analysis: profile the file, run the analyses the request names (read-only, before
/// approval), then, once the plan is approved, draw the charts, save the tables and write findings.md beside the data.
/// </summary>
internal static partial class AnalysisPlan
{
    private static readonly string[] Periods = ["day", "week", "month", "quarter", "year"];

    /// <summary>The intent when the request names a data file and asks for an analysis of it, else <see langword="null"/>.</summary>
    public static AnalyzeDataIntent? Parse(string request, IReadOnlyList<FolderGrant> folders)
    {
        var text = request.ToLowerInvariant();
        if (DataFile().Match(request) is not { Success: true } file || !AnalysisWords().IsMatch(text))
        {
            return null;
        }

        if (folders.Count == 0)
        {
            throw new ToolException("No folder is granted to this task. Grant the folder that holds the file with --folder DIR and ask again.");
        }

        var name = file.Groups[1].Value.Trim();
        var folder = folders.FirstOrDefault(f => File.Exists(Path.Combine(f.Path, name))) ?? folders[0];
        return new AnalyzeDataIntent(folder, name);
    }

    public static ChatResponse Next(AnalyzeDataIntent intent, OfflineConversation conversation, OfflineTurn turn, Func<string, ChatResponse> say)
    {
        var path = Path.Combine(intent.Folder.Path, intent.File);
        var stem = Path.GetFileNameWithoutExtension(intent.File);
        var outputs = Path.Combine(Path.GetDirectoryName(path)!, $"{stem}-analysis");
        var workbook = Path.Combine(outputs, $"{stem}-analysis.xlsx");
        string[] steps = [$"Profile {intent.File}", "Run the analyses asked for", "Draw the charts", $"Write the tables as formulas to {stem}-analysis/{stem}-analysis.xlsx and verify it", $"Write the findings to {stem}-analysis/findings.md"];
        var plans = conversation.CallsTo(ToolNames.UpdatePlan).Count();

        var profile = conversation.LastResult(ToolNames.ProfileData);
        if (profile is null)
        {
            return turn.Plan(steps, 0).Call(ToolNames.ProfileData, new() { ["path"] = path }).Build();
        }

        var columns = Columns(profile);
        if (columns.Count == 0)
        {
            return say($"Could not read {intent.File}: {profile.Split('\n')[0]}");
        }

        var request = conversation.Request;
        var analyses = Analyses(request.ToLowerInvariant(), columns, path);
        var charts = Charts(request.ToLowerInvariant(), columns, path, outputs);
        var done = conversation.CallsTo(ToolNames.AnalyzeData).Count(c => !c.Call.Arguments!.ContainsKey("save_as"));
        if (!conversation.PlanApproved)
        {
            if (done < analyses.Count)
            {
                return turn.Plan(steps, 1, inProgress: true).Call(ToolNames.AnalyzeData, analyses[done]).Build();
            }

            return plans < analyses.Count + 2
                ? turn.Plan(steps, 2).Build()
                : say($"Plan: draw {charts.Count} chart{(charts.Count == 1 ? "" : "s")} and write findings.md with the tables in {outputs}. Nothing is written until you approve.\n\n"
                    + Summary(conversation));
        }

        var drawn = conversation.CallsTo(ToolNames.MakeChart).Count();
        if (drawn < charts.Count)
        {
            return turn.Plan(steps, 2, inProgress: true).Call(ToolNames.MakeChart, charts[drawn]).Build();
        }

        var tables = conversation.LastResult(ToolNames.MakeAnalysisWorkbook);
        if (tables is null)
        {
            return turn.Plan(steps, 3, inProgress: true).Call(ToolNames.MakeAnalysisWorkbook, new()
            {
                ["path"] = path,
                ["analyses"] = analyses.Select(a => a.Where(p => p.Key != "path").ToDictionary()).ToList(),
                ["output"] = workbook,
                ["overwrite"] = true,
            }).Build();
        }

        var wroteWorkbook = tables.StartsWith("Wrote ", StringComparison.Ordinal);
        var verified = conversation.LastResult(ToolNames.VerifyDocument);
        if (wroteWorkbook && verified is null)
        {
            return turn.Plan(steps, 3, inProgress: true).Call(ToolNames.VerifyDocument, new() { ["path"] = workbook, ["render"] = false }).Build();
        }

        var findings = Path.Combine(outputs, "findings.md");
        var written = conversation.LastResult(ToolNames.WriteFile);
        if (written is null)
        {
            return turn.Plan(steps, 4, inProgress: true).Call(ToolNames.WriteFile, new()
            {
                ["path"] = findings,
                ["content"] = Findings(intent.File, profile, Results(conversation), conversation.CallsTo(ToolNames.MakeChart).Select(c => c.Result ?? "").ToList(),
                    wroteWorkbook ? $"{Path.GetFileName(workbook)}: {WorkbookLine(verified)}" : $"The workbook could not be written: {tables.Split('\n')[0]}"),
                ["overwrite"] = true,
            }).Build();
        }

        if (plans < analyses.Count + charts.Count + (wroteWorkbook ? 6 : 5))
        {
            return turn.Plan(steps, steps.Length).Build();
        }

        return say($"Done: {findings}\n{(wroteWorkbook ? $"{workbook} ({WorkbookLine(verified)})\n" : "")}{string.Join("\n", conversation.CallsTo(ToolNames.MakeChart).Select(c => (c.Result ?? "").Split(':')[0]))}\n\n"
            + Summary(conversation) + "\n\nEvery file was written through the journal: `cowork undo` removes them.");
    }

    /// <summary>The analyses' findings, a line each.</summary>
    private static string Summary(OfflineConversation conversation) =>
        string.Join("\n", Results(conversation).SelectMany(r => r.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).Take(3)));

    private static IEnumerable<string> Results(OfflineConversation conversation) =>
        conversation.CallsTo(ToolNames.AnalyzeData).Select(c => c.Result ?? "").Where(r => r.Length > 0);

    /// <summary>The analyses the request names, with the columns resolved against the profile.</summary>
    private static List<Dictionary<string, object?>> Analyses(string text, List<(string Name, string Type)> columns, string path)
    {
        var measure = Measure(text, columns);
        var date = columns.FirstOrDefault(c => c.Type.StartsWith("date", StringComparison.Ordinal)).Name;
        var list = new List<Dictionary<string, object?>> { new() { ["path"] = path, ["operation"] = "describe" } };
        if (OutlierWords().IsMatch(text) && measure is not null)
        {
            list.Add(new() { ["path"] = path, ["operation"] = "outliers", ["column"] = measure });
        }

        var keys = Keys(text, columns, date);
        if (keys.Count >= 2)
        {
            list.Add(new() { ["path"] = path, ["operation"] = "crosstab", ["rows_by"] = keys[0], ["columns_by"] = keys[1], ["value_column"] = measure });
        }
        else if (keys.Count == 1)
        {
            list.Add(new() { ["path"] = path, ["operation"] = "group_by", ["group_by"] = keys[0], ["value_column"] = measure });
        }

        if (date is not null && (TrendWords().IsMatch(text) || keys.Any(k => k.Contains('(', StringComparison.Ordinal))))
        {
            list.Add(new() { ["path"] = path, ["operation"] = "time_series", ["date_column"] = date, ["value_column"] = measure, ["period"] = Period(text) });
        }

        if (text.Contains("correlat", StringComparison.Ordinal))
        {
            list.Add(new() { ["path"] = path, ["operation"] = "correlation" });
        }

        if (TopWords().IsMatch(text) && measure is not null)
        {
            list.Add(new() { ["path"] = path, ["operation"] = "top_n", ["column"] = measure, ["n"] = 10 });
        }

        return list;
    }

    private static List<Dictionary<string, object?>> Charts(string text, List<(string Name, string Type)> columns, string path, string outputs)
    {
        var charts = new List<Dictionary<string, object?>>();
        if (!ChartWords().IsMatch(text))
        {
            return charts;
        }

        var measure = Measure(text, columns);
        var date = columns.FirstOrDefault(c => c.Type.StartsWith("date", StringComparison.Ordinal)).Name;
        var slug = measure ?? "rows";
        if (date is not null && (TrendWords().IsMatch(text) || !ByWords().IsMatch(text)))
        {
            var period = Period(text);
            charts.Add(new() { ["path"] = path, ["kind"] = "line", ["x"] = date, ["y"] = measure, ["period"] = period, ["output"] = Path.Combine(outputs, $"{slug}-by-{period}.png") });
        }

        if (Keys(text, columns, date).FirstOrDefault(k => !k.Contains('(', StringComparison.Ordinal)) is { } key)
        {
            charts.Add(new() { ["path"] = path, ["kind"] = "bar", ["x"] = key, ["y"] = measure, ["output"] = Path.Combine(outputs, $"{slug}-by-{key}.png") });
        }

        return charts;
    }

    /// <summary>The numeric column the request names, else the first one called like an amount, else the last numeric one.</summary>
    private static string? Measure(string text, List<(string Name, string Type)> columns)
    {
        var numeric = columns.Where(c => c.Type.StartsWith("number", StringComparison.Ordinal) || c.Type.StartsWith("integer", StringComparison.Ordinal))
            .Where(c => !c.Name.EndsWith("id", StringComparison.OrdinalIgnoreCase)).Select(c => c.Name).ToList();
        return numeric.FirstOrDefault(n => Mentions(text, n))
            ?? numeric.FirstOrDefault(n => AmountNames().IsMatch(n.ToLowerInvariant()))
            ?? numeric.LastOrDefault();
    }

    /// <summary>"by region and month": the columns (and periods of the date column) after "by", in order.</summary>
    private static List<string> Keys(string text, List<(string Name, string Type)> columns, string? date)
    {
        var keys = new List<string>();
        foreach (Match by in ByClause().Matches(text))
        {
            foreach (var word in Regex.Split(by.Groups[1].Value, @"\s*(?:,|\band\b|&|/)\s*"))
            {
                var w = word.Trim();
                if (Periods.Contains(w) && date is not null)
                {
                    keys.Add($"{w}({date})");
                }
                else if (columns.FirstOrDefault(c => string.Equals(c.Name, w, StringComparison.OrdinalIgnoreCase)).Name is { } column)
                {
                    keys.Add(column);
                }
            }
        }

        return [.. keys.Distinct()];
    }

    private static string Period(string text) =>
        text.Contains("daily", StringComparison.Ordinal) || Regex.IsMatch(text, @"\bby day\b") ? "day"
        : text.Contains("weekly", StringComparison.Ordinal) || Regex.IsMatch(text, @"\bweek") ? "week"
        : text.Contains("quarter", StringComparison.Ordinal) ? "quarter"
        : "month";

    private static bool Mentions(string text, string name) => Regex.IsMatch(text, $@"(?<![\p{{L}}\p{{N}}_]){Regex.Escape(name.ToLowerInvariant())}(?![\p{{L}}\p{{N}}_])");

    /// <summary>The column names and types from profile_data's table.</summary>
    private static List<(string Name, string Type)> Columns(string profile)
    {
        var columns = new List<(string, string)>();
        foreach (var line in profile.Split('\n'))
        {
            var cells = line.Split(" | ");
            if (line.StartsWith("| ", StringComparison.Ordinal) && cells.Length > 2 && cells[0] != "| column" && !line.StartsWith("| ---", StringComparison.Ordinal))
            {
                columns.Add((cells[0][2..].Replace("\\|", "|", StringComparison.Ordinal), cells[1]));
            }
        }

        return columns;
    }

    /// <summary>What the workbook is and what its verification said, in a line.</summary>
    private static string WorkbookLine(string? verified)
    {
        if (verified is null)
        {
            return "the tables as formulas over the data";
        }

        var lines = verified.Split('\n');
        var verdict = lines[0].Split(':')[0];
        var recalculated = lines.FirstOrDefault(l => l.Contains("recalculat", StringComparison.Ordinal))?.Trim();
        return $"the tables as formulas over the data; verification {verdict}" + (recalculated is null ? "" : $" ({recalculated.Replace("ok  ", "", StringComparison.Ordinal)})");
    }

    private static string Findings(string file, string profile, IEnumerable<string> results, List<string> charts, string workbook)
    {
        var text = new StringBuilder();
        text.Append("# Findings: ").AppendLine(file).AppendLine();
        text.AppendLine(profile.Split('\n')[0]).AppendLine();
        foreach (var result in results)
        {
            var lines = result.Split('\n');
            text.Append("## ").AppendLine(lines[0].TrimEnd(':')).AppendLine();
            text.AppendJoin('\n', lines.Skip(1)).AppendLine().AppendLine();
        }

        if (charts.Count > 0)
        {
            text.AppendLine("## Charts").AppendLine();
            foreach (var chart in charts.Where(c => c.StartsWith("Wrote ", StringComparison.Ordinal)))
            {
                var image = chart["Wrote ".Length..chart.IndexOf(": ", StringComparison.Ordinal)];
                text.Append("![").Append(Path.GetFileNameWithoutExtension(image)).Append("](").Append(Path.GetFileName(image)).AppendLine(")").AppendLine();
            }
        }

        text.AppendLine("## Workbook").AppendLine().AppendLine(workbook).AppendLine();
        text.AppendLine("Numbers are computed by Cowork's data tools over every row of the file; the tables above are bounded to 50 rows.");
        return text.ToString();
    }

    [GeneratedRegex(@"([\p{L}\p{N}_\-./]+\.(?:csv|tsv|xlsx|json))\b", RegexOptions.IgnoreCase)]
    private static partial Regex DataFile();

    [GeneratedRegex(@"\b(analy[sz]e|analysis|outliers?|anomal|trends?|charts?|plots?|graphs?|profile|statistics|stats|summari[sz]e|describe|pivot|cross-?tab|correlat|breakdown|group(?:ed)? by|totals? by|average by|sum by|count by)")]
    private static partial Regex AnalysisWords();

    [GeneratedRegex(@"\b(outliers?|anomal\w*|unusual|extreme)")]
    private static partial Regex OutlierWords();

    [GeneratedRegex(@"\b(trends?|over time|monthly|weekly|daily|time series|growth)")]
    private static partial Regex TrendWords();

    [GeneratedRegex(@"\b(charts?|plots?|graphs?|visuali[sz]\w*)")]
    private static partial Regex ChartWords();

    [GeneratedRegex(@"\btop\b|\blargest\b|\bbiggest\b")]
    private static partial Regex TopWords();

    [GeneratedRegex(@"\bby\b")]
    private static partial Regex ByWords();

    [GeneratedRegex(@"\bby\s+([\p{L}\p{N}_]+(?:\s*(?:,|\band\b|&|/)\s*[\p{L}\p{N}_]+)*)")]
    private static partial Regex ByClause();

    [GeneratedRegex(@"revenue|sales|amount|total|value|price|cost|profit")]
    private static partial Regex AmountNames();
}
