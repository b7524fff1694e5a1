using Seam.Governance.Policy;
using Seam.Governance.Requests;
using Seam.Yaml;

namespace Seam.Storage.Governance;

/// <summary>The outcome of a governance command: the value, or why it was refused (nothing was written then).</summary>
public sealed record GovernanceResult<T>(T? Value, RequestError? Error)
    where T : class
{
    public bool Succeeded => Error is null;

    public static implicit operator GovernanceResult<T>(T value) => new(value, null);

    public static implicit operator GovernanceResult<T>(RequestError error) => new(null, error);
}

/// <summary>Error codes the service adds to the ones <see cref="DecisionRequest"/> returns.</summary>
public static class GovernanceErrors
{
    public const string NotFound = "not-found";
    public const string Invalid = "invalid";
    public const string NoPolicy = "no-policy";
    public const string Forbidden = "forbidden";

    public static RequestError RequestNotFound(string id) => new(NotFound, $"No request {id}.");

    public static RequestError BadInput(string message) => new(Invalid, message);
}

/// <summary>A published policy version.</summary>
public sealed record PolicyVersionInfo(int Version, string PublishedBy, DateTimeOffset PublishedAt, string Yaml);

/// <summary>The current policy, parsed, with its publication.</summary>
public sealed record CurrentPolicy(DecisionRightsPolicy Policy, PolicyVersionInfo Publication);

/// <summary>A publication refused: the parser's problems (file, line, column, what was expected), or a version conflict.</summary>
public sealed record PolicyPublishResult(PolicyVersionInfo? Published, IReadOnlyList<YamlProblem> Problems, string? Refusal)
{
    public bool Succeeded => Published is not null;
}

/// <summary>What someone asks for when they draft a request.</summary>
public sealed record NewRequest
{
    public required DecisionScenario Scenario { get; init; }

    public required string SiteId { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<string> AssetIds { get; init; } = [];

    public IReadOnlyList<string> FindingIds { get; init; } = [];

    public RequestDetails Details { get; init; } = new();

    /// <summary>Submit straight away instead of leaving a draft.</summary>
    public bool Submit { get; init; }
}

/// <summary>A stored request with what the service knows around it.</summary>
public sealed record StoredRequest(DecisionRequest Request, RequestDetails Details, RequestFootprint? Footprint, int? PolicyVersion,
    IReadOnlyList<AttachmentInfo> Attachments)
{
    public IReadOnlyList<string> WaitingFor => Request.WaitingFor();

    /// <summary>States the request may move to from here.</summary>
    public IReadOnlyList<RequestState> Next => RequestTransitions.From(Request.State);
}

public sealed record AttachmentInfo(long Id, string FileName, string ContentType, long Size, string Sha256, string UploadedBy, DateTimeOffset UploadedAt);

public sealed record AttachmentContent(AttachmentInfo Info, byte[] Content);

/// <summary>A request as lists show it, from the queryable columns alone.</summary>
public sealed record RequestSummary(string Id, DecisionScenario Scenario, string SiteId, string Title, RequestState State, RiskTier? Tier, Route? Route,
    string RequestedBy, DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt, DateTimeOffset? DecidedAt, DateTimeOffset? DueAt, DateTimeOffset? EscalatedAt,
    int? PolicyVersion);

/// <summary>Filters for the request list; null means any.</summary>
public sealed record RequestFilter
{
    /// <summary>Sites the caller may see; null for every site.</summary>
    public IReadOnlyCollection<string>? VisibleSites { get; init; }

    public string? SiteId { get; init; }

    public RequestState? State { get; init; }

    public DecisionScenario? Scenario { get; init; }

    public RiskTier? Tier { get; init; }

    public string? RequestedBy { get; init; }

    /// <summary>Only requests this person made or is the grantee of (a vendor's view).</summary>
    public string? Involving { get; init; }

    /// <summary>Only requests whose decision is still awaited.</summary>
    public bool? Open { get; init; }

    public int Offset { get; init; }

    public int Limit { get; init; } = 50;
}

public sealed record RequestPage(int Total, IReadOnlyList<RequestSummary> Items);

/// <summary>A decision waiting for someone: the request, the team they would act for, and whom they stand in for.</summary>
/// <param name="Reason">Why it waits for the user's team: "asked", "disagreement" or "escalated".</param>
public sealed record InboxItem(RequestSummary Request, string Team, string? OnBehalfOf, string Reason);

/// <summary>How an access grant ended: revoked early or expired by itself.</summary>
public sealed record GrantEnd(string GrantId, string? RequestId, string Kind, DateTimeOffset At, string? By, string? Reason, DateTimeOffset ScheduledEnd);

public sealed record DelegationInfo(long Id, string Member, string Delegate, DateTimeOffset From, DateTimeOffset Until, string CreatedBy, DateTimeOffset? RevokedAt);

/// <summary>Who can reach what right now: an active grant, or an always-on remote entry point.</summary>
public sealed record ReachNow(string Kind, string Id, string SiteId, string Who, string? Vendor, string? Method, string? ZoneId, IReadOnlyList<string> AssetIds,
    bool Mfa, DateTimeOffset? Until, string? RequestId);

/// <summary>Time to decision for one group of decided requests, in hours.</summary>
public sealed record DecisionTimes(string Group, int Decided, double MedianHours, double P90Hours);

public sealed record WaitingRequest(RequestSummary Request, double WaitingHours, IReadOnlyList<string> WaitingFor);

/// <summary>Where decisions stall.</summary>
public sealed record GovernanceStats(int Requests, int Submitted, int Decided, double FastLaneShare, int Escalations, int Overdue,
    IReadOnlyList<DecisionTimes> ByScenario, IReadOnlyList<DecisionTimes> ByTeam, IReadOnlyList<DecisionTimes> ByTier, IReadOnlyList<WaitingRequest> WaitingLongest);
