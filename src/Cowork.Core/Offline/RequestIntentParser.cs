using System.Text.RegularExpressions;

namespace Cowork;

/// <summary>Recognizes the everyday requests the offline planner serves, in ordinary wording.</summary>
internal static partial class RequestIntentParser
{
    /// <summary>The intent, or <see langword="null"/> when the request is not one the planner knows.</summary>
    /// <exception cref="ToolException">The request is understood but the grants do not allow it; the message says why.</exception>
    public static RequestIntent? Parse(string request, IReadOnlyList<FolderGrant> folders)
    {
        var text = request.ToLowerInvariant();

        // Both jobs act on a folder's files as a whole: a request must say so ("this folder", "my downloads",
        // "the files", a granted folder's name), and must not be about one file ("sort the rows of budget.xlsx").
        var aboutFiles = FolderWords().IsMatch(text) || NamedFolder(text, folders) is not null;
        if (!aboutFiles || NamedFile().IsMatch(text))
        {
            return null;
        }

        var organize = OrganizeWords().IsMatch(text);
        var describe = DescribeWords().IsMatch(text);
        if (!organize && !describe)
        {
            return null;
        }

        if (folders.Count == 0)
        {
            throw new ToolException("No folder is granted to this task. Grant one with --folder DIR and ask again.");
        }

        var folder = NamedFolder(text, folders);
        if (organize)
        {
            folder ??= folders.FirstOrDefault(f => f.Access == FolderAccess.ReadWrite) ?? folders[0];
            if (folder.Access == FolderAccess.ReadOnly)
            {
                throw new ToolException($"{folder.Path} is granted read-only, so its files cannot be moved. Grant it read-write (--folder {folder.Path}) to organize it.");
            }

            var byType = TypeWords().IsMatch(text);
            var byDate = DateWords().IsMatch(text);
            var scheme = (byType, byDate) switch
            {
                (true, true) => OrganizeScheme.TypeThenDate,
                (false, true) => OrganizeScheme.Date,
                _ => OrganizeScheme.Type,
            };
            return new OrganizeFolderIntent(folder, scheme);
        }

        return new DescribeFolderIntent(folder ?? folders[0]);
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
