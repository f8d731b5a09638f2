namespace Cowork.Documents;

/// <summary>Inline formatting; <see cref="Link"/> is the target of a hyperlink.</summary>
internal readonly record struct TextStyle(bool Bold = false, bool Italic = false, bool Strike = false, bool Code = false, string? Link = null);
