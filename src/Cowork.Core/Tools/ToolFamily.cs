namespace Cowork;

/// <summary>
/// Tools that are declared to the model together, and only when a task needs them: when its request names what they
/// are for (<see cref="Cues"/>), when the model asks for them with <see cref="ToolNames.LoadTools"/>, or once one of
/// them has been called. A tool in no family is declared on every call.
/// </summary>
/// <param name="Name">What the model passes to load_tools, e.g. <c>data</c>.</param>
/// <param name="Summary">What the family is for, in a few words: the model reads it to decide whether to load it.</param>
/// <param name="Tools">Its tools' names.</param>
/// <param name="Cues">Lower-case word beginnings that, in a request, make the family relevant from the first call.</param>
public sealed record ToolFamily(string Name, string Summary, IReadOnlyList<string> Tools, IReadOnlyList<string> Cues)
{
    /// <summary>Whether a word of <paramref name="request"/> begins with one of the <see cref="Cues"/>.</summary>
    public bool IsCuedBy(string request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = request.ToLowerInvariant();
        foreach (var cue in Cues)
        {
            for (var at = text.IndexOf(cue, StringComparison.Ordinal); at >= 0; at = text.IndexOf(cue, at + 1, StringComparison.Ordinal))
            {
                if (at == 0 || !char.IsLetterOrDigit(text[at - 1]))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
