namespace Cowork.Files;

/// <summary>One line of an undo report.</summary>
/// <param name="What">The change, as the journal recorded it.</param>
/// <param name="Detail">What was done, or why not.</param>
public sealed record UndoStep(Change What, UndoOutcome Outcome, string Detail, string GrantPath);
