using System.Text;

namespace Cowork.Tests;

/// <summary>A scripted HTTP response for a loopback server.</summary>
/// <param name="Status">The status code.</param>
/// <param name="Headers">Extra headers (content-type included).</param>
/// <param name="Parts">The body, in pieces: each piece of a chunked body is written and flushed on its own.</param>
/// <param name="Chunked">Send the body with chunked transfer encoding (as the real APIs stream) rather than a content-length.</param>
/// <param name="CutAfter">Close the connection after this many parts, without finishing the body: a dropped stream.</param>
internal sealed record LoopbackResponse(
    int Status,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    IReadOnlyList<string> Parts,
    bool Chunked = false,
    int? CutAfter = null)
{
    public static LoopbackResponse Json(int status, string body, params (string Name, string Value)[] headers) =>
        new(status, [new("content-type", "application/json"), .. headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))], [body]);

    public static LoopbackResponse EventStream(IReadOnlyList<string> events, int? cutAfter = null) =>
        new(200, [new("content-type", "text/event-stream"), new("cache-control", "no-cache")], events, Chunked: true, CutAfter: cutAfter);

    public static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        529 => "Overloaded",
        _ => "Status",
    };

    public int BodyLength => Parts.Sum(p => Encoding.UTF8.GetByteCount(p));
}
