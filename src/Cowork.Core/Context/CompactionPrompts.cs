using System.Text;
using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>The texts of a compaction: the request for a model-written summary, and the summary as the model then sees it.</summary>
internal static class CompactionPrompts
{
    private const int ResultChars = 600;
    private const int TextChars = 2_000;

    public const string SummarizerSystem =
        "You maintain the working memory of a long-running agent task. Older turns of the conversation are being removed to save " +
        "context; your summary is all the agent will keep of them. Write plain text, no preamble. Keep: the person's instructions " +
        "and any change of direction, the plan and where it stands, the decisions taken and why, every file and folder touched " +
        "(exact paths) and what was done to it, facts and numbers found that later steps need, and what failed. Drop chatter and " +
        "raw file contents that later steps do not need.";

    /// <summary>The request that extends <paramref name="previous"/> with <paramref name="turns"/> (from <see cref="Transcript"/>).</summary>
    public static List<ChatMessage> Extend(string previous, IEnumerable<string> turns, int maxChars)
    {
        var text = new StringBuilder();
        if (previous.Length > 0)
        {
            text.AppendLine("The summary so far:").AppendLine(previous).AppendLine();
        }

        text.AppendLine("The turns to fold into it:");
        foreach (var turn in turns)
        {
            text.Append(turn);
        }

        text.AppendLine().Append(System.Globalization.CultureInfo.InvariantCulture, $"Write the updated summary, at most {maxChars:N0} characters.");
        return [new(ChatRole.System, SummarizerSystem), new(ChatRole.User, text.ToString())];
    }

    /// <summary>A message as the summarizer reads it: its text, its calls, and the start of each result.</summary>
    public static string Transcript(ChatMessage message)
    {
        var text = new StringBuilder();
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent { Text.Length: > 0 } said:
                    text.Append('[').Append(message.Role.Value).Append("] ").AppendLine(Cut(said.Text, TextChars));
                    break;
                case FunctionCallContent call:
                    text.Append("[tool call ").Append(call.CallId).Append("] ").Append(call.Name).Append(' ')
                        .AppendLine(Cut(TokenEstimate.Arguments(call), TextChars));
                    break;
                case FunctionResultContent result:
                    text.Append("[tool result ").Append(result.CallId).Append("] ").AppendLine(Cut(TokenEstimate.ResultText(result.Result), ResultChars));
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>The user message that stands for the compacted turns; its first block is stable until the next compaction.</summary>
    public static string Summary(int messages, string summary) =>
        $"[Context summary] The earlier part of this task ({messages:N0} messages) was compacted to save context; the full record " +
        $"stays in the task's log. What happened in it:\n{summary}";

    public static string PlanState(Plan plan)
    {
        var text = new StringBuilder("[Plan] The plan as it stands now:\n");
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            text.Append(i + 1).Append(". [").Append(plan.Steps[i].Status == StepStatus.InProgress ? "in_progress" : plan.Steps[i].Status.ToString().ToLowerInvariant()).Append("] ").AppendLine(plan.Steps[i].Title);
        }

        return text.ToString().TrimEnd();
    }

    private static string Cut(string text, int max) => text.Length > max ? string.Concat(text.AsSpan(0, max), $" … [{text.Length - max:N0} more characters]") : text;
}
