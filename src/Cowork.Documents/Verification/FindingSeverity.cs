namespace Cowork.Documents;

internal enum FindingSeverity
{
    /// <summary>The document is broken or wrong: not deliverable as is.</summary>
    Error,

    /// <summary>Worth a look; the document still works.</summary>
    Warning,
}
