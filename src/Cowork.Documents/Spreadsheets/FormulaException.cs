namespace Cowork.Documents;

/// <summary>
/// A formula that cannot be written as asked: a syntax error, an unsupported function, a missing sheet or name,
/// a circular reference. The message names the cell and the fix.
/// </summary>
internal sealed class FormulaException(string message, bool located = false) : Exception(message)
{
    /// <summary>The message already names the cell it is about.</summary>
    public bool Located { get; } = located;
}
