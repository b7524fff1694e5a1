using System.Net;
using System.Text.Json;

namespace Seam.Server.Tests.Governance;

/// <summary>An overdue decision lands in the escalation team's inbox, and its members may rule on it as the policy says.</summary>
public sealed class EscalationInboxTests(GovernanceServerFixture server) : IClassFixture<GovernanceServerFixture>
{
    private async Task<List<JsonElement>> InboxAsync(string user) =>
        [.. (await server.As(user).GetAsync("/api/v1/inbox").Expect(HttpStatusCode.OK)).EnumerateArray()];

    [Fact]
    public async Task An_escalated_request_reaches_the_escalation_team_which_may_rule_with_a_reason()
    {
        var created = await server.As("ian").Post("/api/v1/requests", new
        {
            scenario = "change/firmware",
            siteId = "north",
            title = "Filler firmware nobody decides",
            assetIds = new[] { "north-plc" },
            submit = true,
        }).Expect(HttpStatusCode.Created);
        var id = created.Str("id");
        Assert.DoesNotContain(await InboxAsync("sam"), i => i.GetProperty("request").Str("id") == id);
        var early = await server.As("sam").Post($"/api/v1/requests/{id}/ruling", new { approves = true, reason = "go" }).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal("no-ruling-needed", early.Str("code"));

        server.Clock.Advance(TimeSpan.FromDays(5) + TimeSpan.FromMinutes(1));
        JsonElement? item = null;
        for (var attempt = 0; attempt < 100 && item is null; attempt++)
        {
            item = (await InboxAsync("sam")).Cast<JsonElement?>().FirstOrDefault(i => i!.Value.GetProperty("request").Str("id") == id);
            if (item is null)
            {
                await Task.Delay(100);
            }
        }

        Assert.NotNull(item);
        Assert.Equal(("escalated", "seam"), (item.Value.Str("reason"), item.Value.Str("team")));
        var otto = Assert.Single(await InboxAsync("otto"), i => i.GetProperty("request").Str("id") == id);
        Assert.Equal("asked", otto.Str("reason"));

        var asView = await server.As("sam").Post($"/api/v1/requests/{id}/views", new { team = "seam", approves = true }).ExpectProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("not-an-approver", asView.Str("code"));
        Assert.Contains("rule on it", asView.Str("detail"));
        var outsider = await server.As("ivy").Post($"/api/v1/requests/{id}/ruling", new { approves = true, reason = "go" }).ExpectProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("not-seam-owner", outsider.Str("code"));
        var noReason = await server.As("sam").Post($"/api/v1/requests/{id}/ruling", new { approves = true }).ExpectProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("reason-required", noReason.Str("code"));

        var ruled = await server.As("sam").Post($"/api/v1/requests/{id}/ruling", new { approves = true, reason = "OT silent for 5 days; vendor fix is urgent" }).Expect(HttpStatusCode.OK);
        Assert.Equal("approved", ruled.Str("state"));
        Assert.Equal("sam", ruled.GetProperty("ruling").Str("by"));
        Assert.DoesNotContain(await InboxAsync("sam"), i => i.GetProperty("request").Str("id") == id);
        Assert.DoesNotContain(await InboxAsync("otto"), i => i.GetProperty("request").Str("id") == id);
    }
}
