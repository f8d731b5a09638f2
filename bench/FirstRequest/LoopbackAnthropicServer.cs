using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cowork.Bench.FirstRequest;

/// <summary>One HTTP request as the loopback server received it.</summary>
/// <param name="HeadersAt">Time on the run's clock when the request line and headers had fully arrived.</param>
/// <param name="BodyAt">Time on the run's clock when the whole body had arrived.</param>
/// <param name="ProcessCpu">CPU time the client process had used by then (all its threads), where the OS tells it.</param>
internal sealed record CapturedRequest(string Method, string Path, TimeSpan HeadersAt, TimeSpan BodyAt, byte[] Body, bool Chunked, TimeSpan? ProcessCpu);

/// <summary>The measurement slot for one process run: its clock and its first model request.</summary>
internal sealed class RunSlot(Stopwatch clock)
{
    private readonly TaskCompletionSource<CapturedRequest> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _requests;

    public Stopwatch Clock { get; } = clock;

    /// <summary>The process being measured, once started: its CPU time is read when its first request arrives.</summary>
    public int? ProcessId { get; set; }

    /// <summary>Completes with the first <c>POST /v1/messages</c> of the run.</summary>
    public Task<CapturedRequest> FirstRequest => _first.Task;

    /// <summary>Model requests seen in this run (more than one means the CLI did not stop after "end_turn").</summary>
    public int Requests => Volatile.Read(ref _requests);

    public void Record(CapturedRequest request)
    {
        Interlocked.Increment(ref _requests);
        _first.TrySetResult(request);
    }
}

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 and a free port that stands in for Anthropic's Messages API: every
/// <c>POST /v1/messages</c> gets a short server-sent event stream that ends the turn ("end_turn"), so the CLI
/// finishes its task after one model call. Every response closes its connection.
/// </summary>
/// <remarks>Written straight over a socket so that the arrival time is taken the moment the request's headers are in.</remarks>
internal sealed class LoopbackAnthropicServer : IAsyncDisposable
{
    private static readonly byte[] EventStream = Encoding.UTF8.GetBytes(string.Concat(
        "event: message_start\n",
        """data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":1}}}""",
        "\n\n",
        "event: content_block_start\n",
        """data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""",
        "\n\n",
        "event: content_block_delta\n",
        """data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Nothing to do."}}""",
        "\n\n",
        "event: content_block_stop\n",
        """data: {"type":"content_block_stop","index":0}""",
        "\n\n",
        "event: message_delta\n",
        """data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":5}}""",
        "\n\n",
        "event: message_stop\n",
        """data: {"type":"message_stop"}""",
        "\n\n"));

