using System.Runtime.InteropServices;

namespace Cowork.Files;

/// <summary>A POSIX file descriptor that is closed exactly once, when the last user releases it.</summary>
/// <remarks>
/// Callers borrow the descriptor with <see cref="SafeHandle.DangerousAddRef"/> for the span of one operation, so
/// disposing the owner while an operation runs on another thread defers the close until that operation ends.
/// </remarks>
internal sealed class FileDescriptorHandle : SafeHandle
{
    public FileDescriptorHandle(int descriptor)
        : base(invalidHandleValue: -1, ownsHandle: true) => SetHandle(descriptor);

    public override bool IsInvalid => handle < 0;

    protected override bool ReleaseHandle() => LinuxSyscalls.Close((int)handle) == 0;
}
