namespace Cowork.Cli.Interaction;

/// <summary>What the views say when an approval cannot be asked for.</summary>
internal static class Approvals
{
    public static string NobodyToAsk(ApprovalRequest request) => request.Kind == ApprovalKind.Plan
        ? "The plan needs your approval and there is no terminal to ask in: re-run with --yes to approve it, or run in a terminal."
        : $"'{request.Subject}' needs your approval and there is no terminal to ask in: allow the tool in the config file's permissions, or run in a terminal.";
}