    private static readonly byte[] EventStreamHead = Encoding.ASCII.GetBytes(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nrequest-id: req_bench\r\nConnection: close\r\n\r\n");

    private static readonly byte[] NotFound = Encoding.ASCII.GetBytes(
        "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 83\r\nConnection: close\r\n\r\n" +
        """{"type":"error","error":{"type":"not_found_error","message":"loopback: not found"}}""");

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private RunSlot? _run;
    private int _stray;

    public LoopbackAnthropicServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync(_stop.Token);
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Requests that arrived outside any run, or that were not model requests.</summary>
    public int StrayRequests => Volatile.Read(ref _stray);

    /// <summary>Starts a run: requests from now on are timed on <paramref name="clock"/> and recorded in the returned slot.</summary>
    public RunSlot BeginRun(Stopwatch clock)
    {
        var slot = new RunSlot(clock);
        Volatile.Write(ref _run, slot);
        return slot;
    }

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

        _stop.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(cancellationToken);
            _ = ServeAsync(client, cancellationToken);
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
                var reader = new HttpReader(stream);
                var requestLine = await reader.ReadLineAsync(cancellationToken);
                if (string.IsNullOrEmpty(requestLine))
                {
                    return;
                }

                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                while (await reader.ReadLineAsync(cancellationToken) is { Length: > 0 } line)
                {
                    var colon = line.IndexOf(':', StringComparison.Ordinal);
                    if (colon > 0)
                    {
                        headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                    }
                }

                var run = Volatile.Read(ref _run);
                var headersAt = run?.Clock.Elapsed ?? TimeSpan.Zero;
                var parts = requestLine.Split(' ');
                var method = parts[0];
                var path = parts.Length > 1 ? parts[1] : "/";

                if (headers.TryGetValue("Expect", out var expect) && expect.Equals("100-continue", StringComparison.OrdinalIgnoreCase))
                {
                    await stream.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), cancellationToken);
                }

                var chunked = headers.TryGetValue("Transfer-Encoding", out var encoding)
                    && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase);
                var body = chunked
                    ? await reader.ReadChunkedAsync(cancellationToken)
                    : headers.TryGetValue("Content-Length", out var length)
                        ? await reader.ReadExactlyAsync(int.Parse(length, CultureInfo.InvariantCulture), cancellationToken)
                        : [];
                var bodyAt = run?.Clock.Elapsed ?? TimeSpan.Zero;

                var isModelRequest = method == "POST" && path.StartsWith("/v1/messages", StringComparison.Ordinal)
                    && !path.StartsWith("/v1/messages/count_tokens", StringComparison.Ordinal);
                if (isModelRequest && run is not null)
                {
                    // Read before answering: the client is blocked on this request, so this is its cost up to here.
                    var cpu = run.ProcessId is { } pid ? ProcessCpu.Read(pid) : null;
                    run.Record(new CapturedRequest(method, path, headersAt, bodyAt, body, chunked, cpu));
                }
                else
                {
                    Interlocked.Increment(ref _stray);
                }

                if (isModelRequest)
                {
                    await stream.WriteAsync(EventStreamHead, cancellationToken);
                    await stream.WriteAsync(EventStream, cancellationToken);
                }
                else
                {
                    await stream.WriteAsync(NotFound, cancellationToken);
                }

                await stream.FlushAsync(cancellationToken);
                client.Client.Shutdown(SocketShutdown.Send);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or FormatException)
            {
                // The client went away or spoke nonsense; nothing to record.
            }
        }
    }

    /// <summary>Reads CRLF lines and exact byte counts from a stream through one buffer.</summary>
    private sealed class HttpReader(NetworkStream stream)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;

        public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            var line = new MemoryStream();
            while (true)
            {
                if (_start == _end && !await FillAsync(cancellationToken))
                {
                    return line.Length == 0 ? null : Encoding.ASCII.GetString(line.ToArray());
                }

                var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (newline < 0)
                {
                    line.Write(_buffer, _start, _end - _start);
                    _start = _end;
                    continue;
                }

                line.Write(_buffer, _start, newline - _start);
                _start = newline + 1;
                var bytes = line.ToArray();
                var count = bytes.Length > 0 && bytes[^1] == '\r' ? bytes.Length - 1 : bytes.Length;
                return Encoding.ASCII.GetString(bytes, 0, count);
            }
        }

        public async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
        {
            var result = new byte[count];
            var copied = 0;
            while (copied < count)
            {
                if (_start == _end && !await FillAsync(cancellationToken))
                {
                    throw new IOException("The connection closed inside the request body.");
                }

                var take = Math.Min(count - copied, _end - _start);
                Buffer.BlockCopy(_buffer, _start, result, copied, take);
                _start += take;
                copied += take;
            }

            return result;
        }

        public async Task<byte[]> ReadChunkedAsync(CancellationToken cancellationToken)
        {
            var body = new MemoryStream();
            while (true)
            {
                var sizeLine = await ReadLineAsync(cancellationToken) ?? throw new IOException("The connection closed inside a chunked body.");
                var semicolon = sizeLine.IndexOf(';', StringComparison.Ordinal);
                var size = int.Parse(semicolon >= 0 ? sizeLine[..semicolon] : sizeLine, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (size == 0)
                {
                    // Trailers, if any, end with an empty line.
                    while (await ReadLineAsync(cancellationToken) is { Length: > 0 })
                    {
                    }

                    return body.ToArray();
                }

                body.Write(await ReadExactlyAsync(size, cancellationToken));
                await ReadLineAsync(cancellationToken);
            }
        }

        private async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            _start = 0;
            _end = await stream.ReadAsync(_buffer, cancellationToken);
            return _end > 0;
        }
    }
}

/// <summary>CPU time of a live process, summed over its threads, from Linux <c>/proc</c>.</summary>
internal static class ProcessCpu
{
    /// <summary>Nanosecond on-CPU time from <c>/proc/PID/task/*/schedstat</c>; null where that is not available.</summary>
    /// <remarks>Threads that already ended are not counted; during startup that is a handful of short-lived ones at most.</remarks>
    public static TimeSpan? Read(int pid)
    {
        var tasks = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/task";
        if (!OperatingSystem.IsLinux() || !Directory.Exists(tasks))
        {
            return null;
        }

        long nanoseconds = 0;
        try
        {
            foreach (var task in Directory.EnumerateDirectories(tasks))
            {
                var text = File.ReadAllText(Path.Combine(task, "schedstat"));
                var space = text.IndexOf(' ', StringComparison.Ordinal);
                nanoseconds += long.Parse(space > 0 ? text[..space] : text, CultureInfo.InvariantCulture);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }

        return TimeSpan.FromTicks(nanoseconds / 100);
    }
}
