using System.Text.RegularExpressions;

namespace Cowork;

/// <summary>Recognizes the everyday requests the offline planner serves, in ordinary wording.</summary>
internal static partial class RequestIntentParser
{
    /// <summary>The intent, or <see langword="null"/> when the request is not one the planner knows.</summary>
    /// <exception cref="ToolException">The request is understood but the grants do not allow it; the message says why.</exception>
    public static RequestIntent? Parse(string request, IReadOnlyList<FolderGrant> folders)
    {
        // A data file to analyze is named in the request; the folder jobs below refuse named files.
        if (AnalysisPlan.Parse(request, folders) is { } analysis)
        {
            return analysis;
        }

        var text = request.ToLowerInvariant();
        if (ExpenseReportPlan.IsRequest(text))
        {
            return folders.Count == 0
                ? throw new ToolException("No folder is granted to this task. Grant the folder with the receipts with --folder DIR and ask again.")
                : new ExpenseReportIntent(Writable(NamedFolder(text, folders), folders, "the expense report cannot be written there"));
        }

        if (NotesPlan.Recognize(request, folders) is { } notes)
        {
            return notes;
        }

        // Every job acts on a folder's files as a whole: a request must say so ("this folder", "my downloads",
        // "the files", "duplicates", a granted folder's name), and must not be about one file ("sort the rows of budget.xlsx").
        var duplicates = DuplicateWords().IsMatch(text);
        var aboutFiles = duplicates || FolderWords().IsMatch(text) || NamedFolder(text, folders) is not null;
        if (!aboutFiles || NamedFile().IsMatch(text))
        {
            return null;
        }

        var rename = RenameWords().IsMatch(text);
        var organize = OrganizeWords().IsMatch(text);
        var describe = DescribeWords().IsMatch(text);
        if (!duplicates && !rename && !organize && !describe)
        {
            return null;
        }

        if (folders.Count == 0)
        {
            throw new ToolException("No folder is granted to this task. Grant one with --folder DIR and ask again.");
        }

        var named = NamedFolder(text, folders);
        if (duplicates)
        {
            return MoveWords().IsMatch(text)
                ? new MoveDuplicatesIntent(Writable(named, folders, "its duplicates cannot be moved aside"))
                : new FindDuplicatesIntent(named ?? folders[0]);
        }

        if (rename)
        {
            return RenameOf(text, Writable(named, folders, "its files cannot be renamed"));
        }

        if (organize)
        {
            var byType = TypeWords().IsMatch(text);
            var byDate = DateWords().IsMatch(text);
            var scheme = (byType, byDate) switch
            {
                (true, true) => OrganizeScheme.TypeThenDate,
                (false, true) => OrganizeScheme.Date,
                _ => OrganizeScheme.Type,
            };
            return new OrganizeFolderIntent(Writable(named, folders, "its files cannot be moved"), scheme);
        }

        return new DescribeFolderIntent(named ?? folders[0]);
    }

    /// <summary>The named folder, else the first read-write grant; refused with the fix when it is read-only.</summary>
    private static FolderGrant Writable(FolderGrant? named, IReadOnlyList<FolderGrant> folders, string consequence)
    {
        var folder = named ?? folders.FirstOrDefault(f => f.Access == FolderAccess.ReadWrite) ?? folders[0];
        return folder.Access == FolderAccess.ReadOnly
            ? throw new ToolException($"{folder.Path} is granted read-only, so {consequence}. Grant it read-write (--folder {folder.Path}) and ask again.")
            : folder;
    }

    /// <summary>"rename these photos YYYY-MM-DD", "rename the files in lowercase", "number the scans": pattern, files, case.</summary>
    private static RenameFilesIntent? RenameOf(string text, FolderGrant folder)
    {
        var match = PhotoWords().IsMatch(text) ? "*.jpg;*.jpeg;*.png;*.heic;*.heif;*.webp;*.tif;*.tiff;*.dng;*.gif" : "*";
        if (DateWords().IsMatch(text) || text.Contains("yyyy", StringComparison.Ordinal))
        {
            return new RenameFilesIntent(folder, "{date} {name}", match, Case(text));
        }

        if (NumberWords().IsMatch(text))
        {
            return new RenameFilesIntent(folder, "{name} {n:000}", match, Case(text));
        }

        var letterCase = Case(text);
        return letterCase == "keep" ? null : new RenameFilesIntent(folder, "{name}", match, letterCase);

        static string Case(string text) =>
            text.Contains("slug", StringComparison.Ordinal) || text.Contains("url", StringComparison.Ordinal) ? "slug"
            : LowerWords().IsMatch(text) ? "lower"
            : "keep";
    }

    /// <summary>The grant whose folder name the request mentions ("my Downloads folder").</summary>
    private static FolderGrant? NamedFolder(string text, IReadOnlyList<FolderGrant> folders)
    {
        foreach (var folder in folders)
        {
            var name = Path.GetFileName(folder.Path).ToLowerInvariant();
            if (name.Length > 0 && Regex.IsMatch(text, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(name)}(?![\p{{L}}\p{{N}}])"))
            {
                return folder;
            }
        }

        return null;
    }

    [GeneratedRegex(@"\b(organi[sz]e|organi[sz]ing|sort|tidy|clean\s*up|declutter|arrange|categori[sz]e|group|put .* into folders|file (them|these|my|the) )")]
    private static partial Regex OrganizeWords();

    [GeneratedRegex(@"(what('s|\s+is|\s+are)?\s+(in|inside|there)|\blist\b|\bshow\b.*\b(files|contents?)\b|\bdescribe\b|\bsummari[sz]e\b|\boverview\b|\binventory\b|\bcontents?\s+of\b|\bwhat\s+files\b)")]
    private static partial Regex DescribeWords();

    [GeneratedRegex(@"\b(duplicates?|dupes|identical files|same files)\b")]
    private static partial Regex DuplicateWords();

    [GeneratedRegex(@"\b(move|remove|delete|get rid|clean|separate|aside|put|set)\b")]
    private static partial Regex MoveWords();

    [GeneratedRegex(@"\bre-?nam(e|ing)\b")]
    private static partial Regex RenameWords();

    [GeneratedRegex(@"\b(photos?|pictures?|images?|pics)\b")]
    private static partial Regex PhotoWords();

    [GeneratedRegex(@"\b(numbers?|numbered|sequence|sequential|counter)\b")]
    private static partial Regex NumberWords();

    [GeneratedRegex(@"\b(lower\s*-?case|lowercase|small letters)\b")]
    private static partial Regex LowerWords();

    [GeneratedRegex(@"\b(folders?|director(y|ies)|files|downloads|desktop|photos|pictures|images|screenshots|everything|here|stuff)\b")]
    private static partial Regex FolderWords();

    /// <summary>A file name with an extension: "budget.xlsx", "notes.md".</summary>
    [GeneratedRegex(@"[\p{L}\p{N}_-]\.[a-z][a-z0-9]{1,4}\b")]
    private static partial Regex NamedFile();

    [GeneratedRegex(@"\b(type|types|kind|kinds|extension|extensions|category|categories|format|formats)\b")]
    private static partial Regex TypeWords();

    [GeneratedRegex(@"\b(date|dates|dated|month|months|monthly|year|years|yearly|when|day|days|time|modified|taken|chronologic\w*)\b")]
    private static partial Regex DateWords();
}
