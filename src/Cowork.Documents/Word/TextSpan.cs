namespace Cowork.Documents;

/// <summary>A run of text with one style.</summary>
internal sealed record TextSpan(string Text, TextStyle Style);
