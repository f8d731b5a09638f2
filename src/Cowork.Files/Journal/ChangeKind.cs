using System.Text.Json.Serialization;

namespace Cowork.Files;

/// <summary>The kinds of change the journal records; each has an inverse that undo applies.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChangeKind>))]
public enum ChangeKind
{
    /// <summary>A folder was made. Undo removes it if it is empty.</summary>
    [JsonStringEnumMemberName("make_folder")] MakeFolder,

    /// <summary>A file or folder was renamed or moved. Undo moves it back.</summary>
    [JsonStringEnumMemberName("move")] Move,

    /// <summary>A new file was written. Undo moves it to the trash.</summary>
    [JsonStringEnumMemberName("create")] Create,

    /// <summary>A file was copied to a new name. Undo moves the copy to the trash.</summary>
    [JsonStringEnumMemberName("copy")] Copy,

    /// <summary>A file's content was replaced; the old bytes are in the trash. Undo writes them back.</summary>
    [JsonStringEnumMemberName("overwrite")] Overwrite,

    /// <summary>A file was deleted, which means moved to the trash. Undo writes it back.</summary>
    [JsonStringEnumMemberName("delete")] Delete,
}
