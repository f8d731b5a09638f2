using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cowork.Documents;

/// <summary>A list item: its text (Markdown inline) and nesting level from 0. In JSON, a plain string or {text, level}.</summary>
[JsonConverter(typeof(ListItemConverter))]
internal sealed record ListItem(string Text, int Level = 0)
{
    public static implicit operator ListItem(string text) => new(text);

    private sealed class ListItemConverter : JsonConverter<ListItem>
    {
        public override ListItem Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                return new ListItem(reader.GetString() ?? "");
            }

            using var item = JsonDocument.ParseValue(ref reader);
            if (item.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException("A list item is a string or {\"text\": ..., \"level\": n}.");
            }

            var text = item.RootElement.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "";
            var level = item.RootElement.TryGetProperty("level", out var l) && l.TryGetInt32(out var n) ? n : 0;
            return new ListItem(text, Math.Clamp(level, 0, 8));
        }

        public override void Write(Utf8JsonWriter writer, ListItem value, JsonSerializerOptions options)
        {
            if (value.Level == 0)
            {
                writer.WriteStringValue(value.Text);
                return;
            }

            writer.WriteStartObject();
            writer.WriteString("text", value.Text);
            writer.WriteNumber("level", value.Level);
            writer.WriteEndObject();
        }
    }
}
