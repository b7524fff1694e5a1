using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Seam.Storage.Governance;

namespace Seam.Server.Tests.Governance;

/// <summary>Decision rights through the real server: policy, every request route and transition, inbox, delegation, escalation, vendors, site scoping.</summary>
public sealed class GovernanceApiTests(GovernanceServerFixture server) : IClassFixture<GovernanceServerFixture>
{
    private async Task<JsonElement> CreateAsync(string user, object body) =>
        await server.As(user).Post("/api/v1/requests", body).Expect(HttpStatusCode.Created);

    private async Task<string> FirmwareAsync(string user, string asset = "north-plc", bool reversible = true) =>
        (await CreateAsync(user, new { scenario = "change/firmware", siteId = "north", title = "Firmware " + Http.NewId("fw"), assetIds = new[] { asset }, reversible, submit = true })).Str("id");

    private Task<JsonElement> ActAsync(string user, string id, string action, object? body = null, HttpStatusCode status = HttpStatusCode.OK) =>
        server.As(user).Post($"/api/v1/requests/{id}/{action}", body ?? new { }).Expect(status);

    private Task<JsonElement> RefusedAsync(string user, string id, string action, object? body, HttpStatusCode status) =>
        server.As(user).Post($"/api/v1/requests/{id}/{action}", body ?? new { }).ExpectProblem(status);

    private async Task<List<string>> InboxAsync(string user) =>
        [.. (await server.As(user).GetAsync("/api/v1/inbox").Expect(HttpStatusCode.OK)).EnumerateArray().Select(i => i.GetProperty("request").Str("id"))];

