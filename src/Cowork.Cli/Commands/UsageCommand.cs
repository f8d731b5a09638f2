using System.CommandLine;
using System.Globalization;
using Cowork.Cli.Interaction;
using Cowork.Storage;
using Spectre.Console;

namespace Cowork.Cli.Commands;

/// <summary><c>cowork usage</c>: tokens by day, by model and by task, from the store.</summary>
internal sealed class UsageCommand : Command
{
    private readonly Option<int> _days = new("--days", "-d") { Description = "How many days back, today included (default 7).", DefaultValueFactory = _ => 7 };
    private readonly CliHost _host;

    public UsageCommand(CliHost host)
        : base("usage", "Tokens used today, over the last days, per model and per task.")
    {
        _host = host;
        Add(_days);
        SetAction(Execute);
    }

    private int Execute(ParseResult parsed)
    {
        var days = Math.Clamp(parsed.GetValue(_days), 1, 3650);
        var today = DateOnly.FromDateTime(DateTime.Now);
        var paths = CoworkPaths.Resolve(_host.Environment);
        using var store = TaskStore.Open(paths.Home);
        var report = store.Usage(today.AddDays(1 - days), today);
        var console = _host.Console;

        var byDay = Table("Day");
        foreach (var day in report.ByDay)
        {
            Row(byDay, day.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (day.Day == today ? " (today)" : ""), day.Usage);
        }

        Row(byDay, "[bold]Total[/]", report.Total, escape: false);
        console.Write(byDay);

        if (report.ByModel.Count > 0)
        {
            var prices = new PriceTable(CoworkConfig.Load(paths.ConfigFile).Prices);
            var byModel = Table("Model").AddColumn("Cost (est.)");
            foreach (var model in report.ByModel)
            {
                Row(byModel, model.Model, model.Usage, extra: Render.Cost(prices, model.Model, model.Usage).Replace(" · ", "", StringComparison.Ordinal));
            }

            console.Write(byModel);
        }

        if (report.ByTask.Count > 0)
        {
            var byTask = Table("Task");
            foreach (var task in report.ByTask.Take(10))
            {
                Row(byTask, $"{task.TaskId} {Render.Shorten(task.Request, 40)}", task.Usage);
            }

            console.Write(byTask);
        }

        return ExitCodes.Done;
    }

    private static Table Table(string first) =>
        new Table().Border(TableBorder.Simple).AddColumns(first, "Calls", "Input", "Output", "Cache read", "Cache write");

    private static void Row(Table table, string label, UsageTotals usage, bool escape = true, string? extra = null)
    {
        string[] cells = [escape ? Markup.Escape(label) : label, N(usage.Calls), N(usage.InputTokens), N(usage.OutputTokens), N(usage.CacheReadTokens), N(usage.CacheWriteTokens)];
        table.AddRow(extra is null ? cells : [.. cells, Markup.Escape(extra)]);
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
