using System.ClientModel;
using System.Net;
using Anthropic.Exceptions;

namespace Cowork;

/// <summary>Turns what the provider SDKs throw into a <see cref="ModelFailureKind"/> and a one-line message.</summary>
internal static class ModelErrors
{
    public static ModelFailureKind Classify(Exception exception) => exception switch
    {
        ModelException model => model.Kind,
        AnthropicApiException api => FromStatus((int)api.StatusCode),
        AnthropicSseException sse => sse.Message.Contains("overloaded", StringComparison.OrdinalIgnoreCase)
            || sse.Message.Contains("api_error", StringComparison.OrdinalIgnoreCase)
            ? ModelFailureKind.Transient : ModelFailureKind.Other,
        AnthropicIOException => ModelFailureKind.Transient,
        ClientResultException result => result.Status == 0 ? ModelFailureKind.Transient : FromStatus(result.Status),
        HttpRequestException http => http.StatusCode is { } status ? FromStatus((int)status) : ModelFailureKind.Transient,
        IOException => ModelFailureKind.Transient,
        TimeoutException => ModelFailureKind.Transient,
        // Reached only when the caller's token was not cancelled: an HTTP timeout.
        OperationCanceledException => ModelFailureKind.Transient,
        _ when exception.InnerException is { } inner => Classify(inner),
        _ => ModelFailureKind.Other,
    };

    public static ModelFailureKind FromStatus(int status) => status switch
    {
        401 or 403 => ModelFailureKind.Authentication,
        404 => ModelFailureKind.ModelNotFound,
        408 or 409 or 425 or 429 or >= 500 => ModelFailureKind.Transient,
        400 or 413 or 422 => ModelFailureKind.BadRequest,
        _ => ModelFailureKind.Other,
    };

    /// <summary>How long the provider asked us to wait, when it said.</summary>
    public static TimeSpan? RetryAfter(Exception exception)
    {
        if (exception is ClientResultException result && result.GetRawResponse() is { } response
            && response.Headers.TryGetValue("retry-after", out var value)
            && int.TryParse(value, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return null;
    }

    public static int? Status(Exception exception) => exception switch
    {
        AnthropicApiException api => (int)api.StatusCode,
        ClientResultException { Status: > 0 } result => result.Status,
        HttpRequestException { StatusCode: HttpStatusCode status } => (int)status,
        _ => null,
    };

    /// <summary>A one-line message that says what went wrong and how to fix it.</summary>
    public static string Describe(Exception exception, ModelSpec model)
    {
        var status = Status(exception) is { } code ? $" (HTTP {code})" : "";
        var keyVariable = model.Provider switch
        {
            ModelProvider.Anthropic => "ANTHROPIC_API_KEY",
            ModelProvider.OpenAI => "OPENAI_API_KEY",
            _ => null,
        };
        var provider = model.Provider switch
        {
            ModelProvider.OpenAI => "OpenAI-compatible",
            _ => model.Provider.ToString(),
        };
        return Classify(exception) switch
        {
            ModelFailureKind.Authentication => $"The {provider} API rejected the key{status}." +
                (keyVariable is null ? " Check the server's credentials." : $" Check {keyVariable}."),
            ModelFailureKind.ModelNotFound => $"The model '{model.Name}' was not found at the {provider} API{status}. Check the name given with --model.",
            ModelFailureKind.BadRequest => $"The model refused the request{status}: {FirstLine(ProviderMessage(exception))}",
            ModelFailureKind.Transient => $"The model could not be reached{status}: {FirstLine(ProviderMessage(exception))}",
            _ => $"The model call failed{status}: {FirstLine(ProviderMessage(exception))}",
        };
    }

    private static string ProviderMessage(Exception exception) => exception switch
    {
        AnthropicServiceException { ApiMessage: { Length: > 0 } message } => message,
        ClientResultException result when ErrorBodyMessage(result) is { } message => message,
        _ => exception.Message,
    };

    /// <summary>The "error.message" of an OpenAI-style error body, which says more than the exception's status line.</summary>
    private static string? ErrorBodyMessage(ClientResultException exception)
    {
        try
        {
            var body = exception.GetRawResponse()?.Content;
            if (body is null || body.ToMemory().IsEmpty)
            {
                return null;
            }

            using var document = System.Text.Json.JsonDocument.Parse(body.ToMemory());
            return document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == System.Text.Json.JsonValueKind.Object
                && error.TryGetProperty("message", out var message)
                ? message.GetString()
                : null;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        line = line.Length > 300 ? line[..300] + "…" : line;
        return line.EndsWith('.') || line.EndsWith('…') ? line : line + ".";
    }
}
