namespace Cowork.Files;

/// <summary>The category folder a file belongs in, by its extension.</summary>
public static class FileKinds
{
    public const string Other = "Other";

    private static readonly Dictionary<string, string> ByExtension = Build(
        ("Images", "jpg jpeg png gif bmp tif tiff webp heic heif svg ico raw cr2 cr3 nef arw dng orf rw2 psd ai eps avif"),
        ("Documents", "pdf doc docx odt rtf txt md markdown pages tex log wpd"),
        ("Spreadsheets", "xls xlsx xlsm ods csv tsv numbers"),
        ("Presentations", "ppt pptx odp key"),
        ("Audio", "mp3 wav flac aac m4a ogg oga opus wma aiff aif mid midi"),
        ("Video", "mp4 mov avi mkv webm wmv flv m4v mpg mpeg 3gp"),
        ("Archives", "zip rar 7z tar gz tgz bz2 xz zst iso"),
        ("Code", "py js ts tsx jsx cs java c h cpp hpp go rs rb php sh ps1 bat sql html htm css json xml yaml yml toml ipynb"),
        ("Installers", "exe msi dmg pkg deb rpm appimage apk flatpakref"),
        ("Fonts", "ttf otf woff woff2"),
        ("Ebooks", "epub mobi azw azw3 djvu"),
        ("Email", "eml msg mbox"),
        ("Calendar & Contacts", "ics vcf"));

    /// <summary>Every category name, in display order, <see cref="Other"/> last.</summary>
    public static IReadOnlyList<string> Categories { get; } =
        [.. ByExtension.Values.Distinct(), Other];

    public static string CategoryOf(string fileName)
    {
        var extension = Path.GetExtension(fileName).TrimStart('.').ToLowerInvariant();
        return ByExtension.GetValueOrDefault(extension, Other);
    }

    /// <summary>Files a browser or sync tool is still writing; moving them would break the download.</summary>
    public static bool IsIncomplete(string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() is ".crdownload" or ".part" or ".partial" or ".download" or ".tmp" or ".opdownload";

    private static Dictionary<string, string> Build(params (string Category, string Extensions)[] table)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (category, extensions) in table)
        {
            foreach (var extension in extensions.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                map[extension] = category;
            }
        }

        return map;
    }
}
