using System.Globalization;
using System.Security;
using System.Text;

namespace Cowork.Documents;

/// <summary>Text made safe for XML: characters XML 1.0 forbids are dropped, markup escaped.</summary>
internal static class Xml
{
    /// <summary>Escapes <paramref name="text"/> for an element's content or an attribute value.</summary>
    public static string Escape(string? text) => SecurityElement.Escape(Clean(text)) ?? "";

    /// <summary>Drops control characters and lone surrogates, which would make the part unreadable.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else if (c is '\t' or '\n' or '\r' || (c >= 0x20 && !char.IsSurrogate(c) && c is not '\uFFFE' and not '\uFFFF'))
            {
                clean.Append(c);
            }
        }

        return clean.ToString();
    }

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
