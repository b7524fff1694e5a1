using System.Net;
using System.Text.Json;
using Seam.Governance.Notifications;
using static Seam.Server.Tests.Http;

namespace Seam.Server.Tests.Notifications;

/// <summary>The in-app inbox through the API: each user sees and marks only their own notifications.</summary>
public sealed class NotificationInboxTests(NotificationServerFixture server) : IClassFixture<NotificationServerFixture>
{
    private static List<long> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();

    [Fact]
    public async Task A_user_lists_only_their_own_notifications_unread_first()
    {
        var (me, other) = (NewId("ivan"), NewId("judy"));
        var token = await server.UserWithEmailAsync(me, null);
        var first = await server.AddAsync(me, NotificationKinds.DecisionWaiting);
        var second = await server.AddAsync(me, NotificationKinds.RequestDecided);
        var third = await server.AddAsync(me, NotificationKinds.RequestEscalated);
        var theirs = await server.AddAsync(other, NotificationKinds.DecisionWaiting);
        var client = server.Client(token);

        await client.PostAsync($"/api/v1/notifications/{third.Id}/read", null).Expect(HttpStatusCode.OK);

        var page = await client.GetAsync("/api/v1/notifications").Expect(HttpStatusCode.OK);
        Assert.Equal([second.Id, first.Id, third.Id], Ids(page));
        Assert.DoesNotContain(theirs.Id, Ids(page));
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        var unread = await client.GetAsync("/api/v1/notifications?unread=true").Expect(HttpStatusCode.OK);
        Assert.Equal([second.Id, first.Id], Ids(unread));
        var count = await client.GetAsync("/api/v1/notifications/unread-count").Expect(HttpStatusCode.OK);
        Assert.Equal(2, count.GetProperty("unread").GetInt32());

        var paged = await client.GetAsync("/api/v1/notifications?page=2&pageSize=2").Expect(HttpStatusCode.OK);
        Assert.Equal([third.Id], Ids(paged));
        await client.GetAsync("/api/v1/notifications?pageSize=0").ExpectProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Someone_elses_notification_is_not_found_and_read_all_marks_only_mine()
    {
        var (me, other) = (NewId("kim"), NewId("lee"));
        var token = await server.UserWithEmailAsync(me, null);
        var mine = await server.AddAsync(me, NotificationKinds.DecisionWaiting);
        var theirs = await server.AddAsync(other, NotificationKinds.DecisionWaiting);
        var client = server.Client(token);

        await client.PostAsync($"/api/v1/notifications/{theirs.Id}/read", null).ExpectProblem(HttpStatusCode.NotFound);
        await client.PostAsync("/api/v1/notifications/999999999/read", null).ExpectProblem(HttpStatusCode.NotFound);
        var marked = await client.PostAsync("/api/v1/notifications/read-all", null).Expect(HttpStatusCode.OK);

        Assert.Equal(1, marked.GetProperty("marked").GetInt32());
        Assert.Equal(server.Clock.GetUtcNow(), (await server.RowAsync(mine.Id)).ReadAt);
        Assert.Null((await server.RowAsync(theirs.Id)).ReadAt);
    }

    [Fact]
    public async Task A_viewer_reads_their_inbox_too_and_nobody_without_credentials()
    {
        var viewer = server.Client(server.ViewerToken);
        var row = await server.AddAsync("viewer", NotificationKinds.RequestDecided);
        var read = await viewer.PostAsync($"/api/v1/notifications/{row.Id}/read", null).Expect(HttpStatusCode.OK);
        Assert.Equal(server.Clock.GetUtcNow(), read.GetProperty("readAt").GetDateTimeOffset());

        var anonymous = server.Client();
        await anonymous.GetAsync("/api/v1/notifications").ExpectProblem(HttpStatusCode.Unauthorized);
        await anonymous.PostAsync($"/api/v1/notifications/{row.Id}/read", null).ExpectProblem(HttpStatusCode.Unauthorized);
        await anonymous.PostAsync("/api/v1/notifications/read-all", null).ExpectProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_account_keeps_its_email_address_and_a_wrong_one_is_refused_by_field()
    {
        var admin = server.Client(server.AdminToken);
        var name = NewId("olga");
        var created = await admin.Post("/api/v1/users", new
        {
            userName = name,
            password = "correct horse battery staple",
            email = $" {name}@plant.example.org ",
            roles = new[] { new { role = "viewer", site = (string?)null } },
        }).Expect(HttpStatusCode.Created);
        Assert.Equal($"{name}@plant.example.org", created.Str("email"));

        var refused = await admin.Post("/api/v1/users", new
        {
            userName = NewId("pete"),
            password = "correct horse battery staple",
            email = "pete at plant",
            roles = new[] { new { role = "viewer", site = (string?)null } },
        }).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Contains("not an email address", refused.GetProperty("errors").GetProperty("email")[0].GetString(), StringComparison.Ordinal);
    }
}
