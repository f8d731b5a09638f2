namespace Cowork.Documents;

/// <summary>The template's slide layouts.</summary>
internal enum LayoutKind
{
    Title,
    Section,
    Content,
    TwoContent,
    TitleOnly,
    Quote,
}
