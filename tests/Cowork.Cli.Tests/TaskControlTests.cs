using System.Diagnostics;
using Cowork.Storage;

namespace Cowork.Cli.Tests;

/// <summary>
/// A task in the background and the commands that reach it from other processes: attach (with the plan approval
/// answered there), pause and continue, cancel; and directions typed into the live view.
/// </summary>
public sealed class TaskControlTests : IAsyncDisposable
{
    private readonly TempFolder _temp = new();
    private NotesTask? _notes;

    private NotesTask Loop => _notes ?? throw new InvalidOperationException("No task set up.");

    public async ValueTask DisposeAsync()
    {
        if (_notes is not null)
        {
            await _notes.DisposeAsync();
        }

        _temp.Dispose();
    }

    [Fact]
    public async Task A_detached_task_waits_for_approval_that_attach_gives_then_attach_follows_it_to_the_end()
    {
        _notes = new NotesTask(6, TimeSpan.FromMilliseconds(20));
        var started = await Loop.CoworkAsync(["run", "Write the notes", "--folder", Loop.Folder, "--detach"]);
        Assert.True(started.ExitCode == 0, started.Output);
        Assert.Contains("running in the background", started.Output, StringComparison.Ordinal);
        var taskId = Loop.LastTaskId();
        await WaitForAsync(taskId, t => t.State == TaskState.AwaitingApproval);

        var attach = Attach(answer: "y\n");
        var exit = await attach.InvokeAsync("attach", taskId);

        Assert.True(exit == 0, attach.Output.ToString());
        Assert.Contains("Approve the plan", attach.Output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Done: wrote 6 notes.", attach.Output.ToString(), StringComparison.Ordinal);
        Loop.AssertNotesWrittenOnce(6);
    }

    [Fact]
    public async Task Pause_stops_a_background_task_at_its_next_turn_and_continue_finishes_it()
    {
        _notes = new NotesTask(20, TimeSpan.FromMilliseconds(400));
        var started = await Loop.CoworkAsync(["run", "Write the notes", "--folder", Loop.Folder, "--detach", "--yes"]);
        Assert.True(started.ExitCode == 0, started.Output);
        var taskId = Loop.LastTaskId();
        await WaitForAsync(taskId, t => t.Changes.Count >= 1);

        var pause = await Loop.CoworkAsync(["pause", taskId]);
        Assert.True(pause.ExitCode == 0, pause.Output + BackgroundLog(taskId));
        var paused = await WaitForAsync(taskId, t => t.StopReason is not null);
        Assert.Equal(TaskState.Paused, paused.State);
        Assert.Equal(StopReason.Paused, paused.StopReason);
        await WaitForExitAsync(taskId);
        Assert.True(Loop.VisibleFiles().Count < 20);

        var again = await Loop.CoworkAsync(["pause", taskId]);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("not running", again.Output, StringComparison.Ordinal);

        var resumed = await Loop.CoworkAsync(["continue", taskId]);
        Assert.True(resumed.ExitCode == 0, resumed.Output);
        Loop.AssertNotesWrittenOnce(20);
    }

    [Fact]
    public async Task Cancel_stops_a_running_task_and_marks_an_interrupted_one_and_a_cancelled_task_takes_no_more()
    {
        _notes = new NotesTask(30, TimeSpan.FromMilliseconds(300));
        var started = await Loop.CoworkAsync(["run", "Write the notes", "--folder", Loop.Folder, "--detach", "--yes"]);
        Assert.True(started.ExitCode == 0, started.Output);
        var running = Loop.LastTaskId();
        await WaitForAsync(running, t => t.Changes.Count >= 1);

        var cancel = await Loop.CoworkAsync(["cancel", running]);
        Assert.True(cancel.ExitCode == 0, cancel.Output);
        var cancelled = await WaitForAsync(running, t => t.StopReason is not null);
        Assert.Equal(TaskState.Cancelled, cancelled.State);
        Assert.Equal(StopReason.Cancelled, cancelled.StopReason);

        var (interrupted, exit) = await Loop.RunAsync(["run", "Write the notes", "--folder", Loop.Folder, "--yes", "--json"], killAfterEvents: 15, new Random(3));
        Assert.Equal(137, exit);
        var marked = await Loop.CoworkAsync(["cancel", interrupted]);
        Assert.True(marked.ExitCode == 0, marked.Output);
        using (var store = TaskStore.Open(Loop.Home))
        {
            Assert.Equal(TaskState.Cancelled, store.GetTask(interrupted)!.State);
        }

        var late = await Loop.CoworkAsync(["cancel", interrupted]);
        Assert.Equal(2, late.ExitCode);
        Assert.Contains("has ended", late.Output, StringComparison.Ordinal);
        var unknown = await Loop.CoworkAsync(["steer", "20200101-000000-0000", "hello"]);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no task", unknown.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Words_typed_into_the_live_view_after_the_approval_reach_the_model_as_a_direction()
    {
        _notes = new NotesTask(6, TimeSpan.FromMilliseconds(150));
        var cli = new CliRun(_temp, interactive: true, canPrompt: true)
            .Env("COWORK_HOME", Loop.Home)
            .Env("COWORK_MODEL", "anthropic:claude-loopback")
            .Env("ANTHROPIC_API_KEY", "test-key")
            .Env("ANTHROPIC_BASE_URL", Loop.Server.BaseUrl);

        // The first keys answer the plan prompt; what follows, typed while the plan runs, is a direction.
        cli.Console.Input.PushTextWithEnter("y");
        cli.Console.Input.PushTextWithEnter("Only look at the PDFs");
        var exit = await cli.InvokeAsync("run", "Write the notes", "--folder", Loop.Folder);

        Assert.True(exit == 0, cli.Console.Output);
        Loop.AssertNotesWrittenOnce(6);
        using var store = TaskStore.Open(Loop.Home);
        var events = store.ReadEvents(store.ListTasks(1).Single().Id);
        Assert.Contains(events, e => e is SteeringReceived { Message: "Only look at the PDFs" });
        Assert.Contains(Loop.Server.Requests, r => r.Body.Contains("Only look at the PDFs", StringComparison.Ordinal));
    }

    /// <summary>An in-process cowork on the task's home, answering prompts with <paramref name="answer"/>.</summary>
    private CliRun Attach(string answer) => new CliRun(_temp, canPrompt: true) { InputText = answer }.Env("COWORK_HOME", Loop.Home);

    private string BackgroundLog(string taskId)
    {
        var log = Path.Combine(CoworkPaths.Resolve(name => name == "COWORK_HOME" ? Loop.Home : null).TaskDirectory(taskId), "background.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no background log)";
    }

    /// <summary>Polls the store until the task matches; a minute at most.</summary>
    private async Task<CoworkTask> WaitForAsync(string taskId, Func<CoworkTask, bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using (var store = TaskStore.Open(Loop.Home))
            {
                if (store.LoadTask(taskId) is { } task && condition(task))
                {
                    return task;
                }
            }

            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), $"Task {taskId} never reached the expected state.");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until no process holds the task's lock.</summary>
    private async Task WaitForExitAsync(string taskId)
    {
        var folder = CoworkPaths.Resolve(name => name == "COWORK_HOME" ? Loop.Home : null).TaskDirectory(taskId);
        var clock = Stopwatch.StartNew();
        while (TaskLock.IsHeld(folder))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), $"Task {taskId} is still running.");
            await Task.Delay(50);
        }
    }
}
