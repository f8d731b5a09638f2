namespace Cowork;

/// <summary>An everyday request the offline planner understood, with its parameters filled in.</summary>
internal abstract record RequestIntent(FolderGrant Folder);

/// <summary>"What is in this folder?"</summary>
internal sealed record DescribeFolderIntent(FolderGrant Folder) : RequestIntent(Folder);

/// <summary>"Find duplicates" (a report only): nothing changes, so no approval is needed.</summary>
internal sealed record FindDuplicatesIntent(FolderGrant Folder) : RequestIntent(Folder);

/// <summary>
/// A whole job on a folder's files that is previewed (the tool's dry run), approved, carried out and checked:
/// organize, rename, move duplicates aside.
/// </summary>
internal abstract record PreviewedJobIntent(FolderGrant Folder) : RequestIntent(Folder)
{
    /// <summary>The tool that previews and does the job.</summary>
    public abstract string Tool { get; }

    /// <summary>The job's plan step, e.g. "Move the files into type folders".</summary>
    public abstract string Step { get; }

    /// <summary>What the job will do, for the plan's summary: "move 16 files in … into type folders".</summary>
    public abstract string Describe(int count);

    public abstract Dictionary<string, object?> Arguments(bool dryRun);
}

/// <summary>"Organize my Downloads by type and date."</summary>
internal sealed record OrganizeFolderIntent(FolderGrant Folder, OrganizeScheme Scheme) : PreviewedJobIntent(Folder)
{
    public override string Tool => ToolNames.OrganizeFolder;

    private string Target => Scheme switch
    {
        OrganizeScheme.Date => "year and month folders",
        OrganizeScheme.TypeThenDate => "type folders, then year and month",
        _ => "type folders (Images, Documents, …)",
    };

    public override string Step => $"Move the files into {Target}";

    public override string Describe(int count) => $"move {count} files in {Folder.Path} into {Target}";

    public override Dictionary<string, object?> Arguments(bool dryRun) => new()
    {
        ["path"] = Folder.Path,
        ["by"] = Scheme switch { OrganizeScheme.Date => "date", OrganizeScheme.TypeThenDate => "type_then_date", _ => "type" },
        ["dry_run"] = dryRun,
    };
}

/// <summary>"Rename these photos YYYY-MM-DD."</summary>
internal sealed record RenameFilesIntent(FolderGrant Folder, string Pattern, string Match, string LetterCase) : PreviewedJobIntent(Folder)
{
    public override string Tool => ToolNames.RenameFiles;

    public override string Step => LetterCase == "keep" ? $"Rename the files to \"{Pattern}\"" : $"Rename the files ({LetterCase} case)";

    public override string Describe(int count) => $"rename {count} files in {Folder.Path} to \"{Pattern}\"{(LetterCase == "keep" ? "" : $", {LetterCase} case")}";

    public override Dictionary<string, object?> Arguments(bool dryRun) => new()
    {
        ["path"] = Folder.Path,
        ["pattern"] = Pattern,
        ["match"] = Match,
        ["letter_case"] = LetterCase,
        ["dry_run"] = dryRun,
    };
}

/// <summary>"Move the duplicates aside."</summary>
internal sealed record MoveDuplicatesIntent(FolderGrant Folder) : PreviewedJobIntent(Folder)
{
    public const string AsideFolder = "Duplicates";

    public override string Tool => ToolNames.FindDuplicates;

    public override string Step => $"Move the copies into {AsideFolder}";

    public override string Describe(int count) => $"move {count} duplicate copies in {Folder.Path} into {AsideFolder} (the oldest of each stays)";

    public override Dictionary<string, object?> Arguments(bool dryRun) => new()
    {
        ["path"] = Folder.Path,
        ["move_to"] = AsideFolder,
        ["dry_run"] = dryRun,
    };
}
