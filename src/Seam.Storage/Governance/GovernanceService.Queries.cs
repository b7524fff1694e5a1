using Microsoft.EntityFrameworkCore;
using Seam.Governance.Policy;
using Seam.Governance.Requests;
using Seam.Inventory;

namespace Seam.Storage.Governance;

/// <summary>Reads: one request with its timeline, lists, the inbox, delegations, who can reach what now, where decisions stall.</summary>
public sealed partial class GovernanceService
{
    public async Task<StoredRequest?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var record = await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return record is null ? null : await Stored(db, await LoadAsync(db, record, cancellationToken), cancellationToken);
    }

    /// <summary>The site and the people a request involves, for authorisation before anything else is read.</summary>
    public async Task<(string SiteId, string RequestedBy, string? Grantee)?> OwnershipAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var row = await db.Requests.AsNoTracking().Where(r => r.Id == id).Select(r => new { r.SiteId, r.RequestedBy, r.Grantee }).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : (row.SiteId, row.RequestedBy, row.Grantee);
    }

    public async Task<RequestPage> ListAsync(RequestFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var query = db.Requests.AsNoTracking();
        if (filter.VisibleSites is { } visible)
        {
            query = query.Where(r => visible.Contains(r.SiteId));
        }

        if (filter.SiteId is { } site)
        {
            query = query.Where(r => r.SiteId == site);
        }

        if (filter.State is { } state)
        {
            var text = state.ToString();
            query = query.Where(r => r.State == text);
        }

        if (filter.Scenario is { } scenario)
        {
            var key = scenario.Key();
            query = query.Where(r => r.Scenario == key);
        }

        if (filter.Tier is { } tier)
        {
            var text = tier.ToString();
            query = query.Where(r => r.Tier == text);
        }

        if (filter.RequestedBy is { } by)
        {
            query = query.Where(r => r.RequestedBy == by);
        }

        if (filter.Involving is { } person)
        {
            query = query.Where(r => r.RequestedBy == person || r.Grantee == person);
        }

        if (filter.Open is { } open)
        {
            var awaiting = new[] { nameof(RequestState.Submitted), nameof(RequestState.InReview), nameof(RequestState.Disagreement) };
            query = open ? query.Where(r => awaiting.Contains(r.State)) : query.Where(r => !awaiting.Contains(r.State));
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await Columns(query.OrderByDescending(r => r.Number).Skip(Math.Max(0, filter.Offset)).Take(Math.Clamp(filter.Limit, 1, 500)))
            .ToListAsync(cancellationToken);
        return new RequestPage(total, [.. rows.Select(Summary)]);
    }

    /// <summary>
    /// Decisions waiting for <paramref name="user"/>: requests waiting for a team they are a member of under the current
    /// policy, or for a team of a member who delegated to them; never their own requests; oldest deadline first.
    /// </summary>
    public async Task<IReadOnlyList<InboxItem>> InboxAsync(string user, IReadOnlyCollection<string>? visibleSites = null, int limit = 200,
        CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        if (await CurrentPolicyAsync(db, cancellationToken) is not { } current)
        {
            return [];
        }

        var now = time.GetUtcNow();
        var delegations = await ActiveDelegationsAsync(db, user, now, cancellationToken);
        var actingFor = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var team in current.Policy.Teams)
        {
            if (team.Members.Contains(user))
            {
                actingFor[team.Id] = null;
            }
            else if (delegations.FirstOrDefault(d => team.Members.Contains(d.Member)) is { } delegation)
            {
                actingFor.TryAdd(team.Id, delegation.Member);
            }
        }

        if (actingFor.Count == 0)
        {
            return [];
        }

        var teams = actingFor.Keys.ToList();
        var waiting = db.RequestWaiting.AsNoTracking().Where(w => teams.Contains(w.Team));
        if (visibleSites is not null)
        {
            waiting = waiting.Where(w => visibleSites.Contains(w.SiteId));
        }

        // Only the list columns: the request's JSON state is several kilobytes a row and the inbox does not need it.
        var rows = await waiting.Join(Columns(db.Requests.AsNoTracking()), w => w.RequestId, r => r.Id, (w, r) => new { w.Team, w.DueAt, w.Reason, Request = r })
            .Where(x => x.Request.RequestedBy != user)
            .OrderBy(x => x.DueAt).ThenBy(x => x.Request.Number)
            .Take(Math.Clamp(limit, 1, 1000) * 2)
            .ToListAsync(cancellationToken);

        // One line per request: an escalation first, else the first team (by deadline) the user can act for.
        return [.. rows.GroupBy(x => x.Request.Id).Select(g => g.OrderBy(x => x.Reason == "escalated" ? 0 : 1).First()).Take(limit).Select(x => new InboxItem(Summary(x.Request), x.Team, actingFor[x.Team], x.Reason))];
    }

    public async Task<IReadOnlyList<DelegationInfo>> DelegationsAsync(string? involving, bool includeEnded, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var now = time.GetUtcNow();
        var query = db.Delegations.AsNoTracking();
        if (involving is { } person)
        {
            query = query.Where(d => d.Member == person || d.Delegate == person || d.CreatedBy == person);
        }

        if (!includeEnded)
        {
            query = query.Where(d => d.RevokedAt == null && d.Until > now);
        }

        var rows = await query.ToListAsync(cancellationToken);
        return [.. rows.OrderBy(d => d.From).Select(ToInfo)];
    }

    /// <summary>Who can reach what right now: grants active at this moment, and remote entry points that are always on.</summary>
    public async Task<IReadOnlyList<ReachNow>> AccessNowAsync(IReadOnlyCollection<string>? visibleSites = null, string? grantee = null,
        CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var now = time.GetUtcNow();
        var grantsQuery = db.AccessGrants.AsNoTracking().Where(g => g.To > now);
        if (grantee is not null)
        {
            grantsQuery = grantsQuery.Where(g => g.Grantee == grantee);
        }

        var grants = (await grantsQuery.ToListAsync(cancellationToken)).Where(g => g.IsActiveAt(now) && (visibleSites is null || visibleSites.Contains(g.SiteId)));
        var result = grants.Select(g => new ReachNow("grant", g.Id, g.SiteId, g.Grantee, g.Vendor, g.Method, g.ZoneId, g.AssetIds, g.MfaRequired, g.To,
            g.Id.EndsWith("-grant", StringComparison.Ordinal) ? g.Id[..^"-grant".Length] : null)).ToList();
        if (grantee is null)
        {
            var remote = new[] { EntryPointKind.VendorRemoteAccess, EntryPointKind.Internet, EntryPointKind.EnterpriseIt };
            var entries = await db.EntryPoints.AsNoTracking().Where(e => e.Availability == RemoteAccessAvailability.AlwaysOn && remote.Contains(e.Kind))
                .ToListAsync(cancellationToken);
            result.AddRange(entries.Where(e => visibleSites is null || visibleSites.Contains(e.SiteId))
                .Select(e => new ReachNow("always-on", e.Id, e.SiteId, e.Name, e.Vendor, e.Method, e.ZoneId, e.TargetAssetIds, e.MfaRequired, null, null)));
        }

        return [.. result.OrderBy(r => r.SiteId, StringComparer.Ordinal).ThenBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal)];
    }

    /// <summary>Where decisions stall: time to decision by scenario, team and tier, fast-lane share, escalations, and who waits longest.</summary>
    public async Task<GovernanceStats> StatsAsync(IReadOnlyCollection<string>? visibleSites = null, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var now = time.GetUtcNow();
        var query = db.Requests.AsNoTracking();
        if (visibleSites is not null)
        {
            query = query.Where(r => visibleSites.Contains(r.SiteId));
        }

        var summaries = (await Columns(query).ToListAsync(cancellationToken)).Select(Summary).ToList();
        var submitted = summaries.Where(s => s.SubmittedAt is not null).ToList();
        var decided = submitted.Where(s => s.DecidedAt is not null).ToList();
        double Hours(RequestSummary s) => (s.DecidedAt!.Value - s.SubmittedAt!.Value).TotalHours;

        // A team's time to decision is from submission to its view, read from the decided requests' own state.
        var decidedIds = decided.Where(d => d.Route != Route.FastLane).Select(d => d.Id).ToList();
        var documents = await db.Requests.AsNoTracking().Where(r => decidedIds.Contains(r.Id)).Select(r => r.Document).ToListAsync(cancellationToken);
        var byTeam = documents.Select(GovernanceJson.Read<DecisionRequestSnapshot>)
            .SelectMany(d => d.Views.Select(v => (v.Team, Hours: (v.At - d.SubmittedAt!.Value).TotalHours))).ToList();

        var waitingTeams = await db.RequestWaiting.AsNoTracking().ToListAsync(cancellationToken);
        var waitingByRequest = waitingTeams.GroupBy(w => w.RequestId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(w => w.Team)]);
        var open = submitted.Where(s => s.State.AwaitsDecision()).ToList();
        return new GovernanceStats(
            Requests: summaries.Count,
            Submitted: submitted.Count,
            Decided: decided.Count,
            FastLaneShare: submitted.Count == 0 ? 0 : (double)submitted.Count(s => s.Route == Route.FastLane) / submitted.Count,
            Escalations: summaries.Count(s => s.EscalatedAt is not null),
            Overdue: open.Count(s => s.DueAt <= now),
            ByScenario: [.. decided.GroupBy(s => s.Scenario.Key()).Select(g => Times(g.Key, g.Select(Hours))).OrderBy(t => t.Group, StringComparer.Ordinal)],
            ByTeam: [.. byTeam.GroupBy(t => t.Team).Select(g => Times(g.Key, g.Select(x => x.Hours))).OrderBy(t => t.Group, StringComparer.Ordinal)],
            ByTier: [.. decided.Where(s => s.Tier is not null).GroupBy(s => s.Tier!.Value).OrderBy(g => g.Key).Select(g => Times(g.Key.ToString(), g.Select(Hours)))],
            WaitingLongest: [.. open.OrderBy(s => s.SubmittedAt).Take(10)
                .Select(s => new WaitingRequest(s, (now - s.SubmittedAt!.Value).TotalHours, waitingByRequest.GetValueOrDefault(s.Id, [])))]);
    }

    private static DecisionTimes Times(string group, IEnumerable<double> hours)
    {
        var sorted = hours.Order().ToList();
        return new DecisionTimes(group, sorted.Count, Percentile(sorted, 0.5), Percentile(sorted, 0.9));
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)], 2);

    /// <summary>The row without its JSON documents, for lists.</summary>
    private static IQueryable<RequestRecord> Columns(IQueryable<RequestRecord> query) => query.Select(r => new RequestRecord
    {
        Id = r.Id,
        Number = r.Number,
        Scenario = r.Scenario,
        SiteId = r.SiteId,
        Title = r.Title,
        State = r.State,
        Tier = r.Tier,
        Route = r.Route,
        RequestedBy = r.RequestedBy,
        CreatedAt = r.CreatedAt,
        SubmittedAt = r.SubmittedAt,
        DecidedAt = r.DecidedAt,
        DueAt = r.DueAt,
        EscalatedAt = r.EscalatedAt,
        PolicyVersion = r.PolicyVersion,
        Document = string.Empty,
        Details = string.Empty,
    });

    private static RequestSummary Summary(RequestRecord r)
    {
        DecisionScenarios.TryParse(r.Scenario, out var scenarios);
        return new RequestSummary(r.Id, scenarios[0], r.SiteId, r.Title, Enum.Parse<RequestState>(r.State),
            r.Tier is null ? null : Enum.Parse<RiskTier>(r.Tier), r.Route is null ? null : Enum.Parse<Route>(r.Route),
            r.RequestedBy, r.CreatedAt, r.SubmittedAt, r.DecidedAt, r.DueAt, r.EscalatedAt, r.PolicyVersion);
    }
}
