namespace Seam.Governance.Requests;

/// <summary>
/// What a requester states about the work beyond the assets it touches: whether it can be undone and how long the
/// line stops, and for the two scenarios that change something outside the request once approved, what exactly.
/// </summary>
public sealed record RequestDetails
{
    public bool Reversible { get; init; } = true;

    public double DowntimeHours { get; init; }

    /// <summary>For access/vendor-remote: the grant written when the request is approved.</summary>
    public VendorAccessDetails? Access { get; init; }

    /// <summary>For risk-acceptance: the finding accepted when the request is approved.</summary>
    public RiskAcceptanceDetails? Acceptance { get; init; }

    /// <summary>For change/new-connection: the conduit the change would add, so the exposure engine can price it.</summary>
    public NewConnectionDetails? Connection { get; init; }
}

/// <summary>Time-boxed remote access a vendor asks for: who, how, landing where, on which assets, from when to when.</summary>
public sealed record VendorAccessDetails(string Grantee, string? Vendor, string Method, string? LandingZoneId, IReadOnlyList<string> AssetIds, bool Mfa,
    DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>Why the details cannot be used, or null.</summary>
    public string? Problem() =>
        string.IsNullOrWhiteSpace(Grantee) ? "access.grantee: who gets access is required"
        : string.IsNullOrWhiteSpace(Method) ? "access.method: how access is made (e.g. 'Secomea SiteManager') is required"
        : To <= From ? $"access.to: the grant must end after it starts ({From:yyyy-MM-dd HH:mm} UTC)"
        : To - From > TimeSpan.FromDays(90) ? "access.to: a grant lasts at most 90 days; ask again for longer"
        : null;
}

/// <summary>A finding accepted until <see cref="Until"/>, with the reason and the controls that make it tolerable.</summary>
public sealed record RiskAcceptanceDetails(string FindingId, string Reason, string? CompensatingControls, DateTimeOffset Until)
{
    public string? Problem(DateTimeOffset now) =>
        string.IsNullOrWhiteSpace(FindingId) ? "acceptance.findingId: the finding to accept is required"
        : string.IsNullOrWhiteSpace(Reason) ? "acceptance.reason: why the risk is acceptable is required"
        : Until <= now ? "acceptance.until: an acceptance must expire in the future"
        : null;
}

/// <summary>A conduit a change/new-connection would open between two zones.</summary>
public sealed record NewConnectionDetails(string FromZoneId, string ToZoneId, IReadOnlyList<string> Services);
