using Microsoft.Extensions.AI;

namespace Cowork.Tests;

/// <summary>Runs a task through <see cref="AgentRunner"/> with test defaults and records its events.</summary>
internal static class TestRun
{
    public static IReadOnlyList<FolderGrant> Folders { get; } = [new FolderGrant(Path.Combine(Path.GetTempPath(), "cowork-tests", "work"), FolderAccess.ReadWrite)];

    /// <summary>Options with retry waits of a millisecond, so retry tests stay fast.</summary>
    public static AgentOptions Options(int maxTurns = 40, PermissionPolicy? permissions = null, int maxAttempts = 5) => new()
    {
        MaxTurns = maxTurns,
        Permissions = permissions ?? new PermissionPolicy(),
        Retry = new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5), MaxAttempts = maxAttempts },
    };

    public static async Task<(CoworkTask Task, EventRecorder Events)> RunAsync(
        IChatClient client,
        ModelSpec model,
        IEnumerable<IToolset>? toolsets = null,
        IApprovalHandler? approvals = null,
        AgentOptions? options = null,
        string request = "Answer the question.",
        CancellationToken cancellationToken = default)
    {
        var hub = new TaskEventHub($"t-{Guid.NewGuid():N}");
        var recorder = new EventRecorder();
        hub.Subscribe(recorder);
        var runner = new AgentRunner(client, toolsets ?? [], approvals ?? TestApprovals.Yes(), options ?? Options());
        var dataDir = Path.Combine(Path.GetTempPath(), "cowork-tests", hub.TaskId);
        var task = await runner.RunAsync(new TaskRequest(request, Folders, model, dataDir), hub, cancellationToken: cancellationToken);
        return (task, recorder);
    }

    /// <summary>A token that ends a test that would otherwise hang; the task then ends Cancelled and the test fails on its state.</summary>
    public static CancellationTokenSource Watchdog() => new(TimeSpan.FromSeconds(30));
}
