namespace Cowork.Documents;

/// <summary>The one palette of every deck and report: the template's theme colors, also used where a theme is not resolved (chart series, table headers).</summary>
internal static class Palette
{
    public const string Dark = "1F2A44";
    public const string Light = "FFFFFF";
    public const string Text = "2B3445";
    public const string Muted = "6B7385";
    public const string Subtle = "EEF1F6";
    public const string Rule = "C9CFDA";

    /// <summary>accent1..accent6 of the theme, in order: series colors.</summary>
    public static readonly string[] Accents = ["2A6F97", "E07A3F", "3C9D6D", "C0424B", "7E5AA6", "D4A72C"];

    public const string Hyperlink = "2A6F97";

    /// <summary>The font of every text; Arial where it is installed, Liberation Sans (same metrics) elsewhere.</summary>
    public const string Font = "Arial";

    public const string MonoFont = "Courier New";
}
