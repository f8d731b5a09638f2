namespace Cowork.Tests;

/// <summary>Which wordings name a data file to analyze, and which stay with the folder jobs (or with a model).</summary>
public sealed class AnalysisPlanTests
{
    private static readonly FolderGrant[] OneFolder = [new("/home/ana/Reports", FolderAccess.ReadWrite)];

    [Theory]
    [InlineData("analyze sales.csv: outliers, revenue by region and month, trend chart", "sales.csv")]
    [InlineData("Analyse data/2024 orders.xlsx and chart the monthly trend", "orders.xlsx")]
    [InlineData("find outliers in measurements.tsv", "measurements.tsv")]
    [InlineData("give me a breakdown of costs.json by team", "costs.json")]
    [InlineData("Profile export.csv", "export.csv")]
    public void Data_requests_name_their_file(string request, string file)
    {
        var intent = Assert.IsType<AnalyzeDataIntent>(RequestIntentParser.Parse(request, OneFolder));
        Assert.EndsWith(file, intent.File, StringComparison.Ordinal);
        Assert.Equal("/home/ana/Reports", intent.Folder.Path);
    }

    [Theory]
    [InlineData("Sort the rows of budget.xlsx by amount")]
    [InlineData("rename report.csv to old-report.csv")]
    [InlineData("analyze my spending")]
    public void Other_requests_are_not_data_analyses(string request) =>
        Assert.IsNotType<AnalyzeDataIntent>(RequestIntentParser.Parse(request, OneFolder));

    [Fact]
    public void A_data_request_without_a_folder_says_how_to_grant_one() =>
        Assert.Contains("--folder", Assert.Throws<ToolException>(() => RequestIntentParser.Parse("analyze sales.csv", [])).Message, StringComparison.Ordinal);
}
