namespace Cowork.Documents;

internal enum FindingLevel
{
    Error,
    Warning,
}
