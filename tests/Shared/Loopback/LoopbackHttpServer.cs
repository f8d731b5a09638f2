using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cowork.Tests;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 and a free port, speaking straight over a socket so that a test controls
/// every byte: it records each request (method, path, headers, body) and answers from a queue of scripted responses.
/// </summary>
/// <remarks>
/// Every response closes its connection, so each request arrives on a fresh one. Streamed bodies use chunked transfer
/// encoding, as the real APIs do, which lets a response be cut off mid-body the way a dropped connection looks to a client.
/// When the queue is empty the server answers <see cref="Exhausted"/>, so a test that asks more than it scripted fails fast.
/// </remarks>
internal class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Queue<Func<LoopbackRequest, LoopbackResponse>> _script = new();
    private readonly List<LoopbackRequest> _requests = [];
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;

    public LoopbackHttpServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>http://127.0.0.1:PORT, without a trailing slash.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Every request received so far, in order of arrival.</summary>
    public IReadOnlyList<LoopbackRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Scripted responses not yet served.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _script.Count;
            }
        }
    }

    public void Enqueue(LoopbackResponse response) => Enqueue(_ => response);

    /// <summary>Queues a response that is made from the request it answers (streamed or not, for instance).</summary>
    public void Enqueue(Func<LoopbackRequest, LoopbackResponse> respond)
    {
        lock (_gate)
        {
            _script.Enqueue(respond);
        }
    }

    /// <summary>The answer once the script has run out.</summary>
    protected virtual LoopbackResponse Exhausted(LoopbackRequest request) =>
        LoopbackResponse.Json(400, """{"error":"loopback: no scripted response left"}""");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        Task[] connections;
        lock (_gate)
        {
            connections = [.. _connections];
        }

        await Task.WhenAll(connections);
        _stop.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(cancellationToken);
            lock (_gate)
            {
                _connections.Add(ServeAsync(client, cancellationToken));
            }
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        {
            try
            {
                client.NoDelay = true;
                var stream = client.GetStream();
                var reader = new HttpWireReader(stream);
                var request = await reader.ReadRequestAsync(cancellationToken);
                if (request is null)
                {
                    return;
                }

                Func<LoopbackRequest, LoopbackResponse>? respond;
                lock (_gate)
                {
                    _requests.Add(request);
                    respond = _script.Count > 0 ? _script.Dequeue() : null;
                }

                var response = respond?.Invoke(request) ?? Exhausted(request);
                await WriteAsync(stream, response, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away or the server is stopping: nothing to answer.
            }
        }
    }

    private static async Task WriteAsync(Stream stream, LoopbackResponse response, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {response.Status} {LoopbackResponse.ReasonPhrase(response.Status)}\r\n");
        foreach (var (name, value) in response.Headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append(response.Chunked ? "transfer-encoding: chunked\r\n" : $"content-length: {response.BodyLength.ToString(CultureInfo.InvariantCulture)}\r\n");
        head.Append("connection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken);

        if (!response.Chunked)
        {
            foreach (var part in response.Parts)
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(part), cancellationToken);
            }

            await stream.FlushAsync(cancellationToken);
            return;
        }

        await stream.FlushAsync(cancellationToken);
        for (var i = 0; i < response.Parts.Count; i++)
        {
            if (i == response.CutAfter)
            {
                return; // Drop the connection mid-body: no terminating chunk.
            }

            var bytes = Encoding.UTF8.GetBytes(response.Parts[i]);
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{bytes.Length:x}\r\n"), cancellationToken);
            await stream.WriteAsync(bytes, cancellationToken);
            await stream.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }

        if (response.CutAfter is null || response.CutAfter > response.Parts.Count)
        {
            await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }
    }

    /// <summary>Reads one HTTP/1.1 request: request line, headers, and a content-length or chunked body.</summary>
    private sealed class HttpWireReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;

        public async Task<LoopbackRequest?> ReadRequestAsync(CancellationToken cancellationToken)
        {
            var requestLine = await ReadLineAsync(cancellationToken);
            if (string.IsNullOrEmpty(requestLine))
            {
                return null;
            }

            var parts = requestLine.Split(' ');
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            while (await ReadLineAsync(cancellationToken) is { Length: > 0 } line)
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                var name = line[..colon].Trim();
                var value = line[(colon + 1)..].Trim();
                headers[name] = headers.TryGetValue(name, out var earlier) ? $"{earlier}, {value}" : value;
            }

            byte[] body;
            if (headers.TryGetValue("transfer-encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                using var collected = new MemoryStream();
                while (true)
                {
                    var sizeLine = await ReadLineAsync(cancellationToken) ?? throw new IOException("The request ended inside a chunk header.");
                    var size = int.Parse(sizeLine.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    if (size == 0)
                    {
                        while (await ReadLineAsync(cancellationToken) is { Length: > 0 })
                        {
                            // Trailers: none expected; skip.
                        }

                        break;
                    }

                    collected.Write(await ReadExactlyAsync(size, cancellationToken));
                    _ = await ReadLineAsync(cancellationToken);
                }

                body = collected.ToArray();
            }
            else
            {
                var length = headers.TryGetValue("content-length", out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : 0;
                body = await ReadExactlyAsync(length, cancellationToken);
            }

            return new LoopbackRequest(parts[0], parts.Length > 1 ? parts[1] : "", headers, Encoding.UTF8.GetString(body));
        }

        private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (newline >= 0)
                {
                    var line = Encoding.ASCII.GetString(_buffer, _start, newline - _start).TrimEnd('\r');
                    _start = newline + 1;
                    return line;
                }

                if (!await FillAsync(cancellationToken))
                {
                    return null;
                }
            }
        }

        private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
        {
            var result = new byte[count];
            var copied = 0;
            while (copied < count)
            {
                if (_start == _end && !await FillAsync(cancellationToken))
                {
                    throw new IOException("The request body ended early.");
                }

                var n = Math.Min(count - copied, _end - _start);
                Array.Copy(_buffer, _start, result, copied, n);
                _start += n;
                copied += n;
            }

            return result;
        }

        private async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            if (_start > 0)
            {
                Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                throw new IOException("A request line or header is too long.");
            }

            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            _end += read;
            return read > 0;
        }
    }
}
