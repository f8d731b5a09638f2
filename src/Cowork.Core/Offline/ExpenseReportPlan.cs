using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>
/// The offline planner's expense-report job: read the receipts (the preview), approval, write the workbook,
/// verify it, summarize. Decided turn by turn from the conversation, like the other jobs.
/// </summary>
internal static partial class ExpenseReportPlan
{
    private static readonly string[] Steps = ["Read the receipts", "Write the expense report workbook", "Verify the workbook", "Summarize"];

    /// <summary>"make an expense report from the receipts", "turn these receipts into an expense sheet", …</summary>
    public static bool IsRequest(string text) => ReportWords().IsMatch(text) || (text.Contains("receipt", StringComparison.Ordinal) && ReceiptJobWords().IsMatch(text));

    public static ChatResponse Respond(ExpenseReportIntent intent, OfflineConversation conversation, OfflineTurn turn)
    {
        var plans = conversation.CallsTo(ToolNames.UpdatePlan).Count();
        var extracted = conversation.LastResult(ToolNames.ExtractReceipts);
        if (!conversation.PlanApproved)
        {
            if (extracted is null)
            {
                return turn.Plan(Steps, 0).Call(ToolNames.ExtractReceipts, new() { ["path"] = intent.Folder.Path }).Build();
            }

            var read = ReadCount().Match(extracted);
            if (!read.Success || read.Groups[1].Value == "0")
            {
                return plans < 2
                    ? turn.Plan(Steps, 0, skipFrom: 1, failedAt: 0).Build()
                    : OfflinePlannerChatClient.Say($"No expense report was made: no receipt in {intent.Folder.Path} could be read.\n\n{extracted}");
            }

            return plans < 2
                ? turn.Plan(Steps, 1).Build()
                : OfflinePlannerChatClient.Say($"Plan: write {intent.ReportPath} from the {read.Groups[1].Value} receipts read (Summary by category and month, " +
                    $"Receipts, Categories, and the ones to review), then verify it. Nothing changes until you approve.\n\n{extracted}");
        }

        var written = conversation.LastResult(ToolNames.MakeExpenseReport);
        if (written is null)
        {
            return turn.Plan(Steps, 1, inProgress: true).Call(ToolNames.MakeExpenseReport, new() { ["path"] = intent.Folder.Path, ["output"] = ExpenseReportIntent.ReportName }).Build();
        }

        if (!written.StartsWith("Wrote", StringComparison.Ordinal))
        {
            return plans < 4
                ? turn.Plan(Steps, 1, skipFrom: 2, failedAt: 1).Build()
                : OfflinePlannerChatClient.Say($"The expense report could not be written: {written.Split('\n')[0]}");
        }

        var verified = conversation.LastResult(ToolNames.VerifyDocument);
        if (verified is null)
        {
            return turn.Plan(Steps, 2, inProgress: true).Call(ToolNames.VerifyDocument, new() { ["path"] = intent.ReportPath }).Build();
        }

        var passed = verified.StartsWith("PASSED", StringComparison.Ordinal);
        if (plans < 5)
        {
            return turn.Plan(Steps, Steps.Length, failedAt: passed ? null : 2).Build();
        }

        var lines = written.Split('\n');
        var review = lines.Where(l => l.TrimStart().StartsWith("REVIEW", StringComparison.Ordinal)).Select(l => "  " + l.Trim()["REVIEW ".Length..]).ToList();
        var totals = lines.FirstOrDefault(l => l.StartsWith("Read ", StringComparison.Ordinal)) ?? "";
        return OfflinePlannerChatClient.Say(
            (passed ? $"Done. Wrote {intent.ReportPath}." : $"Wrote {intent.ReportPath}, but verification FAILED; do not send it on before fixing it.") +
            $"\n{totals}" +
            (review.Count > 0 ? $"\nNot read, to review by hand (nothing was guessed):\n{string.Join('\n', review)}" : "") +
            $"\n\nVerification:\n{verified}\n\nThe workbook is journaled: `cowork undo` with the task id below removes it.");
    }

    [GeneratedRegex(@"\bexpenses?\s+(report|sheet|claim|summary|spreadsheet|workbook)\b")]
    private static partial Regex ReportWords();

    [GeneratedRegex(@"\b(report|spreadsheet|workbook|expenses?|reimburse\w*)\b")]
    private static partial Regex ReceiptJobWords();

    [GeneratedRegex(@"Read (\d+) receipts")]
    private static partial Regex ReadCount();
}
