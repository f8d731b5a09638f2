using System.ComponentModel;
using System.Text;

namespace Cowork.Files;

/// <summary>The tools that make one change each, journaled.</summary>
internal sealed class ChangingTools(Workspace workspace)
{
    private FileChanges Changes => workspace.Changes ?? throw new ToolException("This task cannot change files.");

    public string WriteFile(
        [Description("The file to write.")] string path,
        [Description("The full text content.")] string content,
        [Description("Replace an existing file.")] bool overwrite = false)
    {
        var file = workspace.Resolve(path, forWriting: true);
        Changes.Write(file, Encoding.UTF8.GetBytes(content ?? ""), overwrite);
        return $"Wrote {file.FullPath} ({Encoding.UTF8.GetByteCount(content ?? "")} bytes).";
    }

    public string MovePath(
        [Description("What to move or rename.")] string from,
        [Description("The new path (not an existing one).")] string to)
    {
        var source = workspace.Resolve(from, forWriting: true);
        var target = workspace.Resolve(to, forWriting: true);
        Changes.Move(source, target);
        return $"Moved {source.FullPath} to {target.FullPath}.";
    }

    public string CopyFile(
        [Description("The file to copy.")] string from,
        [Description("The new file's path.")] string to)
    {
        var source = workspace.Resolve(from);
        var target = workspace.Resolve(to, forWriting: true);
        Changes.Copy(source, target);
        return $"Copied {source.FullPath} to {target.FullPath}.";
    }

    public string MakeFolder([Description("The folder to make.")] string path)
    {
        var folder = workspace.Resolve(path, forWriting: true);
        Changes.MakeFolders(folder);
        return $"Made {folder.FullPath}.";
    }

    public string DeleteFile([Description("The file to delete.")] string path)
    {
        var file = workspace.Resolve(path, forWriting: true);
        Changes.Delete(file);
        return $"Deleted {file.FullPath} (kept in Cowork's trash; undo restores it).";
    }
}
