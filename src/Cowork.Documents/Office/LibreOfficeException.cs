namespace Cowork.Documents;

/// <summary>LibreOffice could not do a conversion: it failed, timed out or wrote nothing. The message is safe to show.</summary>
public sealed class LibreOfficeException(string message) : Exception(message);
