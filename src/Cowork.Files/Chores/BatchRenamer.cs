using System.Globalization;
using System.IO.Enumeration;
using System.Text;
using System.Text.RegularExpressions;

namespace Cowork.Files;

/// <summary>
/// Renames the files of a folder by a pattern: <c>{date}</c> (YYYY-MM-DD, from EXIF, document properties, the name or
/// the modification time), <c>{year}</c>, <c>{month}</c>, <c>{day}</c>, <c>{name}</c> (the old name without its
/// extension), <c>{n}</c> or <c>{n:000}</c> (a sequence in date order), <c>{ext}</c>; the extension is kept unless the
/// pattern places it. Then optionally lower case or a slug.
/// </summary>
public static partial class BatchRenamer
{
    public const string DefaultPattern = "{date} {name}";

    public static IReadOnlyList<PlannedRename> Plan(IFolderRoot root, RelativePath folder, string pattern, string match, string letterCase, int start = 1)
    {
        ArgumentNullException.ThrowIfNull(root);
        pattern = string.IsNullOrWhiteSpace(pattern) ? DefaultPattern : pattern.Trim();
        Validate(pattern, letterCase);
        var globs = (string.IsNullOrWhiteSpace(match) ? "*" : match).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var files = root.List(folder)
            .Where(e => e.Status.Kind == EntryKind.File && !e.Path.Name.StartsWith('.')
                && globs.Any(g => FileSystemName.MatchesSimpleExpression(g, e.Path.Name, ignoreCase: true)))
            .Select(e => (Entry: e, Dated: ContentDates.Of(root, e.Path, e.Status)))
            .OrderBy(f => f.Dated.Date).ThenBy(f => f.Entry.Path.Name, StringComparer.Ordinal)
            .ToList();

        var renames = new List<PlannedRename>();
        var n = start;
        foreach (var (entry, (date, source)) in files)
        {
            var name = Apply(pattern, entry.Path.Name, date, n++, letterCase);
            if (Encoding.UTF8.GetByteCount(name) > 255)
            {
                throw new ToolException($"The new name for {entry.Path.Name} would be longer than 255 bytes; use a shorter pattern.");
            }

            if (name != entry.Path.Name)
            {
                renames.Add(new PlannedRename(entry.Path, name, source));
            }
        }

        return renames;
    }

    /// <summary>The new name of one file.</summary>
    public static string Apply(string pattern, string oldName, DateTime date, int number, string letterCase)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(oldName);
        var extension = Path.GetExtension(oldName);
        var stem = Path.GetFileNameWithoutExtension(oldName);
        var isoDate = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (pattern.Contains("{date}", StringComparison.Ordinal) && stem.StartsWith(isoDate, StringComparison.Ordinal))
        {
            // Already dated: "2024-03-12 beach" stays "2024-03-12 beach", not "2024-03-12 2024-03-12 beach".
            stem = stem[isoDate.Length..].TrimStart(' ', '_', '-');
        }

        var name = Token().Replace(pattern, m => m.Groups["token"].Value switch
        {
            "date" => isoDate,
            "year" => date.ToString("yyyy", CultureInfo.InvariantCulture),
            "month" => date.ToString("MM", CultureInfo.InvariantCulture),
            "day" => date.ToString("dd", CultureInfo.InvariantCulture),
            "name" => stem,
            "ext" => extension.TrimStart('.'),
            "n" => number.ToString(m.Groups["format"].Success ? m.Groups["format"].Value : "0", CultureInfo.InvariantCulture),
            _ => m.Value,
        }).Trim();
        if (!pattern.Contains("{ext}", StringComparison.Ordinal))
        {
            name += extension;
        }

        name = letterCase switch
        {
            "lower" => name.ToLowerInvariant(),
            "slug" => Slug(name),
            _ => name,
        };
        return name.Length == 0 || name.StartsWith('.') ? oldName : name;
    }

    private static void Validate(string pattern, string letterCase)
    {
        if (pattern.IndexOfAny(['/', '\\', '\0']) >= 0)
        {
            throw new ToolException("A rename pattern makes names, not paths: it may not contain / or \\.");
        }

        foreach (Match match in Regex.Matches(pattern, @"\{[^}]*\}"))
        {
            if (!Token().IsMatch(match.Value))
            {
                throw new ToolException($"{match.Value} is not a rename token: use {{date}}, {{year}}, {{month}}, {{day}}, {{name}}, {{n}}, {{n:000}} or {{ext}}.");
            }
        }

        if (letterCase is not ("keep" or "lower" or "slug"))
        {
            throw new ToolException($"'{letterCase}' is not a letter case: use keep, lower or slug.");
        }
    }

    private static string Slug(string name)
    {
        var extension = Path.GetExtension(name).ToLowerInvariant();
        var stem = Path.GetFileNameWithoutExtension(name).Normalize(NormalizationForm.FormD);
        var text = new StringBuilder();
        foreach (var c in stem)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            text.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        }

        var slug = Dashes().Replace(text.ToString(), "-").Trim('-');
        return (slug.Length == 0 ? "file" : slug) + extension;
    }

    [GeneratedRegex(@"\{(?<token>date|year|month|day|name|ext|n)(:(?<format>0+))?\}")]
    private static partial Regex Token();

    [GeneratedRegex("-{2,}")]
    private static partial Regex Dashes();
}
