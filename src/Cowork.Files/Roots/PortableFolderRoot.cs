using System.Security.Cryptography;
using System.Text;

namespace Cowork.Files;

/// <summary>
/// The fallback folder root for macOS, Windows and Linux kernels without <c>openat2</c>: managed file APIs on host
/// paths, after a walk from the root that checks every component and refuses any symbolic link (or Windows reparse
/// point) in any component.
/// </summary>
/// <remarks>
/// <para><b>Stricter than the openat2 root:</b> no link is ever followed, not even one that stays inside the root
/// (<see cref="FolderRootReason.SymbolicLink"/>). A final link can still be inspected, renamed and removed (those act
/// on the link itself); every other operation refuses it. On Windows every reparse point counts as a link, cloud-file
/// placeholders included.</para>
/// <para><b>Weaker than the openat2 root:</b> the walk and the operation are separate system calls, so there is a
/// check-then-act (TOCTOU) window: a process that swaps a checked folder for a link between the walk and the call can
/// redirect that one call. The openat2 root has no such window; use this one only where it is missing.</para>
/// <para><b>Names must be valid UTF-8</b> (on Windows, valid file names): the managed APIs take strings, so a name
/// that is not valid UTF-8 cannot be addressed (<see cref="FolderRootReason.Other"/>), and <see cref="List"/> leaves
/// out entries whose names do not survive the round trip through a string.</para>
/// <para>Thread-safe: it holds only the root path.</para>
/// </remarks>
internal sealed class PortableFolderRoot : IFolderRoot
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly EnumerationOptions ListOptions = new()
    {
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
    };

    private static readonly string[] WindowsDeviceNames =
        ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", .. Enumerable.Range(0, 10).SelectMany(i => new[] { $"COM{i}", $"LPT{i}" }),
         "COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³"];

    private volatile bool _disposed;

    private PortableFolderRoot(string rootPath) => RootPath = rootPath;

    public string RootPath { get; }

    /// <exception cref="FolderRootException">The folder does not exist or is not a folder.</exception>
    internal static PortableFolderRoot Open(string rootPath)
    {
        const string Action = "open the folder";
        EntryStatus? status;
        try
        {
            status = PortableNative.Status(rootPath, followFinal: true);
        }
        catch (Exception e) when (IsFileSystemError(e))
        {
            throw Map(e, Action, rootPath);
        }

        return status switch
        {
            null => throw FolderRootErrors.Create(FolderRootReason.NotFound, Action, rootPath),
            { Kind: not EntryKind.Directory } => throw FolderRootErrors.Create(FolderRootReason.NotADirectory, Action, rootPath, "it is not a folder"),
            _ => new PortableFolderRoot(rootPath),
        };
    }

    public EntryStatus? Stat(RelativePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        const string Action = "inspect";
        return Run(Action, path, () =>
        {
            if (path.IsRoot)
            {
                return PortableNative.Status(RootPath, followFinal: true);
            }

            var parent = Walk(path, path.Components.Count - 1, Action, path, nullIfMissing: true);
            return parent is null ? null : Lstat(Path.Join(parent, NameOf(path.NameBytes, Action, path)));
        });
    }

    public IReadOnlyList<DirectoryEntry> List(RelativePath folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        const string Action = "list";
        return Run(Action, folder, () =>
        {
            var full = Walk(folder, folder.Components.Count, Action, folder, nullIfMissing: false)!;
            var entries = new List<DirectoryEntry>();
            foreach (var entry in Directory.EnumerateFileSystemEntries(full, "*", ListOptions))
            {
                // A name that is not valid UTF-8 comes back with U+FFFD in it and no longer names the entry.
                if (Lstat(entry) is { } status)
                {
                    entries.Add(new DirectoryEntry(folder.Append(Path.GetFileName(entry)), status));
                }
            }

            return (IReadOnlyList<DirectoryEntry>)entries;
        });
    }

    public Stream OpenRead(RelativePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        const string Action = "read";
        return Run(Action, path, () =>
        {
            var full = Final(path, Action);
            RefuseUnlessFile(Lstat(full), Action, path, allowMissing: false);
            return (Stream)new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 4096);
        });
    }

    public void CreateDirectory(RelativePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        const string Action = "create the folder";
        Run(Action, path, () =>
        {
            if (path.IsRoot)
            {
                throw FolderRootErrors.Create(FolderRootReason.Exists, Action, path);
            }

            var full = Final(path, Action);
            if (Lstat(full) is not null)
            {
                throw FolderRootErrors.Create(FolderRootReason.Exists, Action, path);
            }

            Directory.CreateDirectory(full);
            return 0;
        });
    }

    public void Rename(RelativePath from, RelativePath to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var action = $"rename '{from}' to";
        Run(action, to, () =>
        {
            if (from.IsRoot || to.IsRoot)
            {
                throw FolderRootErrors.Create(FolderRootReason.PermissionDenied, action, to, "the granted folder itself cannot be moved or replaced");
            }

            var source = Final(from, action, to);
            var target = Final(to, action, to);
            var status = Lstat(source) ?? throw FolderRootErrors.Create(FolderRootReason.NotFound, action, to, $"'{from}' does not exist");
            if (Lstat(target) is not null)
            {
                throw FolderRootErrors.Create(FolderRootReason.Exists, action, to);
            }

            if (to.IsWithin(from))
            {
                throw FolderRootErrors.Create(FolderRootReason.Other, action, to, "a folder cannot be moved into itself");
            }

            if (status.Kind == EntryKind.Directory || (OperatingSystem.IsWindows() && Directory.Exists(source)))
            {
                Directory.Move(source, target);
            }
            else if (status.Kind == EntryKind.File)
            {
                File.Move(source, target, overwrite: false);
            }
            else if (OperatingSystem.IsWindows())
            {
                File.Move(source, target, overwrite: false);
            }
            else
            {
                // A link or special file: rename(2) acts on the entry itself, where File.Move looks through a final
                // link (and refuses one that dangles or points at a folder). The target was checked to be free above.
                PortableNative.Rename(source, target);
            }

            return 0;
        });
    }

    public void Remove(RelativePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        const string Action = "remove";
        Run(Action, path, () =>
        {
            if (path.IsRoot)
            {
                throw FolderRootErrors.Create(FolderRootReason.PermissionDenied, Action, path, "the granted folder itself cannot be removed");
            }

            var full = Final(path, Action);
            var status = Lstat(full) ?? throw FolderRootErrors.Create(FolderRootReason.NotFound, Action, path);
            if (status.Kind == EntryKind.Directory)
            {
                if (Directory.EnumerateFileSystemEntries(full, "*", ListOptions).Any())
                {
                    throw FolderRootErrors.Create(FolderRootReason.DirectoryNotEmpty, Action, path);
                }

                Directory.Delete(full, recursive: false);
            }
            else if (OperatingSystem.IsWindows() && Directory.Exists(full))
            {
                Directory.Delete(full, recursive: false); // a directory link or junction: removes the link only
            }
            else
            {
                File.Delete(full);
            }

            return 0;
        });
    }

    public void WriteAtomic(RelativePath path, Action<Stream> write, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        const string Action = "write";
        if (path.IsRoot)
        {
            throw FolderRootErrors.Create(FolderRootReason.IsADirectory, Action, path);
        }

        string full;
        string parent;
        EntryStatus? existing;
        try
        {
            parent = Walk(path, path.Components.Count - 1, Action, path, nullIfMissing: false)!;
            full = Path.Join(parent, NameOf(path.NameBytes, Action, path));
            existing = Lstat(full);
        }
        catch (Exception e) when (IsFileSystemError(e))
        {
            throw Map(e, Action, path);
        }

        RefuseUnlessFile(existing, Action, path, allowMissing: true);
        if (existing is { LinkCount: > 1 })
        {
            throw FolderRootErrors.Create(FolderRootReason.HardLinked, Action, path);
        }

        if (existing is not null && !overwrite)
        {
            throw FolderRootErrors.Create(FolderRootReason.Exists, Action, path);
        }

        var temporary = Path.Join(parent, Encoding.ASCII.GetString(FolderRoot.TemporaryPrefix) + RandomNumberGenerator.GetHexString(16, lowercase: true));
        var temporaryExists = false;
        try
        {
            bool flushed;
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 4096))
            {
                temporaryExists = true;
                write(stream);
                flushed = stream.CanWrite;
                if (flushed)
                {
                    stream.Flush(flushToDisk: true);
                }
            }

            if (!flushed)
            {
                // The callback disposed the stream: its bytes reached the OS but not the disk.
                using var again = new FileStream(temporary, FileMode.Open, FileAccess.Write, FileShare.None, bufferSize: 1);
                again.Flush(flushToDisk: true);
            }

            if (existing is not null && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(full));
            }

            if (!overwrite && Lstat(full) is not null)
            {
                throw FolderRootErrors.Create(FolderRootReason.Exists, Action, path);
            }

            File.Move(temporary, full, overwrite);
            temporaryExists = false;
            try
            {
                PortableNative.SyncDirectory(parent);
            }
            catch (IOException)
            {
                // Best effort: the new file is in place; flushing the folder only makes its name durable sooner.
            }
        }
        catch (Exception e) when (IsFileSystemError(e))
        {
            throw Map(e, Action, path);
        }
        finally
        {
            if (temporaryExists)
            {
                try
                {
                    File.Delete(temporary);
                }
                catch (Exception e) when (IsFileSystemError(e))
                {
                    // Leave it: the original error matters more than a stray temporary file.
                }
            }
        }
    }

    public void SetModified(RelativePath path, DateTimeOffset modified)
    {
        ArgumentNullException.ThrowIfNull(path);
        const string Action = "set the modification time of";
        Run(Action, path, () =>
        {
            if (path.IsRoot)
            {
                Directory.SetLastWriteTimeUtc(RootPath, modified.UtcDateTime);
                return 0;
            }

            var full = Final(path, Action);
            var status = Lstat(full) ?? throw FolderRootErrors.Create(FolderRootReason.NotFound, Action, path);
            switch (status.Kind)
            {
                case EntryKind.Directory:
                    Directory.SetLastWriteTimeUtc(full, modified.UtcDateTime);
                    break;
                case EntryKind.File:
                    File.SetLastWriteTimeUtc(full, modified.UtcDateTime);
                    break;
                case EntryKind.SymbolicLink:
                    throw FolderRootErrors.Create(FolderRootReason.SymbolicLink, Action, path);
                default:
                    throw FolderRootErrors.Create(FolderRootReason.SpecialFile, Action, path);
            }

            return 0;
        });
    }

    public void SyncDirectory(RelativePath folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        const string Action = "flush the folder";
        Run(Action, folder, () =>
        {
            PortableNative.SyncDirectory(Walk(folder, folder.Components.Count, Action, folder, nullIfMissing: false)!);
            return 0;
        });
    }

    public void Dispose() => _disposed = true;

    private static void RefuseUnlessFile(EntryStatus? status, string action, RelativePath path, bool allowMissing)
    {
        var reason = status?.Kind switch
        {
            null => allowMissing ? null : FolderRootReason.NotFound,
            EntryKind.File => (FolderRootReason?)null,
            EntryKind.Directory => FolderRootReason.IsADirectory,
            EntryKind.SymbolicLink => FolderRootReason.SymbolicLink,
            _ => FolderRootReason.SpecialFile,
        };
        if (reason is { } refused)
        {
            throw FolderRootErrors.Create(refused, action, path);
        }
    }

    /// <summary>The host path of the first <paramref name="count"/> components, each checked to be a real folder.</summary>
    /// <returns><see langword="null"/> when a component is missing and <paramref name="nullIfMissing"/> is set.</returns>
    private string? Walk(RelativePath path, int count, string action, RelativePath subject, bool nullIfMissing)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        foreach (var component in path.Components)
        {
            _ = NameOf(component, action, subject); // check every name before touching the disk
        }

        var current = RootPath;
        for (var i = 0; i < count; i++)
        {
            current = Path.Join(current, NameOf(path.Components[i], action, subject));
            var status = Lstat(current);
            if (status is null && nullIfMissing)
            {
                return null;
            }

            var reason = status?.Kind switch
            {
                null => FolderRootReason.NotFound,
                EntryKind.Directory => (FolderRootReason?)null,
                EntryKind.SymbolicLink => FolderRootReason.SymbolicLink,
                _ => FolderRootReason.NotADirectory,
            };
            if (reason is { } refused)
            {
                throw FolderRootErrors.Create(refused, action, subject);
            }
        }

        return current;
    }

    /// <summary>The host path of <paramref name="path"/>, its folders checked by <see cref="Walk"/>.</summary>
    private string Final(RelativePath path, string action, RelativePath? subject = null)
    {
        subject ??= path;
        var parent = Walk(path, path.Components.Count - 1, action, subject, nullIfMissing: false)!;
        return Path.Join(parent, NameOf(path.NameBytes, action, subject));
    }

    private static EntryStatus? Lstat(string full) => PortableNative.Status(full, followFinal: false);

    private static string NameOf(ReadOnlySpan<byte> bytes, string action, RelativePath subject)
    {
        if (!OperatingSystem.IsWindows() && bytes.Length > 255)
        {
            throw FolderRootErrors.Create(FolderRootReason.NameTooLong, action, subject);
        }

        string name;
        try
        {
            name = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw FolderRootErrors.Create(
                FolderRootReason.Other, action, subject, "a name in the path is not valid UTF-8, which this platform's file functions cannot address", e);
        }

        if (OperatingSystem.IsWindows())
        {
            if (name.Length > 255)
            {
                throw FolderRootErrors.Create(FolderRootReason.NameTooLong, action, subject);
            }

            if (!IsValidWindowsName(name))
            {
                throw FolderRootErrors.Create(FolderRootReason.Other, action, subject, $"'{name}' is not a valid file name on Windows");
            }
        }

        return name;
    }

    /// <summary>Refuses what Windows would reinterpret: separators, streams (':'), wildcards, trailing dots and spaces, device names.</summary>
    private static bool IsValidWindowsName(string name)
    {
        if (name.AsSpan().IndexOfAny("<>:\"/\\|?*") >= 0 || name.Any(c => c < 0x20) || name[^1] is '.' or ' ')
        {
            return false;
        }

        var stem = name.Split('.')[0].TrimEnd(' ');
        return !WindowsDeviceNames.Contains(stem, StringComparer.OrdinalIgnoreCase);
    }

    private T Run<T>(string action, RelativePath subject, Func<T> operation)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            return operation();
        }
        catch (Exception e) when (IsFileSystemError(e))
        {
            throw Map(e, action, subject);
        }
    }

    private static bool IsFileSystemError(Exception e) =>
        e is (IOException and not FolderRootException) or UnauthorizedAccessException;

    private static FolderRootException Map(Exception e, string action, RelativePath subject) => Map(e, action, subject.ToString());

    private static FolderRootException Map(Exception e, string action, string displayPath)
    {
        var reason = ReasonFor(e);
        return FolderRootErrors.Create(reason, action, displayPath, reason == FolderRootReason.Other ? e.Message.TrimEnd('.') : null, e);
    }

    private static FolderRootReason ReasonFor(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => FolderRootReason.NotFound,
        UnauthorizedAccessException => FolderRootReason.PermissionDenied,
        PathTooLongException => FolderRootReason.NameTooLong,
        IOException io when OperatingSystem.IsWindows() && (io.HResult & 0xFFFF0000) == 0x80070000 => (io.HResult & 0xFFFF) switch
        {
            2 or 3 => FolderRootReason.NotFound,
            5 => FolderRootReason.PermissionDenied,
            80 or 183 => FolderRootReason.Exists,
            145 => FolderRootReason.DirectoryNotEmpty,
            39 or 112 => FolderRootReason.NoSpace,
            206 => FolderRootReason.NameTooLong,
            19 => FolderRootReason.ReadOnlyFileSystem,
            267 => FolderRootReason.NotADirectory,
            _ => FolderRootReason.Other,
        },
        IOException io when OperatingSystem.IsLinux() => io.HResult switch
        {
            LinuxSyscalls.ENOENT => FolderRootReason.NotFound,
            LinuxSyscalls.EEXIST => FolderRootReason.Exists,
            LinuxSyscalls.ENOTDIR => FolderRootReason.NotADirectory,
            LinuxSyscalls.EISDIR => FolderRootReason.IsADirectory,
            LinuxSyscalls.ENOTEMPTY => FolderRootReason.DirectoryNotEmpty,
            LinuxSyscalls.EACCES or LinuxSyscalls.EPERM => FolderRootReason.PermissionDenied,
            LinuxSyscalls.ENOSPC or LinuxSyscalls.EDQUOT => FolderRootReason.NoSpace,
            LinuxSyscalls.ENAMETOOLONG => FolderRootReason.NameTooLong,
            LinuxSyscalls.EROFS => FolderRootReason.ReadOnlyFileSystem,
            LinuxSyscalls.ELOOP => FolderRootReason.SymbolicLink,
            _ => FolderRootReason.Other,
        },
        IOException io => io.HResult switch // Darwin and the BSDs
        {
            2 => FolderRootReason.NotFound,
            17 => FolderRootReason.Exists,
            20 => FolderRootReason.NotADirectory,
            21 => FolderRootReason.IsADirectory,
            66 => FolderRootReason.DirectoryNotEmpty,
            1 or 13 => FolderRootReason.PermissionDenied,
            28 or 69 => FolderRootReason.NoSpace,
            63 => FolderRootReason.NameTooLong,
            30 => FolderRootReason.ReadOnlyFileSystem,
            62 => FolderRootReason.SymbolicLink,
            _ => FolderRootReason.Other,
        },
        _ => FolderRootReason.Other,
    };
}
