using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cowork.Files;

/// <summary>
/// Writes a <see cref="RelativePath"/> as its text when it is valid UTF-8 (readable journals), else as
/// <c>{"bytes":"&lt;base64&gt;"}</c>, so every name round-trips exactly.
/// </summary>
internal sealed class RelativePathJsonConverter : JsonConverter<RelativePath>
{
    public override RelativePath Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return RelativePath.FromBytes(Encoding.UTF8.GetBytes(reader.GetString() ?? ""));
            case JsonTokenType.StartObject:
                byte[]? bytes = null;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("bytes"u8))
                    {
                        reader.Read();
                        bytes = reader.GetBytesFromBase64();
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                return RelativePath.FromBytes(bytes ?? throw new JsonException("A path object needs \"bytes\"."));
            default:
                throw new JsonException("A path is a string or {\"bytes\": base64}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, RelativePath value, JsonSerializerOptions options)
    {
        if (value.IsValidUtf8)
        {
            writer.WriteStringValue(value.ToBytes());
            return;
        }

        writer.WriteStartObject();
        writer.WriteBase64String("bytes", value.ToBytes());
        writer.WriteEndObject();
    }
}
