namespace Cowork.Files;

/// <summary>Opens granted folders as <see cref="IFolderRoot"/>s, with the strongest confinement the platform offers.</summary>
/// <remarks>
/// On Linux 5.6+ (x86-64, arm64, riscv64, loongarch64) the root is resolved by the kernel with <c>openat2</c>; where
/// <c>openat2</c> is missing (the kernel says <c>ENOSYS</c>, or a seccomp filter refuses it; probed once per process)
/// and on macOS and Windows, the root is the stricter, component-walking <see cref="PortableFolderRoot"/>, which has a
/// check-then-act window the kernel root does not.
/// </remarks>
public static class FolderRoot
{
    /// <summary>The name every temporary file of <see cref="IFolderRoot.WriteAtomic"/> starts with; nothing else of the person's has it.</summary>
    public static ReadOnlySpan<byte> TemporaryPrefix => ".cowork-tmp-"u8;

    /// <summary>Opens <paramref name="absolutePath"/> (links in the path itself are followed: it is the grant).</summary>
    /// <exception cref="ArgumentException">The path is not absolute.</exception>
    /// <exception cref="FolderRootException">The folder does not exist (<see cref="FolderRootReason.NotFound"/>), is not a
    /// folder (<see cref="FolderRootReason.NotADirectory"/>), or cannot be opened.</exception>
    public static IFolderRoot Open(string absolutePath) => Open(absolutePath, forcePortable: false);

    /// <summary>Whether <see cref="Open(string)"/> returns the kernel-resolved root on this machine.</summary>
    internal static bool KernelRootAvailable => LinuxFolderRoot.IsAvailable;

    /// <summary>Opens the root; <paramref name="forcePortable"/> picks the fallback even where openat2 works (for tests).</summary>
    internal static IFolderRoot Open(string absolutePath, bool forcePortable)
    {
        ArgumentException.ThrowIfNullOrEmpty(absolutePath);
        if (!Path.IsPathFullyQualified(absolutePath) || absolutePath.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{absolutePath} is not an absolute path.", nameof(absolutePath));
        }

        var rootPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(absolutePath));
        if (!forcePortable && LinuxFolderRoot.TryOpen(rootPath) is { } kernelRoot)
        {
            return kernelRoot;
        }

        return PortableFolderRoot.Open(rootPath);
    }
}
