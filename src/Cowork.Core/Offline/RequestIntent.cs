namespace Cowork;

/// <summary>An everyday request the offline planner understood, with its parameters filled in.</summary>
internal abstract record RequestIntent(FolderGrant Folder);

/// <summary>"What is in this folder?"</summary>
internal sealed record DescribeFolderIntent(FolderGrant Folder) : RequestIntent(Folder);

/// <summary>"Organize my Downloads by type and date."</summary>
internal sealed record OrganizeFolderIntent(FolderGrant Folder, OrganizeScheme Scheme) : RequestIntent(Folder);
