using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Seam.Server.Tests.Notifications;

/// <summary>A request the receiver got: the raw body exactly as sent, and the headers.</summary>
public sealed record ReceivedPost(string Path, byte[] Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>A real HTTP server (Kestrel on 127.0.0.1 and a free port) that records every POST and answers with a status the test sets.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedPost> posts = new();

    private WebhookReceiver(WebApplication app) => this.app = app;

    public Uri Address => new(app.Urls.First());

    /// <summary>The status every POST is answered with; 204 unless a test wants the sender to see a failure.</summary>
    public int Status { get; set; } = StatusCodes.Status204NoContent;

    public IReadOnlyList<ReceivedPost> Posts => [.. posts];

    public static WebhookReceiver Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebhookReceiver? receiver = null;
        var app = builder.Build();
        app.MapPost("/{**path}", async (HttpContext http) =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            receiver!.posts.Enqueue(new ReceivedPost(
                http.Request.Path, buffer.ToArray(), http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            return Results.StatusCode(receiver.Status);
        });
        receiver = new WebhookReceiver(app);
        app.StartAsync().GetAwaiter().GetResult();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