    [Fact]
    public async Task The_policy_is_published_by_an_admin_and_refused_with_line_and_column()
    {
        var current = await server.As("ian").GetAsync("/api/v1/policy").Expect(HttpStatusCode.OK);
        Assert.Equal(("seam", 4), (current.Str("seamOwner"), current.GetProperty("teams").GetArrayLength()));

        await server.As("sam").Put("/api/v1/policy", new { yaml = "version: 9" }).ExpectProblem(HttpStatusCode.Forbidden);
        var admin = server.Client(server.AdminToken);
        var invalid = await admin.Put("/api/v1/policy", new { yaml = "version: 9\nseam-owner: seam\nteams: 3\n", fileName = "draft.yaml" })
            .ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Contains(invalid.GetProperty("problems").EnumerateArray(), p => p.Str("file") == "draft.yaml" && p.GetProperty("line").GetInt32() == 3);
        var stale = await admin.Put("/api/v1/policy", new { yaml = GovernanceServerFixture.Policy }).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("raise 'version'", stale.Str("detail"));
        var versions = await server.Client(server.ViewerToken).GetAsync("/api/v1/policy/versions").Expect(HttpStatusCode.OK);
        Assert.Contains(versions.EnumerateArray(), v => v.GetProperty("version").GetInt32() == 1);
        var first = await server.Client(server.ViewerToken).GetAsync("/api/v1/policy/versions/1").Expect(HttpStatusCode.OK);
        Assert.Contains("seam-owner: seam", first.Str("yaml"));
        await server.Client(server.ViewerToken).GetAsync("/api/v1/policy/versions/999").ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Low_risk_office_work_is_approved_on_submission_by_the_fast_lane()
    {
        var created = await CreateAsync("ian", new { scenario = "change/patch", siteId = "north", title = "Patch office PC", assetIds = new[] { "north-pc" }, submit = true });
        Assert.Equal(("approved", "fast-lane", "low"), (created.Str("state"), created.GetProperty("routing").Str("route"), created.GetProperty("routing").Str("tier")));
        Assert.Contains("office-changes", created.GetProperty("routing").GetProperty("matchedRules").EnumerateArray().Select(r => r.GetString()));
        Assert.False(string.IsNullOrEmpty(created.GetProperty("routing").Str("forOt")));
    }

    [Fact]
    public async Task A_control_change_goes_through_review_schedule_implementation_verification_and_close()
    {
        var id = await FirmwareAsync("ian");
        var got = await server.As("ian").GetAsync($"/api/v1/requests/{id}").Expect(HttpStatusCode.OK);
        Assert.Equal(("in-review", "single-owner"), (got.Str("state"), got.GetProperty("routing").Str("route")));
        Assert.Contains(id, await InboxAsync("otto"));
        Assert.DoesNotContain(id, await InboxAsync("ian"));

        var own = await RefusedAsync("ian", id, "views", new { team = "ot", approves = true }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(("own-request", "Nobody approves or rejects their own request."), (own.Str("code"), own.Str("detail")));
        var notMember = await RefusedAsync("ivy", id, "views", new { team = "ot", approves = true }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("not-a-member", notMember.Str("code"));
        var early = await RefusedAsync("ivy", id, "implemented", null, HttpStatusCode.Conflict);
        Assert.Contains("in review cannot become implemented", early.Str("detail"));
        var noReason = await RefusedAsync("otto", id, "views", new { approves = false }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("reason-required", noReason.Str("code"));

        var approved = await ActAsync("otto", id, "views", new { approves = true, reason = "next stop" });
        Assert.Equal("approved", approved.Str("state"));
        Assert.DoesNotContain(id, await InboxAsync("otto"));

        var scheduled = await ActAsync("ivy", id, "schedule", new { windowId = "north-sunday" });
        Assert.Equal(("scheduled", "north-sunday"), (scheduled.Str("state"), scheduled.Str("maintenanceWindowId")));
        await RefusedAsync("ivy", id, "schedule", new { windowId = "nowhere" }, HttpStatusCode.NotFound);
        Assert.Equal("implemented", (await ActAsync("ivy", id, "implemented")).Str("state"));
        var ownWork = await RefusedAsync("ivy", id, "verify", null, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("own-work", ownWork.Str("code"));
        Assert.Equal("verified", (await ActAsync("ian", id, "verify")).Str("state"));
        var closed = await ActAsync("ian", id, "close");
        Assert.Equal("closed", closed.Str("state"));
        Assert.Empty(closed.GetProperty("next").EnumerateArray());
        var final = await RefusedAsync("ian", id, "close", null, HttpStatusCode.Conflict);
        Assert.Contains("it is final", final.Str("detail"));
        await RefusedAsync("ian", id, "comments", new { text = "late" }, HttpStatusCode.Conflict);

        var timeline = closed.GetProperty("timeline").EnumerateArray().Select(e => e.Str("kind")).ToList();
        Assert.Equal(["Created", "StateChanged", "Routed", "StateChanged", "View", "StateChanged"], timeline.Take(6));
    }

    [Fact]
    public async Task When_it_and_ot_disagree_only_the_seam_owner_decides_with_a_reason()
    {
        var id = await FirmwareAsync("ian", "north-plc5", reversible: false);
        var got = await server.As("ian").GetAsync($"/api/v1/requests/{id}").Expect(HttpStatusCode.OK);
        Assert.Equal("joint IT + OT", got.GetProperty("routing").Str("route"));

        await ActAsync("otto", id, "views", new { team = "ot", approves = true });
        var split = await ActAsync("ivy", id, "views", new { team = "it", approves = false, reason = "no rollback" });
        Assert.Equal("disagreement", split.Str("state"));
        Assert.Contains(id, await InboxAsync("sam"));

        await RefusedAsync("otto", id, "ruling", new { approves = true, reason = "mine" }, HttpStatusCode.UnprocessableEntity);
        var noReason = await RefusedAsync("sam", id, "ruling", new { approves = true }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("reason-required", noReason.Str("code"));
        var ruled = await ActAsync("sam", id, "ruling", new { approves = false, reason = "Needs a tested rollback image first" });
        Assert.Equal("rejected", ruled.Str("state"));
        Assert.Equal("Needs a tested rollback image first", ruled.GetProperty("ruling").Str("reason"));
        Assert.Equal("closed", (await ActAsync("ian", id, "close")).Str("state"));
    }

    [Fact]
    public async Task Only_the_requester_withdraws_and_a_withdrawn_request_cannot_be_submitted()
    {
        var draft = await CreateAsync("ian", new { scenario = "change/configuration", siteId = "north", title = "Draft", assetIds = new[] { "north-plc" } });
        var id = draft.Str("id");
        Assert.Equal("draft", draft.Str("state"));
        Assert.Equal("not-requester", (await RefusedAsync("ivy", id, "submit", null, HttpStatusCode.UnprocessableEntity)).Str("code"));
        Assert.Equal("not-requester", (await RefusedAsync("ivy", id, "withdraw", null, HttpStatusCode.UnprocessableEntity)).Str("code"));
        Assert.Equal("withdrawn", (await ActAsync("ian", id, "withdraw")).Str("state"));
        await RefusedAsync("ian", id, "submit", null, HttpStatusCode.Conflict);
        await RefusedAsync("ian", "REQ-99999", "submit", null, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Requests_of_a_site_the_caller_cannot_see_are_404_and_a_viewer_cannot_write()
    {
        var id = await FirmwareAsync("ian");
        await server.As("olga").GetAsync($"/api/v1/requests/{id}").ExpectProblem(HttpStatusCode.NotFound);
        await RefusedAsync("olga", id, "views", new { team = "ot", approves = true }, HttpStatusCode.NotFound);
        Assert.DoesNotContain(id, await InboxAsync("olga"));
        var list = await server.As("olga").GetAsync("/api/v1/requests").Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(id, list.Ids());
        await server.As("olga").Post("/api/v1/requests", new { scenario = "change/patch", siteId = "north", title = "x" }).ExpectProblem(HttpStatusCode.NotFound);

        var viewer = server.Client(server.ViewerToken);
        await viewer.GetAsync($"/api/v1/requests/{id}").Expect(HttpStatusCode.OK);
        await viewer.Post("/api/v1/requests", new { scenario = "change/patch", siteId = "north", title = "x" }).ExpectProblem(HttpStatusCode.Forbidden);
        await viewer.Post($"/api/v1/requests/{id}/views", new { approves = true }).ExpectProblem(HttpStatusCode.Forbidden);

        var filtered = await server.As("ian").GetAsync("/api/v1/requests?state=in-review&site=north&limit=500").Expect(HttpStatusCode.OK);
        Assert.Contains(id, filtered.Ids());
        var bad = await server.As("ian").GetAsync("/api/v1/requests?state=pending&tier=huge").ExpectProblem(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("state", out _));
        Assert.True(bad.GetProperty("errors").TryGetProperty("tier", out _));
    }

    [Fact]
    public async Task A_vendor_asks_for_its_own_access_sees_only_its_own_requests_and_grants()
    {
        var now = server.Clock.GetUtcNow();
        var other = await FirmwareAsync("ian");
        await server.As("claire").Post("/api/v1/requests", new { scenario = "change/patch", siteId = "north", title = "x" }).ExpectProblem(HttpStatusCode.Forbidden);
        var asked = await CreateAsync("claire", new
        {
            scenario = "access/vendor-remote", siteId = "north", title = "Diagnose the filler PLC", submit = true,
            access = new { vendor = "PLC vendor", method = "Secomea SiteManager", landingZoneId = "north-dmz", assetIds = new[] { "north-plc" }, mfa = true, from = now, to = now.AddHours(4) },
        });
        var id = asked.Str("id");
        Assert.Equal(("claire", "in-review"), (asked.GetProperty("details").GetProperty("access").Str("grantee"), asked.Str("state")));

        var mine = await server.As("claire").GetAsync("/api/v1/requests").Expect(HttpStatusCode.OK);
        Assert.Equal([id], mine.Ids());
        await server.As("claire").GetAsync($"/api/v1/requests/{other}").ExpectProblem(HttpStatusCode.NotFound);
        var assets = await server.As("claire").GetAsync("/api/v1/assets").Expect(HttpStatusCode.OK);
        Assert.Empty(assets.GetProperty("items").EnumerateArray());
        await server.As("claire").GetAsync("/api/v1/governance/stats").ExpectProblem(HttpStatusCode.Forbidden);
        await RefusedAsync("claire", id, "implemented", null, HttpStatusCode.Forbidden);

        await ActAsync("ivy", id, "views", new { team = "it", approves = true });
        var approved = await ActAsync("otto", id, "views", new { team = "ot", approves = true });
        Assert.Equal("approved", approved.Str("state"));

        var reach = await server.As("claire").GetAsync("/api/v1/access/now").Expect(HttpStatusCode.OK);
        var grant = Assert.Single(reach.EnumerateArray());
        Assert.Equal((id, "claire"), (grant.Str("requestId"), grant.Str("who")));
        var staff = await server.As("ivy").GetAsync("/api/v1/access/now").Expect(HttpStatusCode.OK);
        Assert.Contains(staff.EnumerateArray(), r => r.Str("requestId") == id);

        server.Clock.Advance(TimeSpan.FromHours(4));
        var later = await server.As("ivy").GetAsync("/api/v1/access/now").Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(later.EnumerateArray(), r => r.Str("kind") == "grant" && r.Str("requestId") == id);
    }

    [Fact]
    public async Task The_inbox_lists_the_oldest_deadline_first_and_a_delegate_can_decide()
    {
        var now = server.Clock.GetUtcNow();
        var firmware = await FirmwareAsync("ian");
        var access = (await CreateAsync("ian", new
        {
            scenario = "access/privileged", siteId = "north", title = "Admin on the PLC", assetIds = new[] { "north-plc" }, submit = true,
        })).Str("id");
        var otto = await InboxAsync("otto");
        Assert.True(otto.IndexOf(access) < otto.IndexOf(firmware), "The 1-day access decision comes before the 5-day firmware decision.");

        await server.As("dora").Post("/api/v1/delegations", new { member = "otto", @delegate = "dora", from = now, until = now.AddDays(3) }).ExpectProblem(HttpStatusCode.Forbidden);
        var delegation = await server.As("otto").Post("/api/v1/delegations", new { @delegate = "dora", from = now, until = now.AddDays(3) }).Expect(HttpStatusCode.Created);
        var inbox = await server.As("dora").GetAsync("/api/v1/inbox").Expect(HttpStatusCode.OK);
        var item = Assert.Single(inbox.EnumerateArray(), i => i.GetProperty("request").Str("id") == firmware);
        Assert.Equal(("ot", "otto"), (item.Str("team"), item.Str("onBehalfOf")));

        var approved = await ActAsync("dora", firmware, "views", new { approves = true });
        Assert.Equal("otto", approved.GetProperty("views")[0].Str("onBehalfOf"));

        var id = delegation.GetProperty("id").GetInt64();
        await server.As("ivy").DeleteAsync($"/api/v1/delegations/{id}").ExpectProblem(HttpStatusCode.Forbidden);
        await server.As("otto").DeleteAsync($"/api/v1/delegations/{id}").Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(access, await InboxAsync("dora"));
    }

    [Fact]
    public async Task An_overdue_decision_is_escalated_by_the_background_job_when_the_clock_passes_its_deadline()
    {
        var id = await FirmwareAsync("ian");
        server.Clock.Advance(TimeSpan.FromDays(5) + TimeSpan.FromMinutes(1));

        // The job runs on the server's clock; moving the clock fires its timer, and it then works on its own thread.
        JsonElement got = default;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            got = await server.As("ian").GetAsync($"/api/v1/requests/{id}").Expect(HttpStatusCode.OK);
            if (got.GetProperty("escalatedAt").ValueKind != JsonValueKind.Null)
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.NotEqual(JsonValueKind.Null, got.GetProperty("escalatedAt").ValueKind);
        Assert.Contains(got.GetProperty("timeline").EnumerateArray(), e => e.Str("kind") == "Escalated" && e.Str("text").Contains("escalated to seam", StringComparison.Ordinal));
        var again = await server.WithScopeAsync(s => s.GetRequiredService<GovernanceService>().EscalateOverdueAsync());
        Assert.DoesNotContain(id, again);
        var stats = await server.As("sam").GetAsync("/api/v1/governance/stats").Expect(HttpStatusCode.OK);
        Assert.True(stats.GetProperty("escalations").GetInt32() >= 1);
    }

    [Fact]
    public async Task Attachments_come_back_byte_for_byte_and_comments_join_the_timeline()
    {
        var id = await FirmwareAsync("ian");
        using var form = new MultipartFormDataContent();
        var bytes = "rollback: flash V2.9.3 from the spare"u8.ToArray();
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(part, "file", "rollback.txt");
        var info = await server.As("ian").PostAsync($"/api/v1/requests/{id}/attachments", form).Expect(HttpStatusCode.Created);
        Assert.Equal(64, info.Str("sha256").Length);

        var download = await server.As("otto").GetAsync($"/api/v1/requests/{id}/attachments/{info.GetProperty("id").GetInt64()}");
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());

        var commented = await ActAsync("otto", id, "comments", new { text = "Spare PLC first, please" });
        Assert.Contains(commented.GetProperty("timeline").EnumerateArray(), e => e.Str("kind") == "Comment" && e.Str("text") == "Spare PLC first, please");
        Assert.Single(commented.GetProperty("attachments").EnumerateArray());
    }

    [Fact]
    public async Task Stall_statistics_report_time_to_decision_by_team_and_the_longest_waiting()
    {
        var waiting = await FirmwareAsync("ian");
        var decided = await FirmwareAsync("ian");
        server.Clock.Advance(TimeSpan.FromHours(6));
        await ActAsync("otto", decided, "views", new { approves = true });

        var stats = await server.As("sam").GetAsync("/api/v1/governance/stats").Expect(HttpStatusCode.OK);
        Assert.Contains(stats.GetProperty("byTeam").EnumerateArray(), t => t.Str("group") == "ot" && t.GetProperty("decided").GetInt32() >= 1);
        Assert.Contains(stats.GetProperty("byScenario").EnumerateArray(), t => t.Str("group") == "change/firmware");
        Assert.Contains(stats.GetProperty("waitingLongest").EnumerateArray(), w => w.GetProperty("request").Str("id") == waiting || w.GetProperty("waitingHours").GetDouble() >= 6);
        Assert.InRange(stats.GetProperty("fastLaneShare").GetDouble(), 0, 1);
    }
}
