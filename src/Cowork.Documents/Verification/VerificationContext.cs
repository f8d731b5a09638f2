namespace Cowork.Documents;

/// <summary>What a check works on (a private copy in a scratch folder) and where it records what it checked and found.</summary>
internal sealed class VerificationContext(string shownPath, string copy, string scratch, LibreOffice? libreOffice, TimeSpan timeout)
{
    private readonly List<string> _passed = [];
    private readonly List<Finding> _findings = [];
    private readonly List<string> _notices = [];

    /// <summary>The document's path as the user knows it.</summary>
    public string ShownPath { get; } = shownPath;

    /// <summary>The copy to check; checks may convert it but never change the user's file.</summary>
    public string Copy { get; } = copy;

    /// <summary>A folder for conversions, deleted after the run unless it holds thumbnails.</summary>
    public string Scratch { get; } = scratch;

    /// <summary>LibreOffice, or null when it is not installed (checks that need it add a notice).</summary>
    public LibreOffice? LibreOffice { get; } = libreOffice;

    public TimeSpan Timeout { get; } = timeout;

    public IReadOnlyList<string> Passed => _passed;

    public IReadOnlyList<Finding> Findings => _findings;

    public IReadOnlyList<string> Notices => _notices;

    public List<string> Thumbnails { get; } = [];

    public void Pass(string check, string what)
    {
        lock (_passed)
        {
            _passed.Add($"{check}: {what}");
        }
    }

    public void Find(FindingSeverity severity, string check, string message)
    {
        lock (_findings)
        {
            _findings.Add(new Finding(severity, check, message));
        }
    }

    public void Notice(string text)
    {
        lock (_notices)
        {
            _notices.Add(text);
        }
    }
}
