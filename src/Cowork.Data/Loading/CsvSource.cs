using System.Globalization;
using CsvHelper;

namespace Cowork.Data;

/// <summary>Delimited text read with CsvHelper's reader, field by field (no per-record mapping).</summary>
internal sealed class CsvSource(Func<Stream> open, CsvDialect dialect) : RowSource
{
    /// <summary>Longer records than this are refused: an unclosed quote must not swallow a 10 GB file into memory.</summary>
    private const int MaxRecordBytes = 16 << 20;

    public override IEnumerable<string?[]> RawRows(LoadWarnings warnings, CancellationToken cancellationToken)
    {
        var options = new CsvReaderOptions
        {
            Separator = dialect.Delimiter,
            HasHeader = false,
            Encoding = dialect.Encoding,
            PoolStrings = true,
            MaxRecordSize = MaxRecordBytes,
            OnMalformedRecord = record => warnings.Add("badly quoted field (read as text)",
                string.Create(CultureInfo.InvariantCulture, $"record {record.RecordNumber}: {record.Reason}")),
        };
        using var reader = CsvReader.Create(open(), options, leaveOpen: false);
        var rows = 0L;
        while (Next(reader))
        {
            if ((++rows & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var count = reader.FieldCount;
            var fields = new string?[count];
            for (var i = 0; i < count; i++)
            {
                fields[i] = reader.GetString(i);
            }

            yield return fields;
        }
    }

    private static bool Next(CsvReader reader)
    {
        try
        {
            return reader.Read();
        }
        catch (Exception ex) when (ex is CsvFormatException or InvalidDataException)
        {
            throw new ToolException($"The file could not be read past record {reader.RowNumber}: a record is larger than {MaxRecordBytes >> 20} MiB (an unclosed quote?) or its bytes are not text.");
        }
    }
}
