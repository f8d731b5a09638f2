namespace Cowork.Sandbox.Tests;

public sealed class SmokeTests
{
    [SkippableFact]
    public async Task Python_runs_with_arguments_and_stdin_and_its_new_file_is_applied()
    {
        Sandboxed.RequireBubblewrap();
        using var run = new Sandboxed();

        var result = await run.RunAsync("python", "import sys\nprint('args', sys.argv[1:], sys.stdin.read().strip())\nopen('out.txt','w').write('hello\\n')\n",
            ["a b", "c"], stdin: "from stdin\n");

        Assert.True(result.Contains("Exit status 0", StringComparison.Ordinal), result);
        Assert.Contains("args ['a b', 'c'] from stdin", result, StringComparison.Ordinal);
        Assert.Equal("hello\n", await File.ReadAllTextAsync(Path.Combine(run.Grant, "out.txt")));
        Assert.Contains("created " + Path.Combine(run.Grant, "out.txt"), result, StringComparison.Ordinal);
        Assert.Contains(run.Events, e => e is ToolOutput { Stream: "stdout" } o && o.Text.Contains("args", StringComparison.Ordinal));
        Assert.Contains(run.Events, e => e is FileChanged { Change: FileChangeKind.Created });
        run.AssertOutsideUnchanged();
    }
}
