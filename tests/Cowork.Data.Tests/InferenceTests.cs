using System.Text;

namespace Cowork.Data.Tests;

public sealed class InferenceTests
{
    [Theory]
    [InlineData(ColumnKind.Integer, "1", "2", "-3", "1,234", "NA")]
    [InlineData(ColumnKind.Number, "$1,234.50", "$12.00", "$0.99", "", "$7")]
    [InlineData(ColumnKind.Number, "1.234,50 €", "12,00 €", "0,99 €", "7 €", "3,5 €")]
    [InlineData(ColumnKind.Number, "12%", "3.5%", "100%", "0%", "7%")]
    [InlineData(ColumnKind.Date, "2024-01-05", "2024-02-29", "2024-12-31", "n/a", "2023-07-01")]
    [InlineData(ColumnKind.Date, "13/01/2024", "05/02/2024", "28/12/2024", "01/01/2024", "31/03/2024")]
    [InlineData(ColumnKind.Date, "Jan 5, 2024", "Feb 29, 2024", "Dec 31, 2024", "Mar 1, 2024", "Jul 4, 2024")]
    [InlineData(ColumnKind.DateTime, "2024-01-05 10:30:00", "2024-02-29 00:00:00", "2024-03-01 23:59:59", "", "2024-04-01 08:00:00")]
    [InlineData(ColumnKind.Boolean, "yes", "no", "Yes", "NO", "true")]
    [InlineData(ColumnKind.Text, "apple", "12", "banana", "2024-01-01", "cherry")]
    [InlineData(ColumnKind.Empty, "", "NA", "null", "", "N/A")]
    public void Infers_the_kind_of_messy_columns(ColumnKind expected, params string[] values)
    {
        var present = values.Where(v => !ColumnFormat.IsNull(v)).ToList();
        Assert.Equal(expected, TypeInference.Infer(present).Kind);
    }

    [Theory]
    [InlineData("$1,234.50", false, 1234.5)]
    [InlineData("(1,234.50)", false, -1234.5)]
    [InlineData("-€12", false, -12)]
    [InlineData("1.234,50 €", true, 1234.5)]
    [InlineData("12.5%", false, 0.125)]
    [InlineData("1 234 567", false, 1234567)]
    public void Reads_decorated_numbers(string text, bool decimalComma, double expected)
    {
        Assert.True(new ColumnFormat(ColumnKind.Number, decimalComma).TryNumber(text, out var value));
        Assert.Equal(expected, value, 9);
    }

    [Theory]
    [InlineData("1,23,4")]
    [InlineData("12,34")]
    [InlineData("$")]
    [InlineData("1.2.3")]
    public void Refuses_malformed_numbers(string text) => Assert.False(new ColumnFormat(ColumnKind.Number).TryNumber(text, out _));

    [Fact]
    public void Month_first_dates_are_told_from_day_first_by_their_values()
    {
        var dayFirst = TypeInference.Infer(["13/01/2024", "02/03/2024"]);
        Assert.True(dayFirst.TryDate("02/03/2024", out var d));
        Assert.Equal(new DateTime(2024, 3, 2), d);
        var monthFirst = TypeInference.Infer(["01/13/2024", "02/03/2024"]);
        Assert.True(monthFirst.TryDate("02/03/2024", out var m));
        Assert.Equal(new DateTime(2024, 2, 3), m);
    }

    [Fact]
    public void Mixed_and_impossible_values_are_warned_by_row_and_column_not_guessed()
    {
        var folder = TestFiles.TempFolder();
        var rows = new StringBuilder("id,when,amount\n");
        for (var i = 1; i <= 40; i++)
        {
            rows.Append(i).Append(",2024-02-").Append((i % 28 + 1).ToString("00", System.Globalization.CultureInfo.InvariantCulture)).Append(',').Append(i * 10).Append('\n');
        }

        rows.Append("41,2024-02-30,oops\n42,2023-13-01,55\n");
        var path = Path.Combine(folder, "mixed.csv");
        File.WriteAllText(path, rows.ToString());
        var profile = Profiler.Profile(TestFiles.Open(path));
        Assert.Equal(42, profile.Rows);
        var when = profile.Columns.Single(c => c.Name == "when");
        Assert.Equal(ColumnKind.Date, when.Format.Kind);
        Assert.Equal(2, when.Invalid);
        var amount = profile.Columns.Single(c => c.Name == "amount");
        Assert.Equal(ColumnKind.Integer, amount.Format.Kind);
        Assert.Equal(1, amount.Invalid);
        Assert.Contains(profile.Warnings, w => w.Contains("when: not a valid date", StringComparison.Ordinal) && w.Contains("row 41 '2024-02-30'", StringComparison.Ordinal));
        Assert.Contains(profile.Warnings, w => w.Contains("amount: not a number", StringComparison.Ordinal) && w.Contains("row 41 'oops'", StringComparison.Ordinal));
    }
}
