using Seam.Governance.Policy;
using Seam.Inventory;

namespace Seam.Governance.Requests;

/// <summary>One team's view on a request, given by a member or by someone a member delegated to.</summary>
/// <param name="OnBehalfOf">The member who delegated, when a delegate gave the view.</param>
public sealed record TeamView(string Team, TeamSide Side, string By, string? OnBehalfOf, bool Approves, string? Reason, DateTimeOffset At);

/// <summary>The seam owner's ruling on a disagreement or a request routed to it; the reason is required.</summary>
public sealed record SeamOwnerRuling(string By, bool Approves, string Reason, DateTimeOffset At);

public enum RequestEventKind
{
    Created,
    Submitted,
    Routed,
    View,
    Disagreement,
    SeamOwnerRuling,
    StateChanged,
    Comment,
    Escalated,
    Scheduled,
    ReviewDue,
}

/// <summary>A line on a request's timeline.</summary>
public sealed record RequestEvent(DateTimeOffset At, string Actor, RequestEventKind Kind, string Text);

/// <summary>A person may act for a team from <see cref="From"/> until <see cref="Until"/> in place of a member who is away.</summary>
public sealed record Delegation(string Member, string Delegate, DateTimeOffset From, DateTimeOffset Until)
{
    public bool ActiveAt(DateTimeOffset at) => at >= From && at < Until;
}

/// <summary>A request's whole state, as storage keeps it.</summary>
public sealed record DecisionRequestSnapshot
{
    public required string Id { get; init; }

    public required DecisionScenario Scenario { get; init; }

