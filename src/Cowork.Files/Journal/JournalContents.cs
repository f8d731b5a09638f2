namespace Cowork.Files;

/// <summary>A journal as read back: the header, every intent in order, the commits by batch id, and what undo already reversed.</summary>
public sealed record JournalContents(
    HeaderRecord Header,
    IReadOnlyList<IntentRecord> Intents,
    IReadOnlyDictionary<long, CommitRecord> Commits,
    IReadOnlySet<(long Id, int Index)> Undone)
{
    /// <summary>Every change, oldest first, with whether its batch says it failed (null: the batch never committed).</summary>
    public IEnumerable<(long Id, int Index, Change Change, bool? Happened)> Changes()
    {
        foreach (var intent in Intents)
        {
            var commit = Commits.GetValueOrDefault(intent.Id);
            for (var i = 0; i < intent.Changes.Count; i++)
            {
                yield return (intent.Id, i, intent.Changes[i], commit is null ? null : !commit.Failed.Contains(i));
            }
        }
    }
}
