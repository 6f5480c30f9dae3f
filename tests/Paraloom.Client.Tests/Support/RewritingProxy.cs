using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Paraloom.Client.Tests;

/// <summary>
/// A forwarder on a free loopback port, over real HTTP, in front of the test silo: it passes every request through and
/// rewrites the JSON of the responses to one kind of POST (…/result unless told) on their way back, as a compromised
/// front door would.
/// </summary>
internal sealed class RewritingProxy : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RewritingProxy(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The proxy's own address, for the SDK.</summary>
    public Uri Address { get; }

    public static async Task<RewritingProxy> StartAsync(
        HttpMessageHandler silo, Uri siloAddress, Action<JsonNode> rewriteResult, string rewrittenPathEnd = "/result")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var upstream = new HttpClient(silo) { BaseAddress = siloAddress };
        app.Run(async context => await ForwardAsync(context, upstream, rewriteResult, rewrittenPathEnd));
        await app.StartAsync();
        return new RewritingProxy(app, new Uri(app.Urls.Single()));
    }

    private static async Task ForwardAsync(HttpContext context, HttpClient upstream, Action<JsonNode> rewriteResult, string rewrittenPathEnd)
    {
        var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path + context.Request.QueryString);
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        if (body.Length > 0)
        {
            request.Content = new ByteArrayContent(body.ToArray());
            request.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType);
        }
        using var response = await upstream.SendAsync(request, context.RequestAborted);
        var answer = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
        if (request.Method == HttpMethod.Post && context.Request.Path.Value!.EndsWith(rewrittenPathEnd, StringComparison.Ordinal) && response.IsSuccessStatusCode)
        {
            var result = JsonNode.Parse(answer)!;
            rewriteResult(result);
            answer = System.Text.Encoding.UTF8.GetBytes(result.ToJsonString());
        }
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        await context.Response.Body.WriteAsync(answer, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
