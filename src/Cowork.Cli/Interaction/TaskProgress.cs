namespace Cowork.Cli.Interaction;

/// <summary>What the live view shows, kept current from events. Thread-safe: events arrive on the task's threads, rendering reads on the UI loop.</summary>
internal sealed class TaskProgress(TimeProvider time)
{
    private const int TextTailChars = 600;
    private readonly Lock _gate = new();
    private readonly long _started = time.GetTimestamp();
    private IReadOnlyList<PlanStep> _plan = [];
    private string _text = "";
    private (string Tool, string Arguments, long Started)? _tool;
    private int _turn;
    private long _inputTokens;
    private long _outputTokens;
    private string? _lastWarning;
    private string? _lastDirection;
    private string _typed = "";
    private string _output = "";
    private string? _context;
    private bool _running;

    public void Apply(TaskEvent taskEvent)
    {
        lock (_gate)
        {
            switch (taskEvent)
            {
                case PlanUpdated plan when plan.AgentId == AgentInfo.MainId:
                    _plan = plan.Steps;
                    break;
                case ModelCallStarted call:
                    _turn = call.Turn;
                    break;
                case AssistantText text:
                    _text = Append(_text, text.Text);
                    break;
                case ToolCallStarted started:
                    // Time the run itself, not the wait for approval; keep the arguments from the request.
                    _tool = (started.Tool, _tool?.Tool == started.Tool ? _tool.Value.Arguments : "", time.GetTimestamp());
                    break;
                case ToolCallRequested requested:
                    _text = "";
                    _tool = (requested.Tool, requested.Arguments, time.GetTimestamp());
                    break;
                case ToolCallFinished:
                    _tool = null;
                    _output = "";
                    break;
                case ToolOutput output:
                    // What code prints while it runs, its last lines only.
                    _output = Append(_output, output.Text);
                    break;
                case ContextCompacted compacted:
                    _context = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"the first {compacted.Covered:N0} messages are sent as a summary (about {compacted.TokensBefore:N0} → {compacted.TokensAfter:N0} tokens a request)");
                    break;
                case UsageReported usage:
                    _inputTokens += usage.InputTokens;
                    _outputTokens += usage.OutputTokens;
                    break;
                case Warning warning:
                    _lastWarning = warning.Message;
                    break;
                case TaskStateChanged changed:
                    _running = changed.State == TaskState.Running;
                    break;
                case TaskFinished:
                    _running = false;
                    break;
                case SteeringReceived steering:
                    _lastDirection = steering.Message;
                    break;
            }
        }
    }

    /// <summary>The text with more appended, cut to its tail once it grows past twice what is shown.</summary>
    private static string Append(string text, string more)
    {
        text += more;
        return text.Length > TextTailChars * 2 ? text[^TextTailChars..] : text;
    }

    /// <summary>The approved plan is being carried out: the time for directions (before it, keys answer the approval prompt).</summary>
    public bool Running
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    /// <summary>What the person is typing into the live view: a direction for the model, sent with Enter.</summary>
    public string Typed
    {
        get
        {
            lock (_gate)
            {
                return _typed;
            }
        }

        set
        {
            lock (_gate)
            {
                _typed = value;
            }
        }
    }

    public Snapshot Read()
    {
        lock (_gate)
        {
            var tail = _text.Length > TextTailChars ? "…" + _text[^TextTailChars..] : _text;
            return new Snapshot(_plan, tail.Trim(), _tool is { } t ? (t.Tool, t.Arguments, time.GetElapsedTime(t.Started)) : null,
                time.GetElapsedTime(_started), _turn, _inputTokens, _outputTokens, _lastWarning, _lastDirection, _typed, _output.TrimEnd(), _context);
        }
    }

    public sealed record Snapshot(
        IReadOnlyList<PlanStep> Plan,
        string TextTail,
        (string Tool, string Arguments, TimeSpan Elapsed)? Tool,
        TimeSpan Elapsed,
        int Turn,
        long InputTokens,
        long OutputTokens,
        string? LastWarning,
        string? LastDirection = null,
        string Typed = "",
        string ToolOutput = "",
        string? Context = null);
}
