namespace Cowork;

/// <summary>Settings for one model provider in the config file.</summary>
public sealed record ProviderConfig
{
    /// <summary>Where the provider's API is; the provider's environment variable wins over this.</summary>
    public string? BaseUrl { get; init; }
}
