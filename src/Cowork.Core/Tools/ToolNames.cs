namespace Cowork;

/// <summary>
/// The names of the built-in tools, in one place: the toolsets register them, the offline planner calls them,
/// and people name them in permission settings.
/// </summary>
public static class ToolNames
{
    public const string UpdatePlan = "update_plan";
    public const string ListFolder = "list_folder";
    public const string ReadFile = "read_file";
    public const string OrganizeFolder = "organize_folder";
}
