using Seam.Governance.Policy;
using Seam.Governance.Requests;
using Seam.Storage.Governance;

namespace Seam.Server.Features.Governance;

public sealed record PolicyInput(string? Yaml, string? FileName);

public sealed record PolicyVersionDto(int Version, string PublishedBy, DateTimeOffset PublishedAt, string? Yaml);

public sealed record PolicyTeamDto(string Id, string Name, string Side, IReadOnlyList<string> Members, string? EscalatesTo);

public sealed record PolicyRuleDto(string Id, IReadOnlyList<string> Scenarios, string Responsible, string ApprovalMode, IReadOnlyList<string> Approvers,
    IReadOnlyList<string> Consulted, IReadOnlyList<string> Informed, string Deadline, string? EscalateTo, bool FastLane, int Line);

public sealed record CurrentPolicyDto(int Version, string PublishedBy, DateTimeOffset PublishedAt, string SeamOwner, IReadOnlyList<PolicyTeamDto> Teams,
    IReadOnlyList<PolicyRuleDto> Rules, string Yaml);

public sealed record YamlProblemDto(string File, int Line, int Column, string Message);

public sealed record AccessInput(string? Grantee, string? Vendor, string? Method, string? LandingZoneId, IReadOnlyList<string>? AssetIds, bool Mfa,
    DateTimeOffset From, DateTimeOffset To);

public sealed record AcceptanceInput(string? FindingId, string? Reason, string? CompensatingControls, DateTimeOffset Until);

public sealed record ConnectionInput(string? FromZoneId, string? ToZoneId, IReadOnlyList<string>? Services);

/// <summary>A new request. <c>scenario</c> is spelled as in the policy ("change/patch", "access/vendor-remote", …).</summary>
public sealed record CreateRequestInput(string? Scenario, string? SiteId, string? Title, string? Description, IReadOnlyList<string>? AssetIds,
    IReadOnlyList<string>? FindingIds, bool? Reversible, double? DowntimeHours, AccessInput? Access, AcceptanceInput? Acceptance, ConnectionInput? Connection,
    bool Submit);

public sealed record ViewInput(string? Team, bool Approves, string? Reason);

public sealed record RulingInput(bool Approves, string? Reason);

public sealed record ScheduleInput(string? WindowId);

public sealed record CommentInput(string? Text);

public sealed record DelegationInput(string? Member, string? Delegate, DateTimeOffset From, DateTimeOffset Until);

public sealed record RequestSummaryDto(string Id, string Scenario, string SiteId, string Title, string State, string? Tier, string? Route, string RequestedBy,
    DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt, DateTimeOffset? DecidedAt, DateTimeOffset? DueAt, DateTimeOffset? EscalatedAt, int? PolicyVersion)
{
    public static RequestSummaryDto Of(RequestSummary s) => new(s.Id, s.Scenario.Key(), s.SiteId, s.Title, Api.State(s.State), s.Tier?.ToString().ToLowerInvariant(),
        s.Route is { } r ? RequestRouter.Describe(r) : null, s.RequestedBy, s.CreatedAt, s.SubmittedAt, s.DecidedAt, s.DueAt, s.EscalatedAt, s.PolicyVersion);
}

public sealed record RequestListDto(int Total, IReadOnlyList<RequestSummaryDto> Items);

public sealed record RiskFactorDto(string Name, int Points, string ForIt, string ForOt);

public sealed record ApprovalDto(string Mode, IReadOnlyList<string> Teams, string Rule);

public sealed record RoutingDto(string Route, string Tier, int Points, string RiskWhy, IReadOnlyList<RiskFactorDto> Factors, IReadOnlyList<string> MatchedRules,
    string Responsible, IReadOnlyList<ApprovalDto> Approvals, IReadOnlyList<string> Consulted, IReadOnlyList<string> Informed, string Deadline, string EscalateTo,
    string SeamOwner, string ForIt, string ForOt);

public sealed record ViewDto(string Team, string Side, string By, string? OnBehalfOf, bool Approves, string? Reason, DateTimeOffset At);

public sealed record EventDto(DateTimeOffset At, string Actor, string Kind, string Text);

