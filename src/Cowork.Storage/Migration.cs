namespace Cowork.Storage;

/// <summary>One step of the schema: the SQL that takes a database from <c>Version - 1</c> to <see cref="Version"/>.</summary>
/// <remarks>Steps are never edited once released; a change to the schema is a new step at the end of <see cref="Migrations.All"/>.</remarks>
internal sealed record Migration(int Version, string Description, string Sql);
