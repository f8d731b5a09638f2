using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Cowork.Documents;

/// <summary>Markdown inline text (**bold**, *italic*, `code`, ~~struck~~, [links](url)) as formatted spans.</summary>
internal static class InlineText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseEmphasisExtras().UseAutoLinks().Build();

    public static IReadOnlyList<TextSpan> Parse(string? markdown)
    {
        var spans = new List<TextSpan>();
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return spans;
        }

        var document = Markdown.Parse(Xml.Clean(markdown).Trim(), Pipeline);
        foreach (var block in document.Descendants<LeafBlock>())
        {
            if (block.Inline is not null)
            {
                if (spans.Count > 0)
                {
                    spans.Add(new TextSpan(" ", default));
                }

                Walk(block.Inline, default, spans);
            }
            else if (block.Lines.Count > 0)
            {
                spans.Add(new TextSpan(block.Lines.ToString(), default));
            }
        }

        return spans;
    }

    /// <summary>The text without formatting.</summary>
    public static string Plain(string? markdown) => string.Concat(Parse(markdown).Select(s => s.Text));

    private static void Walk(ContainerInline container, TextStyle style, List<TextSpan> spans)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    spans.Add(new TextSpan(literal.Content.ToString(), style));
                    break;
                case CodeInline code:
                    spans.Add(new TextSpan(code.Content, style with { Code = true }));
                    break;
                case LineBreakInline:
                    spans.Add(new TextSpan(" ", style));
                    break;
                case AutolinkInline auto:
                    spans.Add(new TextSpan(auto.Url, style with { Link = auto.IsEmail ? "mailto:" + auto.Url : auto.Url }));
                    break;
                case LinkInline { IsImage: true } image:
                    Walk(image, style, spans);
                    break;
                case LinkInline link:
                    Walk(link, style with { Link = link.Url }, spans);
                    break;
                case EmphasisInline emphasis:
                    Walk(emphasis, emphasis.DelimiterChar == '~' ? style with { Strike = true }
                        : emphasis.DelimiterCount >= 2 ? style with { Bold = true }
                        : style with { Italic = true }, spans);
                    break;
                case HtmlInline:
                    break;
                case ContainerInline nested:
                    Walk(nested, style, spans);
                    break;
                default:
                    spans.Add(new TextSpan(inline.ToString() ?? "", style));
                    break;
            }
        }
    }
}
