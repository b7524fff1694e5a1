using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Seam.Governance.Policy;
using Seam.Governance.Requests;
using Seam.Intelligence.Findings;
using Seam.Inventory;
using Seam.Storage.Exposure;
using Seam.Storage.Governance;
using Seam.Testing.Databases;

namespace Seam.Storage.Tests.Governance;

/// <summary>Decision requests stored and decided on both providers: routing by the published policy, views, rulings, inbox, escalation, grants, acceptances.</summary>
public sealed class GovernanceServiceTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private sealed record Setup(TestDatabase Database, GovernanceService Service, FakeTimeProvider Clock) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Database.DisposeAsync();

        public async Task<StoredRequest> SubmitAsync(DecisionScenario scenario, string by, string title, string[] assets, RequestDetails? details = null)
        {
            var created = await Service.CreateAsync(new NewRequest
            {
                Scenario = scenario,
                SiteId = "riverside",
                Title = title,
                AssetIds = assets,
                Details = details ?? new RequestDetails(),
                Submit = true,
            }, by);
            Assert.True(created.Succeeded, created.Error?.Message);
            return created.Value!;
        }
    }

    private static async Task<Setup> SetUpAsync(DatabaseProvider provider, bool publish = true)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Start);
        Assert.True((await database.CreateInventoryStore(clock).ApplyAsync(GovernancePlant.Plant(), ImportMode.Replace, "test")).Applied);
        var contexts = new SeamDbContextFactory(database.Options);
        var service = new GovernanceService(contexts, clock, new ExposureService(contexts, clock));
        if (publish)
        {
            Assert.True((await service.PublishPolicyAsync(GovernancePlant.Policy, "policy.yaml", "admin")).Succeeded);
        }

        return new Setup(database, service, clock);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_policy_is_published_only_when_it_parses_and_raises_the_version(DatabaseProvider provider)
    {
        await using var s = await SetUpAsync(provider, publish: false);

        var broken = await s.Service.PublishPolicyAsync("version: 1\nseam-owner: seam\nteams: 3\n", "broken.yaml", "admin");
        Assert.False(broken.Succeeded);
        Assert.Contains(broken.Problems, p => p.File == "broken.yaml" && p.Line == 3);

        Assert.True((await s.Service.PublishPolicyAsync(GovernancePlant.Policy, "policy.yaml", "admin")).Succeeded);
        var again = await s.Service.PublishPolicyAsync(GovernancePlant.Policy, "policy.yaml", "admin");
        Assert.False(again.Succeeded);
        Assert.Contains("raise 'version' to 2", again.Refusal);

        Assert.True((await s.Service.PublishPolicyAsync(GovernancePlant.Policy.Replace("version: 1", "version: 2"), "policy.yaml", "ada")).Succeeded);
        var current = await s.Service.CurrentPolicyAsync();
        Assert.Equal((2, "ada"), (current!.Policy.Version, current.Publication.PublishedBy));
        Assert.Equal([2, 1], (await s.Service.PolicyVersionsAsync()).Select(v => v.Version));
        await using var db = s.Database.CreateContext();
        Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.EntityType == GovernanceService.PolicyAuditType));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Low_risk_office_work_takes_the_fast_lane_and_tells_the_informed_team(DatabaseProvider provider)
    {
        await using var s = await SetUpAsync(provider);

        var request = await s.SubmitAsync(DecisionScenario.Patch, "ian", "Patch office PC", ["ws-1"]);

        Assert.Equal("REQ-0001", request.Request.Id);
        Assert.Equal((RequestState.Approved, Route.FastLane, 1), (request.Request.State, request.Request.Routing!.Route, request.PolicyVersion));
        Assert.Equal([PurdueLevelOf("z-office")], request.Footprint!.PurdueLevels);
        await using var db = s.Database.CreateContext();
        var notes = await db.Notifications.Where(n => n.AboutRef == "request:REQ-0001").ToListAsync();
        Assert.Equal(["olga", "otto"], notes.Where(n => n.Kind == "request-fast-lane").Select(n => n.Recipient).Order());
        Assert.Empty(await db.RequestWaiting.ToListAsync());
        Assert.True(await db.AuditEntries.AnyAsync(e => e.EntityType == "request" && e.EntityId == "REQ-0001"));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Requests_created_concurrently_get_consecutive_numbers_and_an_unbroken_audit_chain(DatabaseProvider provider)
    {
        await using var s = await SetUpAsync(provider);
        const int count = 16;

        var created = await Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(() => s.Service.CreateAsync(new NewRequest
        {
            Scenario = DecisionScenario.Configuration,
            SiteId = "riverside",
            Title = $"Concurrent {i}",
            AssetIds = [i % 2 == 0 ? "ws-1" : "plc-1"],
            Submit = i % 3 != 0,
        }, i % 2 == 0 ? "ian" : "ivy"))));

        Assert.All(created, c => Assert.True(c.Succeeded, c.Error?.Message));
        Assert.Equal(Enumerable.Range(1, count).Select(n => $"REQ-{n:0000}"), created.Select(c => c.Value!.Request.Id).Order(StringComparer.Ordinal));
        await using var db = s.Database.CreateContext();
        Assert.Equal(count, await db.Requests.CountAsync());
        var report = await Seam.Storage.Audit.AuditLogVerifier.VerifyAsync(db);
        Assert.True(report.Intact, report.Message);
    }

    private static PurdueLevel PurdueLevelOf(string zone) => GovernancePlant.Plant().Zones.Single(z => z.Id == zone).Level;

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_control_change_waits_in_the_ot_inbox_until_ot_approves_and_the_requester_hears(DatabaseProvider provider)
    {
        await using var s = await SetUpAsync(provider);
        var request = await s.SubmitAsync(DecisionScenario.Firmware, "ian", "Filler PLC firmware", ["plc-1"]);
        Assert.Equal((RequestState.InReview, Route.SingleOwner), (request.Request.State, request.Request.Routing!.Route));
        Assert.Equal(["ot"], request.WaitingFor);

        Assert.Equal(["REQ-0001"], (await s.Service.InboxAsync("otto")).Select(i => i.Request.Id));
        Assert.Empty(await s.Service.InboxAsync("ivy"));
        Assert.Empty(await s.Service.InboxAsync("ian"));

        var refused = await s.Service.RecordViewAsync(request.Request.Id, "ivy", "ot", approves: true, null);
        Assert.Equal("not-a-member", refused.Error!.Code);

        s.Clock.Advance(TimeSpan.FromHours(5));
        var approved = await s.Service.RecordViewAsync(request.Request.Id, "otto", null, approves: true, "fine in the next stop");
        Assert.True(approved.Succeeded, approved.Error?.Message);
        Assert.Equal(RequestState.Approved, approved.Value!.Request.State);
        Assert.Empty(await s.Service.InboxAsync("otto"));

        var reloaded = await s.Service.GetAsync(request.Request.Id);
        Assert.Equal(approved.Value.Request.Timeline, reloaded!.Request.Timeline);
        Assert.Equal(approved.Value.Request.Views, reloaded.Request.Views);
        await using var db = s.Database.CreateContext();
        Assert.Equal(["olga", "otto"], (await db.Notifications.Where(n => n.Kind == "decision-waiting").ToListAsync()).Select(n => n.Recipient).Order());
        Assert.Equal("ian", (await db.Notifications.SingleAsync(n => n.Kind == "request-decided")).Recipient);

        var stats = await s.Service.StatsAsync();
        Assert.Equal((1, 1, 5.0), (stats.Decided, stats.ByTeam.Single(t => t.Group == "ot").Decided, stats.ByTier.Single().MedianHours));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Nobody_approves_their_own_request_and_a_refusal_writes_nothing(DatabaseProvider provider)
    {
        await using var s = await SetUpAsync(provider);
        var request = await s.SubmitAsync(DecisionScenario.Firmware, "otto", "Filler PLC firmware", ["plc-1"]);
        int audits;
        await using (var db = s.Database.CreateContext())
        {
            audits = await db.AuditEntries.CountAsync();
        }

        var own = await s.Service.RecordViewAsync(request.Request.Id, "otto", "ot", approves: true, null);
        Assert.Equal("own-request", own.Error!.Code);
        var illegal = await s.Service.MarkImplementedAsync(request.Request.Id, "olga");
        Assert.Equal("illegal-transition", illegal.Error!.Code);
        Assert.Contains("in review cannot become implemented", illegal.Error.Message);

        await using var check = s.Database.CreateContext();
        Assert.Equal(audits, await check.AuditEntries.CountAsync());
        Assert.Equal(RequestState.InReview, (await s.Service.GetAsync(request.Request.Id))!.Request.State);
        Assert.Empty(await s.Service.InboxAsync("otto"));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task When_it_and_ot_disagree_the_seam_owner_decides_and_the_work_runs_to_closed(DatabaseProvider provider)
    {
        await using var s = await SetUpAsync(provider);
        var request = await s.SubmitAsync(DecisionScenario.Firmware, "ian", "Capper PLC firmware", ["plc-2"], new RequestDetails { Reversible = false });
        var id = request.Request.Id;
        Assert.Equal(Route.JointItOt, request.Request.Routing!.Route);
        Assert.Equal(["ot", "it"], request.WaitingFor);

        Assert.True((await s.Service.RecordViewAsync(id, "otto", "ot", true, null)).Succeeded);
        var split = await s.Service.RecordViewAsync(id, "ivy", "it", false, "no rollback plan");
        Assert.Equal(RequestState.Disagreement, split.Value!.Request.State);
        Assert.Equal(["REQ-0001"], (await s.Service.InboxAsync("sam")).Select(i => i.Request.Id));

        Assert.Equal("reason-required", (await s.Service.RuleAsync(id, "sam", true, " ")).Error!.Code);
        Assert.Equal("not-seam-owner", (await s.Service.RuleAsync(id, "otto", true, "go")).Error!.Code);
        var ruled = await s.Service.RuleAsync(id, "sam", true, "Rollback image tested on the spare PLC");
        Assert.Equal(RequestState.Approved, ruled.Value!.Request.State);

        Assert.True((await s.Service.CommentAsync(id, "ian", "Spare PLC flashed first")).Succeeded);
        await using (var db = s.Database.CreateContext())
        {
            db.MaintenanceWindows.Add(new MaintenanceWindow { Id = "mw-1", SiteId = "riverside", Name = "Sunday stop" });
            await db.SaveChangesAsync();
        }

        var scheduled = await s.Service.ScheduleAsync(id, "otto", "mw-1");
        Assert.Equal((RequestState.Scheduled, "mw-1"), (scheduled.Value!.Request.State, scheduled.Value.Request.MaintenanceWindowId));
        Assert.True((await s.Service.MarkImplementedAsync(id, "otto")).Succeeded);
        Assert.Equal("own-work", (await s.Service.VerifyAsync(id, "otto")).Error!.Code);
        Assert.True((await s.Service.VerifyAsync(id, "olga")).Succeeded);
        var closed = await s.Service.CloseAsync(id, "ian");
        Assert.Equal(RequestState.Closed, closed.Value!.Request.State);
        Assert.Equal("closed", (await s.Service.CommentAsync(id, "ian", "late")).Error!.Code);

        var attached = await s.Service.AttachAsync(id, "ian", "plan.txt", "text/plain", "rollback plan"u8.ToArray());
        Assert.Equal("closed", attached.Error!.Code);
        var stored = await s.Service.GetAsync(id);
        Assert.Contains(stored!.Request.Timeline, e => e.Kind == RequestEventKind.Comment && e.Text == "Spare PLC flashed first");
        Assert.Contains(stored.Request.Timeline, e => e.Kind == RequestEventKind.SeamOwnerRuling);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_overdue_decision_escalates_once_under_the_clock_and_a_delegate_can_then_decide(DatabaseProvider provider)
    {
        await using var s = await SetUpAsync(provider);
        var request = await s.SubmitAsync(DecisionScenario.Firmware, "ian", "Filler PLC firmware", ["plc-1"]);

        s.Clock.Advance(TimeSpan.FromDays(5) - TimeSpan.FromMinutes(1));
        Assert.Empty(await s.Service.EscalateOverdueAsync());
        s.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(["REQ-0001"], await s.Service.EscalateOverdueAsync());
        Assert.Empty(await s.Service.EscalateOverdueAsync());
        await using (var db = s.Database.CreateContext())
        {
            Assert.Equal(["sam", "sara"], (await db.Notifications.Where(n => n.Kind == "request-escalated").ToListAsync()).Select(n => n.Recipient).Order());
        }

        Assert.True((await s.Service.DelegateAsync("otto", "dora", s.Clock.GetUtcNow(), s.Clock.GetUtcNow().AddDays(7), "otto")).Succeeded);
        var inbox = await s.Service.InboxAsync("dora");
        Assert.Equal(("REQ-0001", "ot", "otto"), (inbox.Single().Request.Id, inbox.Single().Team, inbox.Single().OnBehalfOf));
        var approved = await s.Service.RecordViewAsync(request.Request.Id, "dora", null, true, null);
        Assert.Equal(RequestState.Approved, approved.Value!.Request.State);
        Assert.Equal("otto", approved.Value.Request.Views.Single().OnBehalfOf);
        Assert.Equal(1, (await s.Service.StatsAsync()).Escalations);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Approved_vendor_access_becomes_a_grant_that_reaches_its_assets_until_it_expires(DatabaseProvider provider)
    {
        await using var s = await SetUpAsync(provider);
        var access = new VendorAccessDetails("claire", "Triconex services", "Secomea SiteManager", "z-dmz", ["plc-1"], true, Start, Start.AddHours(8));
        var request = await s.SubmitAsync(DecisionScenario.VendorRemoteAccess, "ian", "Vendor diagnosis", [], new RequestDetails { Access = access });
        Assert.NotNull(request.Footprint!.Exposure);
        Assert.Equal(["it", "ot"], request.WaitingFor);

        Assert.True((await s.Service.RecordViewAsync(request.Request.Id, "ivy", "it", true, null)).Succeeded);
        Assert.DoesNotContain(await s.Service.AccessNowAsync(), r => r.Kind == "grant");
        Assert.True((await s.Service.RecordViewAsync(request.Request.Id, "otto", "ot", true, null)).Succeeded);

        var now = await s.Service.AccessNowAsync();
        var grant = Assert.Single(now, r => r.Kind == "grant");
        Assert.Equal(("claire", "REQ-0001", "plc-1"), (grant.Who, grant.RequestId, Assert.Single(grant.AssetIds)));
        Assert.Single(await s.Service.AccessNowAsync(grantee: "claire"));
        Assert.Equal(["REQ-0001"], (await s.Service.ListAsync(new RequestFilter { Involving = "claire" })).Items.Select(r => r.Id));

        s.Clock.Advance(TimeSpan.FromHours(8));
        Assert.DoesNotContain(await s.Service.AccessNowAsync(), r => r.Kind == "grant");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_approved_risk_acceptance_accepts_the_finding_until_its_expiry(DatabaseProvider provider)
    {
        await using var s = await SetUpAsync(provider);
        await using (var db = s.Database.CreateContext())
        {
            var (finding, created) = GovernancePlant.OpenFinding(Start);
            db.Findings.Add(finding);
            db.FindingStateChanges.Add(created);
            await db.SaveChangesAsync();
        }

        var acceptance = new RiskAcceptanceDetails("f-plc-1", "Vendor patch only in the autumn stop", "Port 102 closed at the cell firewall", Start.AddDays(90));
        var missing = await s.Service.CreateAsync(new NewRequest { Scenario = DecisionScenario.RiskAcceptance, SiteId = "riverside", Title = "Accept" }, "ian");
        Assert.Equal(GovernanceErrors.Invalid, missing.Error!.Code);

        var request = await s.SubmitAsync(DecisionScenario.RiskAcceptance, "ian", "Accept CVE-2026-0001 on the filler", ["plc-1"], new RequestDetails { Acceptance = acceptance });
        Assert.Equal(["f-plc-1"], request.Request.FindingIds);
        Assert.True((await s.Service.RecordViewAsync(request.Request.Id, "sam", null, true, null)).Succeeded);

        await using var check = s.Database.CreateContext();
        var accepted = await check.Findings.SingleAsync(f => f.Id == "f-plc-1");
        Assert.Equal((FindingState.Accepted, Start.AddDays(90)), (accepted.State, accepted.AcceptedUntil!.Value));

        s.Clock.Advance(TimeSpan.FromDays(90));
        Assert.Equal(1, await new Seam.Storage.Intelligence.FindingStore(new SeamDbContextFactory(s.Database.Options), s.Clock).ExpireAcceptancesAsync());
        await using var after = s.Database.CreateContext();
        Assert.Equal(FindingState.Open, (await after.Findings.SingleAsync(f => f.Id == "f-plc-1")).State);
        Assert.Equal("ian", (await after.Notifications.SingleAsync(n => n.Kind == "acceptance-expired")).Recipient);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Bad_input_is_refused_with_the_field_and_what_was_expected(DatabaseProvider provider)
    {
        await using var s = await SetUpAsync(provider);
        async Task<string> Refusal(NewRequest input) => (await s.Service.CreateAsync(input, "ian")).Error!.Message;

        Assert.Contains("no site 'nowhere'", await Refusal(new NewRequest { Scenario = DecisionScenario.Patch, SiteId = "nowhere", Title = "x" }));
        Assert.Contains("asset 'e-ws-1' is on site eastport", await Refusal(new NewRequest { Scenario = DecisionScenario.Patch, SiteId = "riverside", Title = "x", AssetIds = ["e-ws-1"] }));
        Assert.Contains("title", await Refusal(new NewRequest { Scenario = DecisionScenario.Patch, SiteId = "riverside", Title = " " }));
        Assert.Contains("access.to", await Refusal(new NewRequest
        {
            Scenario = DecisionScenario.VendorRemoteAccess,
            SiteId = "riverside",
            Title = "x",
            Details = new RequestDetails { Access = new VendorAccessDetails("claire", null, "VPN", null, [], true, Start, Start) },
        }));
        var large = await s.Service.AttachAsync("REQ-9999", "ian", "a.bin", "application/octet-stream", new byte[GovernanceService.MaxAttachmentBytes + 1]);
        Assert.Equal(GovernanceErrors.Invalid, large.Error!.Code);
        Assert.Equal(GovernanceErrors.NotFound, (await s.Service.SubmitAsync("REQ-9999", "ian")).Error!.Code);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Attachments_keep_their_bytes_and_hash(DatabaseProvider provider)
    {
        await using var s = await SetUpAsync(provider);
        var draft = await s.Service.CreateAsync(new NewRequest { Scenario = DecisionScenario.Patch, SiteId = "riverside", Title = "Patch", AssetIds = ["ws-1"] }, "ian");
        Assert.Equal(RequestState.Draft, draft.Value!.Request.State);

        var attached = await s.Service.AttachAsync("REQ-0001", "ian", "../plan.txt", "text/plain", "rollback plan"u8.ToArray());
        Assert.Equal(("plan.txt", 13L), (attached.Value!.FileName, attached.Value.Size));
        var content = await s.Service.AttachmentAsync("REQ-0001", attached.Value.Id);
        Assert.Equal("rollback plan"u8.ToArray(), content!.Content);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("rollback plan"u8.ToArray())), content.Info.Sha256);
        Assert.Single((await s.Service.GetAsync("REQ-0001"))!.Attachments);
    }
}
