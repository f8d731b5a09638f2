namespace Cowork.Documents;

/// <summary>One problem a check found.</summary>
internal sealed record Finding(FindingSeverity Severity, string Check, string Message);