    public required string SiteId { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    public required string RequestedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public IReadOnlyList<string> AssetIds { get; init; } = [];

    public IReadOnlyList<string> FindingIds { get; init; } = [];

    public string? MaintenanceWindowId { get; init; }

    public DateTimeOffset? ScheduledFor { get; init; }

    public RequestState State { get; init; }

    public RoutingDecision? Routing { get; init; }

    public DateTimeOffset? SubmittedAt { get; init; }

    public DateTimeOffset? DueAt { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    public DateTimeOffset? EscalatedAt { get; init; }

    public DateTimeOffset? ReviewDueAt { get; init; }

    public SeamOwnerRuling? Ruling { get; init; }

    public IReadOnlyList<TeamView> Views { get; init; } = [];

    public IReadOnlyList<RequestEvent> Timeline { get; init; } = [];
}

/// <summary>
/// A request for a decision — a change, access, incident, solution, risk acceptance or scan — with guarded state
/// transitions. Every command returns null when it succeeded or the reason it was refused; nothing changes on a
/// refusal. Separation of duties: nobody gives a view on, or rules on, their own request.
/// </summary>
public sealed class DecisionRequest
{
    private readonly List<TeamView> views = [];
    private readonly List<RequestEvent> timeline = [];

    public DecisionRequest(string id, DecisionScenario scenario, string siteId, string title, string requestedBy, DateTimeOffset at)
    {
        Id = id;
        Scenario = scenario;
        SiteId = siteId;
        Title = title;
        RequestedBy = requestedBy;
        CreatedAt = at;
        timeline.Add(new RequestEvent(at, requestedBy, RequestEventKind.Created, $"{requestedBy} drafted '{title}' ({scenario.Key()})."));
    }

    /// <summary>Brings back a stored request exactly as it was; its rules apply from there on.</summary>
    private DecisionRequest(DecisionRequestSnapshot s)
    {
        Id = s.Id;
        Scenario = s.Scenario;
        SiteId = s.SiteId;
        Title = s.Title;
        Description = s.Description;
        RequestedBy = s.RequestedBy;
        CreatedAt = s.CreatedAt;
        AssetIds = s.AssetIds;
        FindingIds = s.FindingIds;
        MaintenanceWindowId = s.MaintenanceWindowId;
        ScheduledFor = s.ScheduledFor;
        State = s.State;
        Routing = s.Routing;
        SubmittedAt = s.SubmittedAt;
        DueAt = s.DueAt;
        DecidedAt = s.DecidedAt;
        EscalatedAt = s.EscalatedAt;
        ReviewDueAt = s.ReviewDueAt;
        Ruling = s.Ruling;
        views.AddRange(s.Views);
        timeline.AddRange(s.Timeline);
    }

    public static DecisionRequest Restore(DecisionRequestSnapshot snapshot) => new(snapshot);

    /// <summary>Everything the request knows, for storage; <see cref="Restore"/> gives it back.</summary>
    public DecisionRequestSnapshot Snapshot() => new()
    {
        Id = Id,
        Scenario = Scenario,
        SiteId = SiteId,
        Title = Title,
        Description = Description,
        RequestedBy = RequestedBy,
        CreatedAt = CreatedAt,
        AssetIds = AssetIds,
        FindingIds = FindingIds,
        MaintenanceWindowId = MaintenanceWindowId,
        ScheduledFor = ScheduledFor,
        State = State,
        Routing = Routing,
        SubmittedAt = SubmittedAt,
        DueAt = DueAt,
        DecidedAt = DecidedAt,
        EscalatedAt = EscalatedAt,
        ReviewDueAt = ReviewDueAt,
        Ruling = Ruling,
        Views = [.. views],
        Timeline = [.. timeline],
    };

    public string Id { get; }

    public DecisionScenario Scenario { get; }

    public string SiteId { get; }

    public string Title { get; }

    public string? Description { get; set; }

    public string RequestedBy { get; }

    public DateTimeOffset CreatedAt { get; }

    public IReadOnlyList<string> AssetIds { get; set; } = [];

    public IReadOnlyList<string> FindingIds { get; set; } = [];

    public string? MaintenanceWindowId { get; private set; }

    public DateTimeOffset? ScheduledFor { get; private set; }

    public RequestState State { get; private set; } = RequestState.Draft;

    public RoutingDecision? Routing { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public DateTimeOffset? DueAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public DateTimeOffset? EscalatedAt { get; private set; }

    /// <summary>For the fast lane: when the post-implementation review is due.</summary>
    public DateTimeOffset? ReviewDueAt { get; private set; }

    public SeamOwnerRuling? Ruling { get; private set; }

    public IReadOnlyList<TeamView> Views => views;

    public IReadOnlyList<RequestEvent> Timeline => timeline;

    /// <summary>Why <paramref name="by"/> cannot submit the request now, or null; lets a caller check before pricing the request.</summary>
    public RequestError? RefusesSubmit(string by) => by != RequestedBy
        ? new RequestError("not-requester", $"Only {RequestedBy}, who drafted the request, can submit it.")
        : Refused(RequestState.Submitted);

    /// <summary>Sends the request on its route. The fast lane approves at once and sets a review a week later.</summary>
    public RequestError? Submit(string by, RoutingDecision routing, DateTimeOffset at)
    {
        if (RefusesSubmit(by) is { } refused)
        {
            return refused;
        }

        Routing = routing;
        SubmittedAt = at;
        Move(RequestState.Submitted, by, at);
        timeline.Add(new RequestEvent(at, "seam", RequestEventKind.Routed, $"{RequestRouter.Describe(routing.Route)} route: {routing.ForIt}"));
        if (routing.Route == Route.FastLane)
        {
            DecidedAt = at;
            ReviewDueAt = at + TimeSpan.FromDays(7);
            Move(RequestState.Approved, "seam", at, "fast lane: approved on submission");
            timeline.Add(new RequestEvent(at, "seam", RequestEventKind.ReviewDue,
                $"Post-implementation review due {ReviewDueAt:yyyy-MM-dd}; {(routing.Informed.Count == 0 ? "nobody to inform" : string.Join(", ", routing.Informed) + " informed")}."));
            return null;
        }

        DueAt = at + routing.Deadline;
        Move(RequestState.InReview, "seam", at, $"waiting for {string.Join(", ", routing.Approvals.SelectMany(a => a.Teams).Distinct())} until {DueAt:yyyy-MM-dd HH:mm} UTC");
        return null;
    }

    /// <summary>Records a team's view. Moves on once every required sign-off is in, or on a refusal.</summary>
    /// <param name="delegations">Delegations in force, so that a delegate may act for an absent member.</param>
    public RequestError? RecordView(string by, string team, bool approves, string? reason, DecisionRightsPolicy policy, IEnumerable<Delegation> delegations,
        DateTimeOffset at)
    {
        if (State != RequestState.InReview || Routing is not { } routing)
        {
            return new RequestError("not-in-review", $"Views are given while a request is in review; this one is {Describe(State)}.");
        }

        if (by == RequestedBy)
        {
            return new RequestError("own-request", "Nobody approves or rejects their own request.");
        }

        if (!AsksViewFrom(team))
        {
            return new RequestError("not-an-approver", $"{team} is not asked to sign off this request; the approvers are {string.Join(", ", routing.Approvals.SelectMany(a => a.Teams).Distinct())}."
                + (team == EscalatedTo ? $" It was escalated to {team}: rule on it, with a written reason." : string.Empty));
        }

        if (policy.Team(team) is not { } policyTeam)
        {
            return new RequestError("unknown-team", $"No team '{team}' in policy v{policy.Version}.");
        }

        string? onBehalfOf = null;
        if (!policyTeam.Members.Contains(by))
        {
            onBehalfOf = delegations.FirstOrDefault(d => d.Delegate == by && d.ActiveAt(at) && policyTeam.Members.Contains(d.Member))?.Member;
            if (onBehalfOf is null)
            {
                return new RequestError("not-a-member", $"{by} is not a member of {team} and holds no delegation from one of its members.");
            }

            if (onBehalfOf == RequestedBy)
            {
                return new RequestError("own-request", $"{by} acts for {onBehalfOf}, who made this request; nobody approves their own request, not through a delegate either.");
            }
        }

        if (!approves && string.IsNullOrWhiteSpace(reason))
        {
            return new RequestError("reason-required", "A rejection needs a reason the requester can act on.");
        }

        views.RemoveAll(v => v.Team == team);
        views.Add(new TeamView(team, policyTeam.Side, by, onBehalfOf, approves, reason, at));
        timeline.Add(new RequestEvent(at, by, RequestEventKind.View,
            $"{by}{(onBehalfOf is null ? string.Empty : $" (for {onBehalfOf})")} for {team}: {(approves ? "approve" : "reject")}{(reason is null ? string.Empty : $" — {reason}")}"));
        Decide(routing, by, at);
        return null;
    }

    /// <summary>The seam owner settles a disagreement, or decides a request routed to it once the views are in (or without them).</summary>
    public RequestError? RuleAsSeamOwner(string by, bool approves, string reason, DecisionRightsPolicy policy, DateTimeOffset at)
    {
        if (Routing is not { } routing
            || !(State == RequestState.Disagreement || (State == RequestState.InReview && (routing.Route == Route.SeamOwner || EscalatedTo is not null))))
        {
            return new RequestError("no-ruling-needed", $"The seam owner rules on a disagreement or on a request routed to it; this one is {Describe(State)}"
                + (Routing is null ? "." : $" on the {RequestRouter.Describe(Routing.Route)} route."));
        }

        if (by == RequestedBy)
        {
            return new RequestError("own-request", "Nobody rules on their own request; another member of the seam owner team must.");
        }

        if (!MayRule(by, policy))
        {
            return new RequestError("not-seam-owner", EscalatedTo is { } escalated && escalated != policy.SeamOwner
                ? $"{by} is not a member of {policy.SeamOwner}, the seam owner, nor of {escalated}, where this request was escalated."
                : $"{by} is not a member of {policy.SeamOwner}, the seam owner.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return new RequestError("reason-required", "The seam owner's ruling needs a written reason.");
        }

        var asEscalation = policy.Team(policy.SeamOwner)?.Members.Contains(by) != true;
        Ruling = new SeamOwnerRuling(by, approves, reason.Trim(), at);
        DecidedAt = at;
        timeline.Add(new RequestEvent(at, by, RequestEventKind.SeamOwnerRuling,
            $"{by} for {(asEscalation ? $"{EscalatedTo}, where it was escalated" : "the seam owner")}: {(approves ? "approve" : "reject")} — {reason.Trim()}"));
        Move(approves ? RequestState.Approved : RequestState.Rejected, by, at);
        return null;
    }

    public RequestError? Withdraw(string by, DateTimeOffset at)
    {
        if (by != RequestedBy)
        {
            return new RequestError("not-requester", $"Only {RequestedBy}, who made the request, can withdraw it.");
        }

        return Refused(RequestState.Withdrawn) ?? Move(RequestState.Withdrawn, by, at);
    }

    /// <summary>Plans the approved work into a maintenance window occurrence.</summary>
    public RequestError? Schedule(string by, MaintenanceWindow window, DateTimeOffset at)
    {
        if (window.SiteId != SiteId)
        {
            return new RequestError("wrong-site", $"Maintenance window {window.Id} is on site {window.SiteId}; this request is for {SiteId}.");
        }

        if (Refused(RequestState.Scheduled) is { } refused)
        {
            return refused;
        }

        MaintenanceWindowId = window.Id;
        ScheduledFor = window.NextStart(at);
        timeline.Add(new RequestEvent(at, by, RequestEventKind.Scheduled, $"Planned into {window.Name} on {ScheduledFor:yyyy-MM-dd HH:mm} UTC."));
        return Move(RequestState.Scheduled, by, at);
    }

    public RequestError? MarkImplemented(string by, DateTimeOffset at) => Refused(RequestState.Implemented) ?? Move(RequestState.Implemented, by, at);

    /// <summary>Confirms the work did what it should; someone other than who did it confirms.</summary>
    public RequestError? Verify(string by, DateTimeOffset at)
    {
        var implementer = timeline.LastOrDefault(e => e.Kind == RequestEventKind.StateChanged && e.Text.StartsWith("→ Implemented", StringComparison.Ordinal))?.Actor;
        if (implementer == by)
        {
            return new RequestError("own-work", "The person who implemented a change does not verify it; ask a colleague.");
        }

        return Refused(RequestState.Verified) ?? Move(RequestState.Verified, by, at);
    }

    public RequestError? Close(string by, DateTimeOffset at) => Refused(RequestState.Closed) ?? Move(RequestState.Closed, by, at);

    public RequestError? Comment(string by, string text, DateTimeOffset at)
    {
        if (State == RequestState.Closed)
        {
            return new RequestError("closed", "A closed request takes no more comments.");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return new RequestError("empty", "A comment needs some text.");
        }

        timeline.Add(new RequestEvent(at, by, RequestEventKind.Comment, text.Trim()));
        return null;
    }

    /// <summary>Escalates a decision past its deadline, once. Returns true when it escalated now.</summary>
    public bool EscalateIfOverdue(DateTimeOffset now)
    {
        if (!State.AwaitsDecision() || EscalatedAt is not null || DueAt is not { } due || now < due || Routing is not { } routing)
        {
            return false;
        }

        EscalatedAt = now;
        timeline.Add(new RequestEvent(now, "seam", RequestEventKind.Escalated,
            $"No decision by {due:yyyy-MM-dd HH:mm} UTC: escalated to {(State == RequestState.Disagreement ? routing.SeamOwner : routing.EscalateTo)}."));
        return true;
    }

    /// <summary>
    /// Where an overdue decision went while it still waits: the rule's escalation team (the seam owner for a
    /// disagreement); null when it was not escalated or is decided.
    /// </summary>
    public string? EscalatedTo => EscalatedAt is not null && State.AwaitsDecision() && Routing is { } routing
        ? (State == RequestState.Disagreement ? routing.SeamOwner : routing.EscalateTo)
        : null;

    /// <summary>
    /// Whether <paramref name="by"/> may rule on the request now as the policy says: a member of the seam owner on a
    /// disagreement or a seam-owner route, and also a member of the escalation team once the decision was escalated.
    /// Not their own request, and only while a ruling is possible.
    /// </summary>
    public bool MayRule(string by, DecisionRightsPolicy policy)
    {
        if (by == RequestedBy || Routing is not { } routing)
        {
            return false;
        }

        var escalated = State == RequestState.InReview ? EscalatedTo : null;
        if (!(State == RequestState.Disagreement || (State == RequestState.InReview && (routing.Route == Route.SeamOwner || escalated is not null))))
        {
            return false;
        }

        return policy.Team(policy.SeamOwner)?.Members.Contains(by) == true || (escalated is not null && policy.Team(escalated)?.Members.Contains(by) == true);
    }

    /// <summary>Whether a view from <paramref name="team"/> counts: it is asked to sign off, or the route is the seam owner's.</summary>
    public bool AsksViewFrom(string team) => Routing is { } routing && (routing.Route == Route.SeamOwner || routing.Approvals.Any(a => a.Teams.Contains(team)));

    /// <summary>Why the request waits for <paramref name="team"/>: "escalated", "disagreement" or "asked".</summary>
    public string WaitReason(string team) =>
        team == EscalatedTo ? "escalated" : State == RequestState.Disagreement ? "disagreement" : "asked";

    /// <summary>Teams whose sign-off is still missing, and the team an overdue decision was escalated to.</summary>
    public IReadOnlyList<string> WaitingFor()
    {
        var waiting = MissingSignOffs();
        return EscalatedTo is { } escalated && !waiting.Contains(escalated) ? [.. waiting, escalated] : waiting;
    }

    private IReadOnlyList<string> MissingSignOffs()
    {
        if (Routing is not { } routing || !State.AwaitsDecision())
        {
            return [];
        }

        if (State == RequestState.Disagreement)
        {
            return [routing.SeamOwner];
        }

        var waiting = routing.Approvals.Where(a => !Satisfied(a))
            .SelectMany(a => a.Mode == ApprovalMode.AllOf ? a.Teams.Where(t => !views.Any(v => v.Team == t)) : a.Teams)
            .Distinct().ToList();
        return routing.Route == Route.SeamOwner && waiting.Count == 0 ? [routing.SeamOwner] : waiting;
    }

    private bool Satisfied(ApprovalRequirement requirement) => requirement.Mode == ApprovalMode.AllOf
        ? requirement.Teams.All(t => views.Any(v => v.Team == t && v.Approves))
        : requirement.Teams.Any(t => views.Any(v => v.Team == t && v.Approves));

    private bool Refuses(ApprovalRequirement requirement) => requirement.Mode == ApprovalMode.AllOf
        ? requirement.Teams.Any(t => views.Any(v => v.Team == t && !v.Approves))
        : requirement.Teams.All(t => views.Any(v => v.Team == t && !v.Approves));

    /// <summary>After a view: approve when every requirement is met, reject or go to the seam owner on a refusal.</summary>
    private void Decide(RoutingDecision routing, string by, DateTimeOffset at)
    {
        if (routing.Route == Route.SeamOwner)
        {
            return;
        }

        var refusing = routing.Approvals.Where(Refuses).ToList();
        if (refusing.Count == 0)
        {
            if (routing.Approvals.All(Satisfied))
            {
                DecidedAt = at;
                Move(RequestState.Approved, by, at, "every required sign-off is in");
            }

            return;
        }

        var approvingSides = views.Where(v => v.Approves).Select(v => v.Side).ToHashSet();
        var refusingSides = views.Where(v => !v.Approves).Select(v => v.Side).ToHashSet();
        if (routing.Route == Route.JointItOt && !SidesRequired(routing).All(side => views.Any(v => v.Side == side)))
        {
            // A joint sign-off concludes once both sides have spoken: a refusal from one may still meet approval from the other.
            return;
        }

        if (routing.Route == Route.JointItOt && approvingSides.Except(refusingSides).Any() && refusingSides.Except(approvingSides).Any())
        {
            var it = views.Where(v => v.Side == TeamSide.It).Select(v => $"{v.Team}: {(v.Approves ? "approve" : "reject")}");
            var ot = views.Where(v => v.Side == TeamSide.Ot).Select(v => $"{v.Team}: {(v.Approves ? "approve" : "reject")}");
            timeline.Add(new RequestEvent(at, "seam", RequestEventKind.Disagreement,
                $"IT and OT disagree (IT — {string.Join(", ", it)}; OT — {string.Join(", ", ot)}); the seam owner {routing.SeamOwner} decides."));
            Move(RequestState.Disagreement, by, at);
            return;
        }

        DecidedAt = at;
        Move(RequestState.Rejected, by, at, $"{string.Join(", ", refusing.SelectMany(r => r.Teams).Where(t => views.Any(v => v.Team == t && !v.Approves)).Distinct())} rejected it");
    }

    /// <summary>The sides of the seam the approver teams are on, as the routing recorded them.</summary>
    private static IEnumerable<TeamSide> SidesRequired(RoutingDecision routing) =>
        routing.Approvals.SelectMany(a => a.Teams).Select(t => routing.Sides.GetValueOrDefault(t, TeamSide.Joint)).Distinct();

    private RequestError? Refused(RequestState to) => RequestTransitions.IsLegal(State, to) ? null
        : new RequestError("illegal-transition", $"A request that is {Describe(State)} cannot become {Describe(to)}; from {Describe(State)} it can become "
            + (RequestTransitions.From(State) is { Count: > 0 } next ? string.Join(" or ", next.Select(Describe)) : "nothing else: it is final") + ".");

    private RequestError? Move(RequestState to, string by, DateTimeOffset at, string? why = null)
    {
        if (Refused(to) is { } refused)
        {
            throw new InvalidOperationException(refused.Message);
        }

        timeline.Add(new RequestEvent(at, by, RequestEventKind.StateChanged, $"→ {to}{(why is null ? string.Empty : $": {why}")}"));
        State = to;
        return null;
    }

    public static string Describe(RequestState state) => state switch
    {
        RequestState.InReview => "in review",
        RequestState.Disagreement => "in disagreement",
        _ => state.ToString().ToLowerInvariant(),
    };
}
