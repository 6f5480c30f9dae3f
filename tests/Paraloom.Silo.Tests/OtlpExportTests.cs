using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Paraloom.Privacy;
using Paraloom.Silo.Tests.Support;

namespace Paraloom.Silo.Tests;

public sealed class OtlpExportTests
{
    [Fact]
    public async Task With_an_otlp_endpoint_set_a_jobs_spans_and_logs_reach_the_collector()
    {
        // A stand-in collector: OTLP over HTTP posts protobuf to /v1/traces, /v1/logs and /v1/metrics.
        var received = new ConcurrentDictionary<string, StringBuilder>();
        var collectorBuilder = WebApplication.CreateSlimBuilder();
        collectorBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var collector = collectorBuilder.Build();
        collector.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            var text = received.GetOrAdd(signal, _ => new StringBuilder());
            lock (text)
            {
                // Protobuf keeps strings as UTF-8 bytes: Latin-1 keeps them searchable.
                text.Append(Encoding.Latin1.GetString(body.ToArray()));
            }
            return Results.Ok();
        });
        await collector.StartAsync();
        using var requester = SecretKey.Generate();

        await using var factory = new SiloFactory();
        var silo = factory.WithWebHostBuilder(builder => builder
            .UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", collector.Urls.Single())
            .UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"));
        await using (silo)
        {
            var api = new ApiDriver(silo.CreateClient());
            Assert.Equal(HttpStatusCode.Created, (await api.SubmitAsync(
                ApiDriver.PublicJob("otlp-1", Repository.Program("sum"), ProgramInputs.Numbers(2), requester))).StatusCode);
            Assert.Equal("Finalised", (await api.WaitFinalAsync("otlp-1", requester)).State);
        }
        // Stopping the silo flushed what its exporters held.

        Assert.Contains("validator execute", received["traces"].ToString());
        Assert.Contains("otlp-1", received["traces"].ToString());
        Assert.Contains("otlp-1", received["logs"].ToString());
    }
}
