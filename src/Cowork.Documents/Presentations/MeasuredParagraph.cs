namespace Cowork.Documents;

/// <summary>A paragraph to measure: plain text, its list level (indented), bold, and its size relative to the box's size.</summary>
internal sealed record MeasuredParagraph(string Text, int Level = 0, bool Bold = false, double Scale = 1.0, bool Bulleted = false)
{
    /// <summary>The left indent in points: the template's marL for the level.</summary>
    public double IndentPoints => Bulleted ? (0.3 + (0.35 * Level)) * 72 : 0;
}
