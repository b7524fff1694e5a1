using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Seam.Governance.Notifications;

namespace Seam.Server.Features.Notifications;

/// <summary>What a webhook receiver gets, as JSON (camelCase). <c>Text</c> is a one-line summary for chat tools
/// whose incoming webhooks show a <c>text</c> field.</summary>
public sealed record WebhookPayload(
    string Id, string Kind, DateTimeOffset CreatedAt, string Recipient, string Subject, string Body, string? Link, string? Site, string? About, string Text);

/// <summary>Posts a notification to each subscription that wants it, signed with that subscription's secret.</summary>
internal sealed class WebhookSender(IHttpClientFactory http, IOptions<NotificationOptions> options, TimeProvider clock)
{
    public const string HttpClientName = "seam-webhooks";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IReadOnlyList<WebhookSubscription> SubscriptionsFor(Notification n) => options.Value.Webhooks.Where(w => w.Wants(n)).ToList();

    public static string EventId(Notification n) => $"ntf-{n.Id}";

    /// <summary>Null when every subscription answered 2xx; otherwise which did not, without their URLs (which may hold tokens).</summary>
    public async Task<string?> SendAsync(Notification n, IReadOnlyList<WebhookSubscription> subscriptions, CancellationToken ct)
    {
        var link = options.Value.AbsoluteLink(n);
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new WebhookPayload(EventId(n), n.Kind, n.CreatedAt, n.Recipient, n.Subject, n.Body, link, n.SiteId, n.AboutRef,
                link is null ? $"{n.Subject} (for {n.Recipient})" : $"{n.Subject} (for {n.Recipient}): {link}"),
            Json);
        var failures = new List<string>();
        var client = http.CreateClient(HttpClientName);
        foreach (var subscription in subscriptions)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(subscription.Secret, clock.GetUtcNow(), body));
            request.Headers.Add(WebhookSignature.EventIdHeaderName, EventId(n));
            request.Headers.Add(WebhookSignature.EventKindHeaderName, n.Kind);
            try
            {
                using var response = await client.SendAsync(request, ct);
                if (!response.IsSuccessStatusCode)
                {
                    failures.Add($"webhook '{subscription.Name}' answered HTTP {(int)response.StatusCode}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                failures.Add($"webhook '{subscription.Name}' unreachable: {e.GetType().Name}");
            }
        }

        return failures.Count == 0 ? null : string.Join("; ", failures);
    }
}
