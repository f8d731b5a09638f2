namespace Cowork.Documents.Tests;

public sealed class FormulaEvaluatorTests
{
    private static object? Calculate(string formula, params (string Cell, object? Value)[] cells)
    {
        var calculator = new WorkbookCalculator();
        calculator.AddSheet("S");
        calculator.AddSheet("Other Sheet");
        foreach (var (cell, value) in cells)
        {
            if (value is string text && text.StartsWith('='))
            {
                calculator.SetFormula("S", CellAddress.Parse(cell), text[1..]);
            }
            else
            {
                calculator.SetValue("S", CellAddress.Parse(cell), value);
            }
        }

        calculator.SetValue("Other Sheet", CellAddress.Parse("A1"), 40d);
        calculator.SetFormula("S", CellAddress.Parse("Z99"), formula);
        calculator.CalculateAll();
        return calculator.Result("S", CellAddress.Parse("Z99"));
    }

    [Theory]
    [InlineData("1+2*3", 7d)]
    [InlineData("(1+2)*3", 9d)]
    [InlineData("2^3^2", 64d)]
    [InlineData("-2^2", 4d)]
    [InlineData("10%+1", 1.1d)]
    [InlineData("\"a\"&1&TRUE", "a1TRUE")]
    [InlineData("1<2", true)]
    [InlineData("\"abc\"=\"ABC\"", true)]
    [InlineData("'Other Sheet'!A1/4", 10d)]
    [InlineData("ROUND(2.675,2)", 2.68d)]
    [InlineData("TEXT(0.456,\"0.0%\")", "45.6%")]
    [InlineData("IFERROR(1/0,\"x\")", "x")]
    public void Operators_and_functions_compute_as_Excel_does(string formula, object expected) =>
        Assert.Equal(expected, Calculate(formula));

    [Fact]
    public void Errors_propagate_as_values()
    {
        Assert.Equal(FormulaError.Div0, Calculate("1/0+5"));
        Assert.Equal(FormulaError.Value, Calculate("\"x\"*2"));
        Assert.Equal(FormulaError.NA, Calculate("VLOOKUP(9,A1:B2,2,FALSE)", ("A1", 1d), ("B1", 2d)));
        Assert.Equal(FormulaError.Ref, Calculate("INDEX(A1:A2,5)", ("A1", 1d)));
        Assert.Equal(FormulaError.Div0, Calculate("SUM(A1:A2)", ("A1", 1d), ("A2", "=1/0")));
    }

    [Fact]
    public void Criteria_match_comparisons_inequality_and_wildcards()
    {
        (string, object?)[] cells = [("A1", "apple"), ("A2", "apricot"), ("A3", "banana"), ("A4", null), ("B1", 50d), ("B2", 150d), ("B3", 250d), ("B4", 10d)];
        Assert.Equal(400d, Calculate("SUMIFS(B1:B4,B1:B4,\">100\")", cells));
        Assert.Equal(2d, Calculate("COUNTIFS(A1:A4,\"ap*\")", cells));
        Assert.Equal(2d, Calculate("COUNTIFS(A1:A4,\"<>apple\",B1:B4,\"<=250\",B1:B4,\">20\")", cells));
        Assert.Equal(150d, Calculate("AVERAGEIFS(B1:B4,A1:A4,\"a?ricot\")", cells));
    }

    [Fact]
    public void Formulas_are_computed_in_dependency_order()
    {
        Assert.Equal(12d, Calculate("A3*2", ("A1", "=A2+1"), ("A2", 2d), ("A3", "=A1+A2+1")));
    }

    [Fact]
    public void A_circular_reference_is_reported_with_its_chain()
    {
        var ex = Assert.Throws<FormulaException>(() => Calculate("A1", ("A1", "=B1+1"), ("B1", "=A1")));
        Assert.Contains("Circular reference: S!A1 → S!B1 → S!A1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_sheet_an_unknown_name_and_an_unsupported_function_are_clear_errors()
    {
        Assert.Contains("the sheet 'Nope', which does not exist", Assert.Throws<FormulaException>(() => Calculate("Nope!A1+1")).Message, StringComparison.Ordinal);
        Assert.Contains("the name Rate, which is not defined", Assert.Throws<FormulaException>(() => Calculate("Rate*2")).Message, StringComparison.Ordinal);
        var unsupported = Assert.Throws<FormulaException>(() => Calculate("XLOOKUP(1,A1:A2,B1:B2)")).Message;
        Assert.Contains("S!Z99", unsupported, StringComparison.Ordinal);
        Assert.Contains("XLOOKUP, which Cowork cannot calculate", unsupported, StringComparison.Ordinal);
        Assert.Contains("syntax error", Assert.Throws<FormulaException>(() => Calculate("SUM(1,")).Message, StringComparison.Ordinal);
    }
}
