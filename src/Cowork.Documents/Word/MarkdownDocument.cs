using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Cowork.Documents;

/// <summary>
/// Markdown (CommonMark with pipe tables) as a <see cref="DocumentSpec"/>: a leading "# " heading becomes the title
/// (and the other headings move up a level), lists keep their nesting, a paragraph that is only an image becomes an
/// image block (its alt text required).
/// </summary>
internal static class MarkdownDocument
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables().UseEmphasisExtras().UseAutoLinks().UsePreciseSourceLocation().Build();

    public static DocumentSpec Parse(string markdown, string? title = null)
    {
        markdown = Xml.Clean(markdown).Replace("\r\n", "\n", StringComparison.Ordinal);
        var document = Markdown.Parse(markdown, Pipeline);
        var blocks = document.ToList();
        var shift = 0;
        if (title is null && blocks.FirstOrDefault() is HeadingBlock { Level: 1 } first && blocks.OfType<HeadingBlock>().Count(h => h.Level == 1) == 1)
        {
            title = Source(markdown, first.Inline);
            blocks.RemoveAt(0);
            shift = 1;
        }

        var result = new List<DocumentBlock>();
        foreach (var block in blocks)
        {
            Add(block, markdown, shift, result);
        }

        return new DocumentSpec { Title = title ?? "", Blocks = result };
    }

    private static void Add(Block block, string markdown, int shift, List<DocumentBlock> result)
    {
        switch (block)
        {
            case HeadingBlock heading:
                result.Add(new DocumentBlock { Type = "heading", Level = Math.Clamp(heading.Level - shift, 1, 3), Text = Source(markdown, heading.Inline) });
                break;
            case ParagraphBlock paragraph when paragraph.Inline?.FirstChild is LinkInline { IsImage: true } image && paragraph.Inline.Count() == 1:
                result.Add(new DocumentBlock { Type = "image", Path = image.Url, Alt = InlineText.Plain(Source(markdown, image)[2..].Split("](")[0]), Caption = image.Title });
                break;
            case ParagraphBlock paragraph:
                result.Add(new DocumentBlock { Type = "paragraph", Text = Source(markdown, paragraph.Inline) });
                break;
            case ListBlock list:
                var items = new List<ListItem>();
                Items(list, markdown, 0, items);
                result.Add(new DocumentBlock { Type = list.IsOrdered ? "numbered" : "bullets", Items = items });
                break;
            case Table table:
                var rows = table.OfType<TableRow>().Select(r => r.OfType<TableCell>().Select(c => Source(markdown, c)).ToList()).ToList();
                if (rows.Count > 0)
                {
                    result.Add(new DocumentBlock { Type = "table", Columns = rows[0], Rows = rows.Skip(1).ToList() });
                }

                break;
            case QuoteBlock quote:
                result.Add(new DocumentBlock { Type = "quote", Text = string.Join(" ", quote.OfType<ParagraphBlock>().Select(p => Source(markdown, p.Inline))) });
                break;
            case CodeBlock code:
                result.Add(new DocumentBlock { Type = "code", Text = code.Lines.ToString() });
                break;
            case ThematicBreakBlock:
                result.Add(new DocumentBlock { Type = "page_break" });
                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    Add(child, markdown, shift, result);
                }

                break;
        }
    }

    private static void Items(ListBlock list, string markdown, int level, List<ListItem> items)
    {
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var text = string.Join(" ", item.OfType<ParagraphBlock>().Select(p => Source(markdown, p.Inline)));
            items.Add(new ListItem(text, level));
            foreach (var nested in item.OfType<ListBlock>())
            {
                Items(nested, markdown, Math.Min(level + 1, 8), items);
            }
        }
    }

    /// <summary>The Markdown source of an inline container or block, so its inline formatting survives.</summary>
    private static string Source(string markdown, MarkdownObject? node)
    {
        if (node is null)
        {
            return "";
        }

        var span = node.Span;
        if (node is ContainerInline container && container.FirstChild is not null)
        {
            var last = container.LastChild!;
            span = new SourceSpan(container.FirstChild.Span.Start, last.Span.End);
        }
        else if (node is TableCell cell && cell.Count > 0)
        {
            return string.Join(" ", cell.OfType<ParagraphBlock>().Select(p => Source(markdown, p.Inline)));
        }

        if (span.Start < 0 || span.End >= markdown.Length || span.End < span.Start)
        {
            return "";
        }

        return markdown.Substring(span.Start, span.Length).Replace('\n', ' ').Trim();
    }
}
