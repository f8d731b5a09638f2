namespace Cowork.Cli.Tests;

public sealed class CommandLineTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_bare_cowork_lists_the_commands()
    {
        var cli = new CliRun(_temp);

        Assert.Equal(0, await cli.InvokeAsync());

        foreach (var command in new[] { "run", "tasks", "show", "usage", "changes", "undo" })
        {
            Assert.Contains($"  {command} ", cli.Output.ToString(), StringComparison.Ordinal);
        }
    }
}
