using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Seam.Storage.Governance;

namespace Seam.Server.Tests.Governance;

/// <summary>Vendor access grants that end early (revoked) or by themselves (expired, noticed by the sweep on the server's fake clock).</summary>
public sealed class GrantEndTests(GovernanceServerFixture server) : IClassFixture<GovernanceServerFixture>
{
    /// <summary>claire asks for access for <paramref name="hours"/> hours; IT (ivy) and OT (otto) approve; returns the request id.</summary>
    private async Task<string> ApprovedAccessAsync(string title, int hours)
    {
        var now = server.Clock.GetUtcNow();
        var asked = await server.As("claire").Post("/api/v1/requests", new
        {
            scenario = "access/vendor-remote",
            siteId = "north",
            title,
            submit = true,
            access = new { vendor = "PLC vendor", method = "Secomea SiteManager", landingZoneId = "north-dmz", assetIds = new[] { "north-plc" }, mfa = true, from = now, to = now.AddHours(hours) },
        }).Expect(HttpStatusCode.Created);
        var id = asked.Str("id");
        await server.As("ivy").Post($"/api/v1/requests/{id}/views", new { team = "it", approves = true }).Expect(HttpStatusCode.OK);
        var approved = await server.As("otto").Post($"/api/v1/requests/{id}/views", new { team = "ot", approves = true }).Expect(HttpStatusCode.OK);
        Assert.Equal("approved", approved.Str("state"));
        return id;
    }

    private async Task<List<string>> GrantsNowAsync(string user) =>
        [.. (await server.As(user).GetAsync("/api/v1/access/now").Expect(HttpStatusCode.OK)).EnumerateArray().Where(r => r.Str("kind") == "grant").Select(r => r.Str("id"))];

    private async Task<List<string>> ExposureEntriesAsync() =>
        [.. (await server.As("sam").GetAsync("/api/v1/exposure").Expect(HttpStatusCode.OK)).GetProperty("entryPoints").EnumerateArray().Select(e => e.Str("entryPointId"))];

    private async Task<List<JsonElement>> NotificationsAsync(string user, string kind) =>
        [.. (await server.As(user).GetAsync("/api/v1/notifications?pageSize=500").Expect(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Where(n => n.Str("kind") == kind)];

    [Fact]
    public async Task A_revoked_grant_ends_at_once_everywhere_is_audited_and_only_approvers_or_the_grantee_may_revoke()
    {
        var id = await ApprovedAccessAsync("Diagnose the filler", hours: 8);
        var grant = $"{id}-grant";
        Assert.Contains(grant, await GrantsNowAsync("claire"));
        Assert.Contains(grant, await ExposureEntriesAsync());

        await server.As("ivy").Post($"/api/v1/access/grants/{grant}/revoke", new { reason = "done" }).ExpectProblem(HttpStatusCode.Forbidden);
        await server.As("olga").Post($"/api/v1/access/grants/{grant}/revoke", new { reason = "done" }).ExpectProblem(HttpStatusCode.NotFound);
        var noReason = await server.As("otto").Post($"/api/v1/access/grants/{grant}/revoke", new { reason = " " }).ExpectProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("invalid", noReason.Str("code"));
        await server.As("otto").Post("/api/v1/access/grants/REQ-9999-grant/revoke", new { reason = "x" }).ExpectProblem(HttpStatusCode.NotFound);

        server.Clock.Advance(TimeSpan.FromHours(1));
        var revoked = await server.As("otto").Post($"/api/v1/access/grants/{grant}/revoke", new { reason = "Session misuse suspected" }).Expect(HttpStatusCode.OK);
        Assert.Equal(("revoked", "otto", id), (revoked.Str("kind"), revoked.Str("by"), revoked.Str("requestId")));
        Assert.Equal(server.Clock.GetUtcNow().AddHours(7), revoked.GetProperty("scheduledEnd").GetDateTimeOffset());

        Assert.DoesNotContain(grant, await GrantsNowAsync("claire"));
        Assert.DoesNotContain(grant, await GrantsNowAsync("ivy"));
        Assert.DoesNotContain(grant, await ExposureEntriesAsync());
        var again = await server.As("otto").Post($"/api/v1/access/grants/{grant}/revoke", new { reason = "again" }).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal("grant-ended", again.Str("code"));

        var audit = await server.As("sam").GetAsync($"/api/v1/audit?entityType=access-grant&entityId={grant}").Expect(HttpStatusCode.OK);
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.Str("actor") == "otto" && e.Str("summary").Contains("Session misuse suspected", StringComparison.Ordinal));
        Assert.Contains(await NotificationsAsync("claire", "grant-revoked"), n => n.Str("body").Contains("Session misuse suspected", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_grant_that_expires_by_itself_is_told_once_to_the_requester_and_the_approvers_but_a_revoked_one_is_not()
    {
        var expiring = await ApprovedAccessAsync("Firmware backup", hours: 2);
        var revoked = await ApprovedAccessAsync("Second look", hours: 2);
        await server.As("claire").Post($"/api/v1/access/grants/{revoked}-grant/revoke", new { reason = "Not needed after all" }).Expect(HttpStatusCode.OK);

        server.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));

        // The sweep runs on the server's clock: moving it fires the timer, and the sweep then works on its own thread.
        var told = new List<string>();
        foreach (var user in new[] { "claire", "ivy", "otto" })
        {
            for (var attempt = 0; attempt < 100 && !(await NotificationsAsync(user, "grant-expired")).Any(n => n.Str("about") == $"access-grant:{expiring}-grant"); attempt++)
            {
                await Task.Delay(100);
            }

            if ((await NotificationsAsync(user, "grant-expired")).Any(n => n.Str("about") == $"access-grant:{expiring}-grant"))
            {
                told.Add(user);
            }
        }

        Assert.Equal(["claire", "ivy", "otto"], told);
        Assert.Empty(await NotificationsAsync("sam", "grant-expired"));
        Assert.DoesNotContain(await NotificationsAsync("claire", "grant-expired"), n => n.Str("about") == $"access-grant:{revoked}-grant");
        Assert.DoesNotContain($"{expiring}-grant", await GrantsNowAsync("ivy"));

        var second = await server.WithScopeAsync(s => s.GetRequiredService<GovernanceService>().NoteExpiredGrantsAsync());
        Assert.Empty(second);
        Assert.Single(await NotificationsAsync("otto", "grant-expired"), n => n.Str("about") == $"access-grant:{expiring}-grant");
        var end = await server.WithScopeAsync(s => s.GetRequiredService<GovernanceService>().GrantEndAsync($"{expiring}-grant"));
        Assert.Equal("expired", end!.Kind);
    }
}
