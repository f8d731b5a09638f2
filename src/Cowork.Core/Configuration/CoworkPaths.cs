namespace Cowork;

/// <summary>Where Cowork keeps its data and reads its config.</summary>
/// <remarks>
/// <c>COWORK_HOME</c> overrides both (data in it, config at <c>COWORK_HOME/config.json</c>): tests and portable
/// installs use it. Otherwise data follows XDG on Linux (<c>~/.local/share/cowork</c>), config <c>~/.config/cowork/config.json</c>;
/// on Windows both live under %APPDATA%\Cowork; on macOS under ~/Library/Application Support/Cowork.
/// </remarks>
public sealed record CoworkPaths(string Home, string ConfigFile)
{
    public string TasksDirectory => Path.Combine(Home, "tasks");

    public string TaskDirectory(string taskId) => Path.Combine(TasksDirectory, taskId);

    public static CoworkPaths Resolve(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? Get(string name) => environment(name) is { Length: > 0 } value ? value : null;

        if (Get("COWORK_HOME") is { } home)
        {
            var full = Path.GetFullPath(home);
            return new CoworkPaths(full, Path.Combine(full, "config.json"));
        }

        var user = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsWindows())
        {
            var appData = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "Cowork");
            return new CoworkPaths(appData, Path.Combine(appData, "config.json"));
        }

        if (OperatingSystem.IsMacOS())
        {
            var support = Path.Combine(user, "Library", "Application Support", "Cowork");
            return new CoworkPaths(support, Path.Combine(support, "config.json"));
        }

        var data = Path.Combine(Get("XDG_DATA_HOME") ?? Path.Combine(user, ".local", "share"), "cowork");
        var config = Path.Combine(Get("XDG_CONFIG_HOME") ?? Path.Combine(user, ".config"), "cowork", "config.json");
        return new CoworkPaths(data, config);
    }
}
