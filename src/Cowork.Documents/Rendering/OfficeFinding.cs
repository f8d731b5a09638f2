namespace Cowork.Documents;

/// <summary>One result of checking a document: an error blocks delivery, a warning is reported, a note says what was checked.</summary>
internal sealed record OfficeFinding(FindingLevel Level, string Where, string Message)
{
    public override string ToString() => $"{Level.ToString().ToLowerInvariant()}: {Where}: {Message}";
}
