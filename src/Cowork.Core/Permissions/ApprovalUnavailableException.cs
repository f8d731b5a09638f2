namespace Cowork;

/// <summary>An approval is needed and there is nobody to ask.</summary>
public sealed class ApprovalUnavailableException(string message) : Exception(message);
