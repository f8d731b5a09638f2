namespace Cowork;

/// <summary>One agent working on a task: the main agent, or a sub-agent it spawned.</summary>
/// <param name="Id">Unique within the task; the main agent is <see cref="MainId"/>.</param>
/// <param name="ParentId">The agent that spawned this one; <see langword="null"/> for the main agent.</param>
/// <param name="Title">What this agent was asked to do.</param>
public sealed record AgentInfo(string Id, string? ParentId, string Title)
{
    public const string MainId = "main";
}