public sealed record RequestDto(string Id, string Scenario, string SiteId, string Title, string? Description, string State, string RequestedBy,
    DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt, DateTimeOffset? DueAt, DateTimeOffset? DecidedAt, DateTimeOffset? EscalatedAt,
    DateTimeOffset? ReviewDueAt, int? PolicyVersion, RoutingDto? Routing, IReadOnlyList<ViewDto> Views, SeamOwnerRuling? Ruling, IReadOnlyList<string> WaitingFor,
    IReadOnlyList<string> Next, IReadOnlyList<string> AssetIds, IReadOnlyList<string> FindingIds, string? MaintenanceWindowId, DateTimeOffset? ScheduledFor,
    RequestDetails Details, IReadOnlyList<AttachmentInfo> Attachments, IReadOnlyList<EventDto> Timeline)
{
    public static RequestDto Of(StoredRequest s)
    {
        var r = s.Request;
        return new RequestDto(r.Id, r.Scenario.Key(), r.SiteId, r.Title, r.Description, Api.State(r.State), r.RequestedBy, r.CreatedAt, r.SubmittedAt, r.DueAt,
            r.DecidedAt, r.EscalatedAt, r.ReviewDueAt, s.PolicyVersion, r.Routing is { } routing ? RoutingOf(routing) : null,
            [.. r.Views.Select(v => new ViewDto(v.Team, v.Side.ToString().ToLowerInvariant(), v.By, v.OnBehalfOf, v.Approves, v.Reason, v.At))],
            r.Ruling, s.WaitingFor, [.. s.Next.Select(Api.State)], r.AssetIds, r.FindingIds, r.MaintenanceWindowId, r.ScheduledFor, s.Details, s.Attachments,
            [.. r.Timeline.Select(e => new EventDto(e.At, e.Actor, e.Kind.ToString(), e.Text))]);
    }

    private static RoutingDto RoutingOf(RoutingDecision d) => new(RequestRouter.Describe(d.Route), d.Risk.Tier.ToString().ToLowerInvariant(), d.Risk.Points, d.Risk.Why,
        [.. d.Risk.Factors.Select(f => new RiskFactorDto(f.Name, f.Points, f.ForIt, f.ForOt))], d.MatchedRules, d.Responsible,
        [.. d.Approvals.Select(a => new ApprovalDto(a.Mode == ApprovalMode.AllOf ? "all-of" : "any-of", a.Teams, a.Rule))], d.Consulted, d.Informed,
        PolicyYaml.FormatDuration(d.Deadline), d.EscalateTo, d.SeamOwner, d.ForIt, d.ForOt);
}

public sealed record WaitingRequestDto(RequestSummaryDto Request, double WaitingHours, IReadOnlyList<string> WaitingFor);

public sealed record GovernanceStatsDto(int Requests, int Submitted, int Decided, double FastLaneShare, int Escalations, int Overdue,
    IReadOnlyList<DecisionTimes> ByScenario, IReadOnlyList<DecisionTimes> ByTeam, IReadOnlyList<DecisionTimes> ByTier, IReadOnlyList<WaitingRequestDto> WaitingLongest)
{
    public static GovernanceStatsDto Of(GovernanceStats s) => new(s.Requests, s.Submitted, s.Decided, s.FastLaneShare, s.Escalations, s.Overdue,
        s.ByScenario, s.ByTeam, s.ByTier, [.. s.WaitingLongest.Select(w => new WaitingRequestDto(RequestSummaryDto.Of(w.Request), Math.Round(w.WaitingHours, 2), w.WaitingFor))]);
}

/// <param name="Reason">Why it waits for me: "asked", "disagreement" or "escalated".</param>
public sealed record InboxItemDto(RequestSummaryDto Request, string Team, string? OnBehalfOf, string Reason);

public sealed record RevokeGrantInput(string? Reason);

internal static class Api
{
    public static string State(RequestState state) => state switch
    {
        RequestState.InReview => "in-review",
        _ => state.ToString().ToLowerInvariant(),
    };

    public static bool TryState(string text, out RequestState state)
    {
        foreach (var s in Enum.GetValues<RequestState>())
        {
            if (State(s) == text.Trim().ToLowerInvariant())
            {
                state = s;
                return true;
            }
        }

        state = default;
        return false;
    }

    public const string States = "draft, submitted, in-review, disagreement, approved, rejected, withdrawn, scheduled, implemented, verified, closed";
}
