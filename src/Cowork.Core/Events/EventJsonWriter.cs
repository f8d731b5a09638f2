using System.Buffers;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cowork;

/// <summary>
/// Writes the events in exactly the form <see cref="EventJson.Options"/> gives them, straight to a
/// <see cref="Utf8JsonWriter"/>: no serializer metadata to build, so the first event of a run costs well under a
/// millisecond instead of the 50-90 ms of generic code the serializer compiles for the event types on first use.
/// </summary>
/// <remarks>
/// The serializer stays the reference: tests compare this writer's output with it for every registered event type.
/// An event this writer does not know (or an enum value without a JSON name) returns <see langword="null"/>, and the
/// caller uses the serializer.
/// </remarks>
internal static class EventJsonWriter
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = EventJson.Options.Encoder,
        Indented = false,
        SkipValidation = true,
    };

    private static readonly EnumNames TaskStates = new(typeof(TaskState));
    private static readonly EnumNames StepStatuses = new(typeof(StepStatus));
    private static readonly EnumNames StopReasons = new(typeof(StopReason));
    private static readonly EnumNames ApprovalKinds = new(typeof(ApprovalKind));
    private static readonly EnumNames FileChangeKinds = new(typeof(FileChangeKind));

    // Property names, in snake_case as the naming policy writes them.
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText TaskId = JsonEncodedText.Encode("task_id");
    private static readonly JsonEncodedText AgentId = JsonEncodedText.Encode("agent_id");
    private static readonly JsonEncodedText Sequence = JsonEncodedText.Encode("sequence");
    private static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");
    private static readonly JsonEncodedText Request = JsonEncodedText.Encode("request");
    private static readonly JsonEncodedText Folders = JsonEncodedText.Encode("folders");
    private static readonly JsonEncodedText Path = JsonEncodedText.Encode("path");
    private static readonly JsonEncodedText Access = JsonEncodedText.Encode("access");
    private static readonly JsonEncodedText Model = JsonEncodedText.Encode("model");
    private static readonly JsonEncodedText State = JsonEncodedText.Encode("state");
    private static readonly JsonEncodedText Agent = JsonEncodedText.Encode("agent");
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText ParentId = JsonEncodedText.Encode("parent_id");
    private static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText Steps = JsonEncodedText.Encode("steps");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText Explanation = JsonEncodedText.Encode("explanation");
    private static readonly JsonEncodedText Index = JsonEncodedText.Encode("index");
    private static readonly JsonEncodedText Turn = JsonEncodedText.Encode("turn");
    private static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText CallId = JsonEncodedText.Encode("call_id");
    private static readonly JsonEncodedText Tool = JsonEncodedText.Encode("tool");
    private static readonly JsonEncodedText Arguments = JsonEncodedText.Encode("arguments");
    private static readonly JsonEncodedText ApprovalId = JsonEncodedText.Encode("approval_id");
    private static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText Subject = JsonEncodedText.Encode("subject");
    private static readonly JsonEncodedText Detail = JsonEncodedText.Encode("detail");
    private static readonly JsonEncodedText Approved = JsonEncodedText.Encode("approved");
    private static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
    private static readonly JsonEncodedText By = JsonEncodedText.Encode("by");
    private static readonly JsonEncodedText Succeeded = JsonEncodedText.Encode("succeeded");
    private static readonly JsonEncodedText Summary = JsonEncodedText.Encode("summary");
    private static readonly JsonEncodedText DurationMs = JsonEncodedText.Encode("duration_ms");
    private static readonly JsonEncodedText InputTokens = JsonEncodedText.Encode("input_tokens");
    private static readonly JsonEncodedText OutputTokens = JsonEncodedText.Encode("output_tokens");
    private static readonly JsonEncodedText CacheReadTokens = JsonEncodedText.Encode("cache_read_tokens");
    private static readonly JsonEncodedText CacheWriteTokens = JsonEncodedText.Encode("cache_write_tokens");
    private static readonly JsonEncodedText Change = JsonEncodedText.Encode("change");
    private static readonly JsonEncodedText FromPath = JsonEncodedText.Encode("from_path");
    private static readonly JsonEncodedText Description = JsonEncodedText.Encode("description");
    private static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");

    /// <summary>The event's JSON, or <see langword="null"/> when the serializer must write it.</summary>
    public static string? TryWrite(TaskEvent taskEvent)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            if (!WriteOwnProperties(writer, taskEvent))
            {
                return null;
            }

            writer.WriteString(TaskId, taskEvent.TaskId);
            writer.WriteString(AgentId, taskEvent.AgentId);
            writer.WriteNumber(Sequence, taskEvent.Sequence);
            writer.WriteString(Timestamp, taskEvent.Timestamp);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The discriminator and the properties the event type declares, in declaration order.</summary>
    private static bool WriteOwnProperties(Utf8JsonWriter writer, TaskEvent taskEvent)
    {
        switch (taskEvent)
        {
            case TaskCreated e:
                writer.WriteString(Type, "task_created");
                writer.WriteString(Request, e.Request);
                writer.WritePropertyName(Folders);
                if (e.Folders is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    writer.WriteStartArray();
                    foreach (var folder in e.Folders)
                    {
                        writer.WriteStartObject();
                        writer.WriteString(Path, folder.Path);
                        writer.WriteNumber(Access, (int)folder.Access);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                }

                writer.WriteString(Model, e.Model);
                return true;
            case TaskStateChanged e:
                writer.WriteString(Type, "task_state_changed");
                return WriteEnum(writer, State, TaskStates[(int)e.State]);
            case AgentStarted e:
                writer.WriteString(Type, "agent_started");
                writer.WritePropertyName(Agent);
                if (e.Agent is null)
                {
                    writer.WriteNullValue();
                    return true;
                }

                writer.WriteStartObject();
                writer.WriteString(Id, e.Agent.Id);
                writer.WriteString(ParentId, e.Agent.ParentId);
                writer.WriteString(Title, e.Agent.Title);
                writer.WriteEndObject();
                return true;
            case PlanUpdated e:
                writer.WriteString(Type, "plan_updated");
                writer.WritePropertyName(Steps);
                if (e.Steps is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    writer.WriteStartArray();
                    foreach (var step in e.Steps)
                    {
                        writer.WriteStartObject();
                        writer.WriteString(Title, step.Title);
                        if (!WriteEnum(writer, Status, StepStatuses[(int)step.Status]))
                        {
                            return false;
                        }

                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                }

                writer.WriteString(Explanation, e.Explanation);
                return true;
            case StepStarted e:
                writer.WriteString(Type, "step_started");
                writer.WriteNumber(Index, e.Index);
                writer.WriteString(Title, e.Title);
                return true;
            case StepFinished e:
                writer.WriteString(Type, "step_finished");
                writer.WriteNumber(Index, e.Index);
                writer.WriteString(Title, e.Title);
                return WriteEnum(writer, Status, StepStatuses[(int)e.Status]);
            case ModelCallStarted e:
                writer.WriteString(Type, "model_call_started");
                writer.WriteNumber(Turn, e.Turn);
                return true;
            case AssistantText e:
                writer.WriteString(Type, "assistant_text");
                writer.WriteString(Text, e.Text);
                return true;
            case ToolCallRequested e:
                writer.WriteString(Type, "tool_call_requested");
                writer.WriteString(CallId, e.CallId);
                writer.WriteString(Tool, e.Tool);
                writer.WriteString(Arguments, e.Arguments);
                return true;
            case ApprovalRequested e:
                writer.WriteString(Type, "approval_requested");
                writer.WriteString(ApprovalId, e.ApprovalId);
                if (!WriteEnum(writer, Kind, ApprovalKinds[(int)e.Kind]))
                {
                    return false;
                }

                writer.WriteString(Subject, e.Subject);
                writer.WriteString(Detail, e.Detail);
                return true;
            case ApprovalAnswered e:
                writer.WriteString(Type, "approval_answered");
                writer.WriteString(ApprovalId, e.ApprovalId);
                writer.WriteBoolean(Approved, e.Approved);
                writer.WriteString(Reason, e.Reason);
                return true;
            case ToolCallApproved e:
                writer.WriteString(Type, "tool_call_approved");
                writer.WriteString(CallId, e.CallId);
                writer.WriteString(Tool, e.Tool);
                writer.WriteString(By, e.By);
                return true;
            case ToolCallDenied e:
                writer.WriteString(Type, "tool_call_denied");
                writer.WriteString(CallId, e.CallId);
                writer.WriteString(Tool, e.Tool);
                writer.WriteString(Reason, e.Reason);
                return true;
            case ToolCallStarted e:
                writer.WriteString(Type, "tool_call_started");
                writer.WriteString(CallId, e.CallId);
                writer.WriteString(Tool, e.Tool);
                return true;
            case ToolCallFinished e:
                writer.WriteString(Type, "tool_call_finished");
                writer.WriteString(CallId, e.CallId);
                writer.WriteString(Tool, e.Tool);
                writer.WriteBoolean(Succeeded, e.Succeeded);
                writer.WriteString(Summary, e.Summary);
                writer.WriteNumber(DurationMs, e.DurationMs);
                return true;
            case UsageReported e:
                writer.WriteString(Type, "usage");
                writer.WriteString(Model, e.Model);
                writer.WriteNumber(InputTokens, e.InputTokens);
                writer.WriteNumber(OutputTokens, e.OutputTokens);
                writer.WriteNumber(CacheReadTokens, e.CacheReadTokens);
                writer.WriteNumber(CacheWriteTokens, e.CacheWriteTokens);
                return true;
            case FileChanged e:
                writer.WriteString(Type, "file_changed");
                if (!WriteEnum(writer, Change, FileChangeKinds[(int)e.Change]))
                {
                    return false;
                }

                writer.WriteString(Path, e.Path);
                writer.WriteString(FromPath, e.FromPath);
                return true;
            case DeliverableAdded e:
                writer.WriteString(Type, "deliverable");
                writer.WriteString(Path, e.Path);
                writer.WriteString(Description, e.Description);
                return true;
            case Warning e:
                writer.WriteString(Type, "warning");
                writer.WriteString(Message, e.Message);
                return true;
            case TaskFinished e:
                writer.WriteString(Type, "task_finished");
                if (!WriteEnum(writer, State, TaskStates[(int)e.State]) || !WriteEnum(writer, Reason, StopReasons[(int)e.Reason]))
                {
                    return false;
                }

                writer.WriteString(Message, e.Message);
                return true;
            default:
                return false;
        }
    }

    private static bool WriteEnum(Utf8JsonWriter writer, JsonEncodedText property, string? name)
    {
        if (name is null)
        {
            return false;
        }

        writer.WriteString(property, name);
        return true;
    }

    /// <summary>The JSON names of an enum's values, read once from their <see cref="JsonStringEnumMemberNameAttribute"/>.</summary>
    private sealed class EnumNames
    {
        private readonly string?[] _names;

        public EnumNames(Type enumType)
        {
            var fields = enumType.GetFields(BindingFlags.Public | BindingFlags.Static);
            var values = fields.Select(f => Convert.ToInt32(f.GetRawConstantValue(), CultureInfo.InvariantCulture)).ToArray();
            _names = new string?[values.Length == 0 ? 0 : Math.Max(0, values.Max()) + 1];
            for (var i = 0; i < fields.Length; i++)
            {
                if (values[i] >= 0 && fields[i].GetCustomAttribute<JsonStringEnumMemberNameAttribute>() is { } attribute)
                {
                    _names[values[i]] = attribute.Name;
                }
            }
        }

        /// <summary>The name of a value; <see langword="null"/> for a value without one.</summary>
        public string? this[int value] => (uint)value < (uint)_names.Length ? _names[value] : null;
    }
}
