namespace Cowork.Files.Tests;

/// <summary>The two <see cref="IFolderRoot"/> implementations every root test runs against.</summary>
internal static class RootImplementations
{
    /// <summary>The openat2 root (<see cref="LinuxFolderRoot"/>); listed only where the kernel supports it.</summary>
    public const string Kernel = "kernel";

    /// <summary>The component-walking fallback (<see cref="PortableFolderRoot"/>), forced even where openat2 works.</summary>
    public const string Portable = "portable";

    public static IEnumerable<string> Available =>
        FolderRoot.KernelRootAvailable ? [Kernel, Portable] : [Portable];

    public static TheoryData<string> All => [.. Available];

    /// <summary>
    /// Only the kernel root, for what the fallback cannot promise (races, names that are not UTF-8). Always one row,
    /// because xunit 2 fails a theory without data: tests return early when <see cref="KernelAvailable"/> is false.
    /// </summary>
    public static TheoryData<string> KernelOnly => [Kernel];

    public static bool KernelAvailable => FolderRoot.KernelRootAvailable;

    public static IFolderRoot Open(string implementation, string path)
    {
        var root = FolderRoot.Open(path, forcePortable: implementation == Portable);
        if (implementation == Kernel)
        {
            Assert.IsType<LinuxFolderRoot>(root);
        }
        else
        {
            Assert.IsType<PortableFolderRoot>(root);
        }

        return root;
    }
}
