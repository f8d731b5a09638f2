namespace Cowork.Sandbox;

/// <summary>What this machine offers for running code: the sandbox, the interpreters, Python's libraries.</summary>
/// <remarks>Found once per process (<see cref="Current"/>), by file lookups only.</remarks>
public sealed record SandboxHost
{
    // Only interpreters under the system folders the sandbox mounts can run inside it (a pyenv in the home folder cannot).
    private static readonly string[] SystemBin = ["/usr/bin", "/bin", "/usr/local/bin"];

    // Import names worth telling the model about, in the order they are listed.
    private static readonly string[] NotableLibraries =
        ["numpy", "pandas", "openpyxl", "matplotlib", "scipy", "PIL", "docx", "pptx", "lxml", "bs4", "yaml", "sklearn"];

    private static readonly Lazy<SandboxHost> Detected = new(Detect, LazyThreadSafetyMode.ExecutionAndPublication);

    public static SandboxHost Current => Detected.Value;

    public SandboxKind Kind { get; init; }

    /// <summary>bwrap or sandbox-exec.</summary>
    public string? SandboxProgram { get; init; }

    public string? Python { get; init; }

    public string? PythonVersion { get; init; }

    public IReadOnlyList<string> PythonLibraries { get; init; } = [];

    public string? Bash { get; init; }

    /// <summary>util-linux's prlimit, which sets the rlimits inside the sandbox.</summary>
    public string? Prlimit { get; init; }

    /// <summary>setpriv, mount and umount (util-linux), which set up the overlay over read-write grants inside the sandbox.</summary>
    public bool CanOverlay { get; init; }

    /// <summary>Cowork runs as root, where RLIMIT_NPROC does not apply and a pids cgroup must bound processes.</summary>
    public bool IsRoot { get; init; }

    /// <summary>One line for the tool's description: the sandbox and what runs in it.</summary>
    public string Describe()
    {
        var python = Python is null ? "no Python" : $"Python {PythonVersion}" + (PythonLibraries.Count > 0 ? $" with {string.Join(", ", PythonLibraries)}" : "");
        var bash = Bash is null ? "" : " and bash";
        return Kind switch
        {
            SandboxKind.Bubblewrap => $"Runs in a bubblewrap sandbox: {python}{bash}; only the granted folders are visible, no network.",
            SandboxKind.Seatbelt => $"Runs under a macOS Seatbelt profile: {python}{bash}; only the granted folders are visible, no network.",
            _ => $"No sandbox on this machine: {python}{bash}; runs only if the person opted in, and asks each time.",
        };
    }

    private static SandboxHost Detect()
    {
        string? program = null;
        var kind = SandboxKind.None;
        if (OperatingSystem.IsLinux() && FindOnPath("bwrap") is { } bwrap)
        {
            (kind, program) = (SandboxKind.Bubblewrap, bwrap);
        }
        else if (OperatingSystem.IsMacOS() && File.Exists("/usr/bin/sandbox-exec"))
        {
            (kind, program) = (SandboxKind.Seatbelt, "/usr/bin/sandbox-exec");
        }

        var python = FindSystem("python3");
        var (version, libraries) = python is null ? (null, []) : Probe(python);
        return new SandboxHost
        {
            Kind = kind,
            SandboxProgram = program,
            Python = python,
            PythonVersion = version,
            PythonLibraries = libraries,
            Bash = FindSystem("bash"),
            Prlimit = FindSystem("prlimit"),
            CanOverlay = FindSystem("setpriv") is not null && FindSystem("mount") is not null && FindSystem("umount") is not null,
            IsRoot = Environment.IsPrivilegedProcess,
        };
    }

    /// <summary>
    /// The version from the interpreter's name (python3 → python3.11) and the libraries from the system's package
    /// folders: file lookups only, since starting Python here would delay every task's first request.
    /// </summary>
    private static (string? Version, IReadOnlyList<string> Libraries) Probe(string python)
    {
        var name = Path.GetFileName(File.ResolveLinkTarget(python, returnFinalTarget: true)?.FullName ?? python);
        var version = name.StartsWith("python3.", StringComparison.Ordinal) ? name["python".Length..] : "3";
        string[] sites =
        [
            "/usr/lib/python3/dist-packages", $"/usr/local/lib/python{version}/dist-packages", $"/usr/lib/python{version}/site-packages",
            $"/usr/lib64/python{version}/site-packages", $"/usr/local/lib/python{version}/site-packages",
        ];
        var found = NotableLibraries
            .Where(library => sites.Any(site => Directory.Exists(Path.Combine(site, library)) || File.Exists(Path.Combine(site, library + ".py"))))
            .ToList();
        return (version, found);
    }

    private static string? FindSystem(string name) =>
        SystemBin.Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
