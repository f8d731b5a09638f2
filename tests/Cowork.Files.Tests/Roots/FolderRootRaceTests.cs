using Xunit.Abstractions;

namespace Cowork.Files.Tests;

/// <summary>
/// A folder is swapped for a link to the outside, atomically and over and over, while the root keeps working inside
/// it: nothing may ever land outside.
/// </summary>
/// <remarks>
/// Only the openat2 root runs this: the portable fallback checks each component and then acts on a host path, so a
/// swap between its check and its call can redirect that call (the TOCTOU window its remarks document). This test
/// would fail for it in theory, and sometimes in practice.
/// </remarks>
public sealed class FolderRootRaceTests(ITestOutputHelper output)
{
    private const int Iterations = 2_000;

    [Theory]
    [MemberData(nameof(RootImplementations.KernelOnly), MemberType = typeof(RootImplementations))]
    public void Swapping_a_folder_for_a_link_to_outside_never_lets_a_change_escape(string implementation)
    {
        if (!RootImplementations.KernelAvailable)
        {
            return;
        }

        using var scratch = new RootScratch("work/", "work/keep.txt", "absolute => $OUT", "relative => ../OUT");
        var canary = scratch.Canary();
        var work = scratch.InRoot("work");
        var swaps = 0;
        var stop = 0;
        var attackerError = 0;
        using var firstSwap = new ManualResetEventSlim();

        // The attacker swaps "work" for a link to OUT and back, over and over: half the time atomically (renameat2
        // RENAME_EXCHANGE with a ready link), half the time with the rename dance (move the folder aside, put a link
        // in its place, remove the link, move the folder back); alternating absolute and relative links. Without
        // the spin, a lock convoy on ROOT makes the root see the link nearly every time; spinning a varying number
        // of iterations in the folder state spreads the swaps over every point of the operations.
        var attacker = new Thread(() =>
        {
            var parked = scratch.InRoot("parked");
            while (Volatile.Read(ref stop) == 0 && attackerError == 0)
            {
                var absolute = swaps % 2 == 0;
                var evil = scratch.InRoot(absolute ? "absolute" : "relative");
                if (swaps % 4 < 2)
                {
                    attackerError = TestNative.Rename2(work, evil, TestNative.RenameExchange);
                    firstSwap.Set();
                    attackerError |= TestNative.Rename2(work, evil, TestNative.RenameExchange);
                }
                else
                {
                    attackerError = TestNative.Rename2(work, parked, 0);
                    try
                    {
                        File.CreateSymbolicLink(work, absolute ? scratch.Outside : "../OUT");
                        firstSwap.Set();
                        File.Delete(work);
                    }
                    catch (IOException)
                    {
                        attackerError = -1;
                    }

                    attackerError |= TestNative.Rename2(parked, work, 0);
                }

                swaps++;
                Thread.SpinWait(swaps % 8 * 500);
            }

            firstSwap.Set();
        });
        attacker.Start();
        firstSwap.Wait();

        var refusals = new Dictionary<FolderRootReason, int>();
        var successes = 0;
        using (var root = RootImplementations.Open(implementation, scratch.Root))
        {
            for (var i = 0; i < Iterations; i++)
            {
                var file = RelativePath.Parse($"work/f{i}");
                var renamed = RelativePath.Parse($"work/g{i}");
                var folder = RelativePath.Parse($"work/d{i}");
                Action[] steps =
                [
                    () => root.WriteAtomic(file, s => s.Write("payload"u8), overwrite: true),
                    () => root.Rename(file, renamed),
                    () => root.CreateDirectory(folder),
                    () => root.SetModified(renamed, DateTimeOffset.UnixEpoch),
                    () => root.SetModified(RelativePath.Parse("work/target"), DateTimeOffset.UnixEpoch),
                    () => root.Stat(RelativePath.Parse("work/secret.txt")),
                    () => root.List(RelativePath.Parse("work")),
                    () => root.OpenRead(RelativePath.Parse("work/secret.txt")).Dispose(),
                    () => root.WriteAtomic(RelativePath.Parse("work/secret.txt"), s => s.Write("pwned"u8), overwrite: true),
                    () => root.Rename(RelativePath.Parse("work/target"), RelativePath.Parse("stolen")),
                    () => root.Remove(RelativePath.Parse("work/secret.txt")),
                    () => root.Remove(renamed),
                    () => root.Remove(folder),
                    () => root.SyncDirectory(RelativePath.Parse("work")),
                ];
                foreach (var step in steps)
                {
                    try
                    {
                        step();
                        successes++;
                    }
                    catch (FolderRootException e)
                    {
                        refusals[e.Reason] = refusals.GetValueOrDefault(e.Reason) + 1;
                    }
                }
            }
        }

        Volatile.Write(ref stop, 1);
        attacker.Join();

        Assert.Equal(0, attackerError);
        output.WriteLine($"{swaps} swaps, {successes} operations done, refused: {string.Join(", ", refusals.Select(r => $"{r.Key} {r.Value}"))}");
        Assert.True(Directory.Exists(work) && !new DirectoryInfo(work).Attributes.HasFlag(FileAttributes.ReparsePoint));
        Assert.Equal(canary, scratch.Canary());
        Assert.False(File.Exists(scratch.InRoot("stolen")));
        Assert.True(successes > 0);
    }
}
