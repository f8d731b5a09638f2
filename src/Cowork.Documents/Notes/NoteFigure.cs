namespace Cowork.Documents;

/// <summary>A number the notes report: its value as written ("96.2%", "$38,000"), the sentence, and its topic.</summary>
internal sealed record NoteFigure(string Value, string Text, string Topic);
