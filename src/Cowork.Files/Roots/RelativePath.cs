using System.Text;

namespace Cowork.Files;

/// <summary>
/// A path beneath a granted folder, as raw name bytes: file names on Linux are bytes, not text, and a name that is
/// not valid UTF-8 must still be moved, journaled and restored exactly.
/// </summary>
/// <remarks>
/// Components are never empty, ".", or "..", and never contain '/' or NUL: <see cref="Parse"/> normalizes lexically
/// and refuses anything that climbs above the root. <see cref="Root"/> (no components) is the granted folder itself.
/// Immutable; equality is by bytes.
/// </remarks>
public sealed class RelativePath : IEquatable<RelativePath>
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly byte[][] _components;

    private RelativePath(byte[][] components) => _components = components;

    public static RelativePath Root { get; } = new([]);

    public IReadOnlyList<byte[]> Components => _components;

    public bool IsRoot => _components.Length == 0;

    /// <summary>The last component's bytes; empty for the root.</summary>
    public ReadOnlySpan<byte> NameBytes => IsRoot ? [] : _components[^1];

    /// <summary>The last component for people (invalid UTF-8 shown as U+FFFD).</summary>
    public string Name => IsRoot ? "" : Display(_components[^1]);

    public RelativePath Parent => IsRoot ? this : new RelativePath(_components[..^1]);

    /// <summary>Parses a '/'-separated (or, on Windows, '\'-separated) relative path, resolving "." and ".." lexically.</summary>
    /// <exception cref="ArgumentException">The path is absolute, climbs above the root, or contains NUL.</exception>
    public static RelativePath Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("The path contains a NUL character.", nameof(path));
        }

        if (Path.IsPathRooted(path))
        {
            throw new ArgumentException($"{path} is not a relative path.", nameof(path));
        }

        var parts = new List<byte[]>();
        foreach (var part in path.Split(OperatingSystem.IsWindows() ? ['/', '\\'] : ['/']))
        {
            switch (part)
            {
                case "" or ".":
                    continue;
                case "..":
                    if (parts.Count == 0)
                    {
                        throw new ArgumentException($"{path} leads above the folder.", nameof(path));
                    }

                    parts.RemoveAt(parts.Count - 1);
                    continue;
                default:
                    parts.Add(Encoding.UTF8.GetBytes(part));
                    break;
            }
        }

        return new RelativePath([.. parts]);
    }

    /// <summary>This path with one more component.</summary>
    /// <exception cref="ArgumentException">The name is empty, ".", "..", or contains '/' or NUL.</exception>
    public RelativePath Append(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty || name.SequenceEqual("."u8) || name.SequenceEqual(".."u8) || name.IndexOfAny((byte)'/', (byte)0) >= 0)
        {
            throw new ArgumentException($"'{Display(name)}' is not a file name.", nameof(name));
        }

        return new RelativePath([.. _components, name.ToArray()]);
    }

    public RelativePath Append(string name) => Append(Encoding.UTF8.GetBytes(name));

    /// <summary>Whether this path is <paramref name="other"/> or lies beneath it.</summary>
    public bool IsWithin(RelativePath other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other._components.Length <= _components.Length
            && other._components.Select((c, i) => c.AsSpan().SequenceEqual(_components[i])).All(same => same);
    }

    /// <summary>The raw path bytes, components joined by '/'; empty for the root.</summary>
    public byte[] ToBytes()
    {
        var length = _components.Sum(c => c.Length) + Math.Max(0, _components.Length - 1);
        var bytes = new byte[length];
        var at = 0;
        for (var i = 0; i < _components.Length; i++)
        {
            if (i > 0)
            {
                bytes[at++] = (byte)'/';
            }

            _components[i].CopyTo(bytes, at);
            at += _components[i].Length;
        }

        return bytes;
    }

    public static RelativePath FromBytes(ReadOnlySpan<byte> bytes)
    {
        var path = Root;
        foreach (var range in bytes.Split((byte)'/'))
        {
            var part = bytes[range];
            if (!part.IsEmpty)
            {
                path = path.Append(part);
            }
        }

        return path;
    }

    /// <summary>Whether every component is valid UTF-8 (so <see cref="ToString"/> is exact).</summary>
    public bool IsValidUtf8 => _components.All(c => IsUtf8(c));

    /// <summary>The path for people and for the model, '/'-separated; "." for the root.</summary>
    public override string ToString() => IsRoot ? "." : string.Join('/', _components.Select(c => Display(c)));

    /// <summary>The path in the host's form beneath <paramref name="rootPath"/>, for display and for APIs that take strings.</summary>
    public string ToHostPath(string rootPath) =>
        IsRoot ? rootPath : Path.Combine([rootPath, .. _components.Select(c => Display(c))]);

    public bool Equals(RelativePath? other) =>
        other is not null && other._components.Length == _components.Length
        && _components.Select((c, i) => c.AsSpan().SequenceEqual(other._components[i])).All(same => same);

    public override bool Equals(object? obj) => Equals(obj as RelativePath);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var component in _components)
        {
            hash.AddBytes(component);
            hash.Add('/');
        }

        return hash.ToHashCode();
    }

    private static string Display(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    private static bool IsUtf8(byte[] bytes)
    {
        try
        {
            StrictUtf8.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
