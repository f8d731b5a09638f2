namespace Cowork.Sandbox;

/// <summary>A granted folder as the sandbox shows it, at its own path.</summary>
/// <param name="Layer">
/// For a read-write grant: the host folder holding the overlay's <c>upper</c> and <c>work</c> folders, where the
/// code's changes land instead of in the grant. <see langword="null"/> for a read-only grant.
/// </param>
internal sealed record SandboxMount(string Path, string? Layer)
{
    public bool Writable => Layer is not null;
}
