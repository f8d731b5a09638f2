using System.Reflection;
using System.Text.Json.Serialization;

namespace Cowork.Storage;

/// <summary>The names the store writes for event types and enums: the same snake_case names as the JSON contract.</summary>
internal static class StoredNames
{
    private static readonly Dictionary<Type, string> EventTypes = typeof(TaskEvent)
        .GetCustomAttributes<JsonDerivedTypeAttribute>(inherit: false)
        .Where(a => a.TypeDiscriminator is string)
        .ToDictionary(a => a.DerivedType, a => (string)a.TypeDiscriminator!);

    /// <summary>The <c>type</c> discriminator of the event, as in its JSON.</summary>
    public static string EventType(TaskEvent taskEvent) =>
        EventTypes.TryGetValue(taskEvent.GetType(), out var name) ? name : taskEvent.GetType().Name;

    public static string Of(TaskState state) => EnumNames<TaskState>.ToName[state];

    public static string Of(StopReason reason) => EnumNames<StopReason>.ToName[reason];

    public static string Of(ControlKind kind) => kind.ToString().ToLowerInvariant();

    public static ControlKind ParseControlKind(string name, string databasePath) =>
        Enum.TryParse<ControlKind>(name, ignoreCase: true, out var kind)
            ? kind
            : throw new StoreException(StoreErrorKind.Unreadable, databasePath,
                $"The task store {databasePath} holds a request of kind '{name}', which this version of Cowork does not know; update Cowork.");

    public static TaskState ParseState(string name, string databasePath) => EnumNames<TaskState>.Parse(name, databasePath);

    public static StopReason ParseStopReason(string name, string databasePath) => EnumNames<StopReason>.Parse(name, databasePath);

    private static class EnumNames<T>
        where T : struct, Enum
    {
        public static readonly Dictionary<T, string> ToName = typeof(T)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToDictionary(
                f => (T)f.GetValue(null)!,
                f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name);

        private static readonly Dictionary<string, T> FromName = ToName.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

        public static T Parse(string name, string databasePath) =>
            FromName.TryGetValue(name, out var value)
                ? value
                : throw new StoreException(
                    StoreErrorKind.Unreadable,
                    databasePath,
                    $"The task store {databasePath} holds the {typeof(T).Name} '{name}', which this version of Cowork does not know; update Cowork.");
    }
}
