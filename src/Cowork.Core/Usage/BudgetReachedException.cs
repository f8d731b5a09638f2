namespace Cowork;

/// <summary>The task has used its whole budget; no further model call is made.</summary>
public sealed class BudgetReachedException(string message) : Exception(message);
