namespace Cowork.Cli;

/// <summary>The documented exit codes of <c>cowork</c>.</summary>
internal static class ExitCodes
{
    public const int Done = 0;
    public const int TaskFailed = 1;
    public const int BadUsage = 2;
    public const int ApprovalNeeded = 3;
    public const int Cancelled = 130;

    public static int For(CoworkTask task) => task.StopReason switch
    {
        StopReason.Finished => Done,
        StopReason.ApprovalUnavailable => ApprovalNeeded,
        StopReason.Cancelled or StopReason.PlanRejected => Cancelled,
        _ => TaskFailed,
    };
}
