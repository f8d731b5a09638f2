namespace Cowork;

/// <summary>How organize_folder arranges files; the names are the tool's <c>by</c> argument.</summary>
public enum OrganizeScheme
{
    /// <summary>Category folders: Images, Documents, Spreadsheets, …</summary>
    Type,

    /// <summary>Year and month folders: 2024/2024-03.</summary>
    Date,

    /// <summary>Category, then year and month: Images/2024/2024-03.</summary>
    TypeThenDate,
}
