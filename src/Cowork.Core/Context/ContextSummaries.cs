namespace Cowork;

/// <summary>Who writes the summary that replaces older turns.</summary>
public enum ContextSummaries
{
    /// <summary>The model itself, through the same metered client as every other call; the digest stands in if it fails.</summary>
    Model,

    /// <summary>A deterministic digest: the person's messages, the decisions, the files touched and each tool call with a one-line result.</summary>
    Digest,
}
