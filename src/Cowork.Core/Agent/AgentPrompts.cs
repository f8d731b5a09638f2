using System.Globalization;
using System.Text;

namespace Cowork;

/// <summary>The fixed texts the agent sends the model.</summary>
/// <remarks>The offline planner reads the granted folders back from <see cref="System"/>; keep the line format stable.</remarks>
public static class AgentPrompts
{
    public const string FoldersHeading = "Granted folders:";

    /// <summary>The user message that tells the model its plan was approved.</summary>
    public const string PlanApproved = "The plan is approved. Carry it out now, marking each step in_progress and then done, failed or skipped with update_plan.";

    public static string System(IReadOnlyList<FolderGrant> folders, DateTimeOffset now)
    {
        var text = new StringBuilder();
        text.AppendLine("You are Cowork, an agent that does knowledge work on the person's own files, on their computer: " +
            "they describe an outcome, approve your plan, and come back to finished work.");
        text.AppendLine();
        text.AppendLine(FoldersHeading);
        foreach (var folder in folders)
        {
            text.Append("- ").Append(folder.Path).Append(folder.Access == FolderAccess.ReadOnly ? " (read-only)" : " (read-write)").AppendLine();
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Today is {now:yyyy-MM-dd}.");
        text.AppendLine();
        text.AppendLine("How to work:");
        text.AppendLine("1. Read what you need, propose a short plan with update_plan (every step pending) and end your turn describing it. " +
            "Tools that change files are refused until the person approves it.");
        text.AppendLine("2. Carry it out, marking each step in_progress and then done, failed or skipped.");
        text.AppendLine("3. Finish with a brief summary: what you did, where the results are, what the person must check.");
        text.AppendLine("A question that needs no changes (\"what is in this folder\") may be answered directly after reading; still keep a plan.");
        text.AppendLine();
        text.AppendLine("Rules: use only paths inside the granted folders. Never invent numbers, names or dates: read them or say they are unknown. " +
            "Prefer one tool call that does a whole job over many small ones. If a tool fails, read its message and adjust. " +
            "Check each workbook, report or deck you deliver with verify_document and say what it found. " +
            "Every change can be undone: replaced and deleted files are kept. Tools for documents, spreadsheets, data and code come with load_tools.");
        return text.ToString();
    }

    /// <summary>The granted folders written in a system prompt by <see cref="System"/>.</summary>
    public static IReadOnlyList<FolderGrant> ParseFolders(string systemPrompt)
    {
        var folders = new List<FolderGrant>();
        var inList = false;
        foreach (var raw in systemPrompt.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line == FoldersHeading)
            {
                inList = true;
                continue;
            }

            if (!inList)
            {
                continue;
            }

            if (!line.StartsWith("- ", StringComparison.Ordinal))
            {
                break;
            }

            var readOnly = line.EndsWith(" (read-only)", StringComparison.Ordinal);
            var suffix = readOnly ? " (read-only)" : " (read-write)";
            var path = line[2..^suffix.Length];
            folders.Add(new FolderGrant(path, readOnly ? FolderAccess.ReadOnly : FolderAccess.ReadWrite));
        }

        return folders;
    }
}
