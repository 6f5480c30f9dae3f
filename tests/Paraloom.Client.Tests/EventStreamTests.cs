using System.Globalization;
using System.Net;
using Paraloom.Client.Transport.Http;

namespace Paraloom.Client.Tests;

/// <summary>Waiting over HTTP reads the job's Server-Sent Events; when their stream breaks it polls, then resumes it.</summary>
public sealed class EventStreamTests(SiloServer silo) : RequesterTest(silo), IClassFixture<SiloServer>
{
    [Fact]
    public async Task A_stream_whose_connection_resets_falls_back_to_polling_resumes_after_the_polled_version_and_completes()
    {
        var resetting = new ResetEventStreams { InnerHandler = Silo.Server.CreateHandler() };
        using var client = new ParaloomClient(new HttpClient(resetting) { BaseAddress = Silo.Server.BaseAddress }) { PollInterval = TimeSpan.FromMilliseconds(30) };
        using var job = Job.Builder().Wasm(Repository.Program("echo")).PrivateInput([5], Requester.PublicKey).WithOwnershipProof(Requester).Build();

        var jobId = await client.SubmitAsync(job, Patience.Token);
        var final = await client.WaitAsync(jobId, cancellationToken: Patience.Token);

        Assert.Equal(JobState.Finalised, final.State);
        Assert.Equal([5], (await client.GetResultAsync(jobId, Requester, Patience.Token)).Decrypt(Requester));
        // The first poll found the job awaiting keys (it cannot move on without them) and handed them out; the stream was
        // then opened again after the version that poll saw.
        var lastEventIds = resetting.LastEventIds();
        Assert.True(lastEventIds.Count >= 2, "the stream was opened again after the fallback poll");
        Assert.Null(lastEventIds[0]);
        Assert.True(long.Parse(lastEventIds[1]!, CultureInfo.InvariantCulture) >= 1);
    }

    [Fact]
    public async Task A_stream_the_silo_refuses_falls_back_to_polling_and_completes()
    {
        var refusing = new RefusedEventStreams { InnerHandler = Silo.Server.CreateHandler() };
        using var client = new ParaloomClient(new HttpClient(refusing) { BaseAddress = Silo.Server.BaseAddress }) { PollInterval = TimeSpan.FromMilliseconds(30) };
        using var job = Job.Builder().Wasm(Repository.Program("echo")).PrivateInput([6], Requester.PublicKey).WithOwnershipProof(Requester).Build();

        var jobId = await client.SubmitAsync(job, Patience.Token);
        var final = await client.WaitAsync(jobId, cancellationToken: Patience.Token);

        Assert.Equal(JobState.Finalised, final.State);
        Assert.True(refusing.Refused >= 1);
    }

    [Fact]
    public async Task A_stream_that_falls_silent_counts_as_broken_after_its_idle_timeout_and_waiting_still_completes()
    {
        var silent = new SilentEventStreams { InnerHandler = Silo.Server.CreateHandler() };
        var http = new HttpClient(silent) { BaseAddress = Silo.Server.BaseAddress };
        using var client = new ParaloomClient(new HttpTransport(() => http) { StreamIdleTimeout = TimeSpan.FromMilliseconds(200) })
        {
            PollInterval = TimeSpan.FromMilliseconds(30),
        };
        using var job = Job.Builder().Wasm(Repository.Program("echo")).PrivateInput([8], Requester.PublicKey).WithOwnershipProof(Requester).Build();

        var jobId = await client.SubmitAsync(job, Patience.Token);
        var final = await client.WaitAsync(jobId, cancellationToken: Patience.Token);

        Assert.Equal(JobState.Finalised, final.State);
        Assert.True(silent.Opened >= 2, "the silent stream was given up and opened again");
    }

    private static bool IsEventStream(HttpRequestMessage request) => request.RequestUri!.AbsolutePath.EndsWith("/events", StringComparison.Ordinal);

    /// <summary>Opens each event stream at the silo, then fails its first read as a reset connection does.</summary>
    private sealed class ResetEventStreams : DelegatingHandler
    {
        private readonly List<string?> _lastEventIds = [];

        public List<string?> LastEventIds()
        {
            lock (_lastEventIds)
            {
                return [.. _lastEventIds];
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (!IsEventStream(request) || !response.IsSuccessStatusCode)
            {
                return response;
            }
            lock (_lastEventIds)
            {
                _lastEventIds.Add(request.Headers.TryGetValues("Last-Event-ID", out var ids) ? ids.Single() : null);
            }
            response.Content.Dispose();
            response.Content = new StreamContent(new ResetStream());
            return response;
        }
    }

    /// <summary>A response body that can only be read: what each broken connection below does on a read is its own.</summary>
    private abstract class ResponseBody : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class ResetStream : ResponseBody
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("The connection was reset.");
    }

    /// <summary>Opens each event stream, then sends nothing at all, as a silo gone without closing the connection.</summary>
    private sealed class SilentEventStreams : DelegatingHandler
    {
        private int _opened;

        public int Opened => Volatile.Read(ref _opened);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (!IsEventStream(request) || !response.IsSuccessStatusCode)
            {
                return response;
            }
            Interlocked.Increment(ref _opened);
            response.Content.Dispose();
            response.Content = new StreamContent(new SilentStream());
            return response;
        }
    }

    private sealed class SilentStream : ResponseBody
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Answers every event stream with 429, as a silo at its cap of open watches does.</summary>
    private sealed class RefusedEventStreams : DelegatingHandler
    {
        private int _refused;

        public int Refused => Volatile.Read(ref _refused);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!IsEventStream(request))
            {
                return base.SendAsync(request, cancellationToken);
            }
            Interlocked.Increment(ref _refused);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.TooManyRequests) { RequestMessage = request });
        }
    }
}
