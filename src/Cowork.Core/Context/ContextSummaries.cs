namespace Cowork;

/// <summary>Who writes the summary that replaces older turns.</summary>
public enum ContextSummaries
{
    /// <summary>The model, except for the offline planner and scripted models, which get the digest.</summary>
    Auto,

    /// <summary>The model itself, through the same metered client as every other call.</summary>
    Model,

    /// <summary>A deterministic digest: the person's messages, the decisions, the files touched and each tool call with a one-line result.</summary>
    Digest,
}
