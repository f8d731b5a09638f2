namespace Cowork.Data;

/// <summary>What a column holds, as inferred from its values.</summary>
public enum ColumnKind
{
    /// <summary>Every value is missing.</summary>
    Empty,
    Boolean,
    Integer,

    /// <summary>Numbers with a fraction, thousands separators, a currency symbol or a percent sign.</summary>
    Number,
    Date,
    DateTime,
    Text,
}
