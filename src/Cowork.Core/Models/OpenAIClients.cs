using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Cowork;

/// <summary>The only place that touches the OpenAI SDK's client types; see <see cref="ModelClientFactory"/>.</summary>
internal static class OpenAIClients
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IChatClient Create(string model, string key, Uri? endpoint, TimeSpan timeout)
    {
        var options = new OpenAIClientOptions
        {
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = timeout,
        };
        if (endpoint is not null)
        {
            options.Endpoint = endpoint;
        }

        return new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(key), options).AsIChatClient();
    }
}
