namespace Cowork;

/// <summary>"Make a presentation from my meeting notes", "write a report from these notes".</summary>
/// <param name="Source">The notes: the folder, or the one notes file the request names.</param>
/// <param name="Report">A Word report; else a deck.</param>
internal sealed record NotesJobIntent(FolderGrant Folder, string Source, bool Report) : RequestIntent(Folder)
{
    public string Kind => Report ? "report" : "deck";

    public string CreateTool => Report ? ToolNames.CreateDocument : ToolNames.CreatePresentation;
}
