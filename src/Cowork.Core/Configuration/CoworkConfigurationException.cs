namespace Cowork;

/// <summary>
/// The person's settings or command line cannot work as given. The message is one line that says how to fix it;
/// the CLI prints it and exits with code 2, having changed nothing.
/// </summary>
public sealed class CoworkConfigurationException(string message) : Exception(message);
