namespace Seam.Intelligence.Findings;

/// <summary>Where a finding stands. Matching sets Open, Fixed and NotAffected; people set Mitigated and Accepted.</summary>
public enum FindingState
{
    Open,
    Mitigated,
    Accepted,
    Fixed,
    NotAffected,
}

/// <summary>How a match was made, weakest first; the UI and the exposure engine weigh a finding by it.</summary>
public enum MatchConfidence
{
    /// <summary>Vendor and product names agree, but the version could not be compared (or nobody recorded it).</summary>
    NameOnly = 1,

    /// <summary>Vendor and product names agree and the asset's version lies inside the advisory's version or range.</summary>
    NameAndVersion = 2,

    /// <summary>A CPE name, package URL, model number or serial number agrees (and the version, where one is stated).</summary>
    Identifier = 3,
}

/// <summary>
/// A vulnerability present on an asset, with the advisory statement that put it there. Matching updates the evidence
/// in place on every advisory revision; the human decisions (mitigated, accepted) survive it, each state change kept
/// in <see cref="FindingStateChange"/>.
/// </summary>
public sealed class Finding
{
    /// <summary>The identity of "this vulnerability on this asset", stable across advisory revisions.</summary>
    public required string Id { get; init; }

    public required string AssetId { get; init; }

    public required string SiteId { get; set; }

    /// <summary>The CVE id, or the advisory's own id for a vulnerability without a CVE.</summary>
    public required string VulnerabilityId { get; init; }

    public required string AdvisoryId { get; set; }

    /// <summary>The advisory's tracking version whose statement this finding reflects.</summary>
    public required string AdvisoryVersion { get; set; }

    public required string ProductId { get; set; }

    public required string ProductName { get; set; }

    /// <summary>The product status group the asset fell into (known_affected, fixed, known_not_affected, …).</summary>
    public ProductStatusKind Status { get; set; }

    public MatchConfidence Confidence { get; set; }

    /// <summary>Which product, which range and which asset fields made the match, in one paragraph.</summary>
    public required string Explanation { get; set; }

    /// <summary>The same match said for IT: the CVE, its score and the fix.</summary>
    public required string ForIt { get; set; }

    /// <summary>The same match said for OT: the device, the line, and what fixing it takes.</summary>
    public required string ForOt { get; set; }

    public string? CvssVector { get; set; }

    public double? CvssScore { get; set; }

    /// <summary>The advisory's remediation for this product, shortest useful form ("vendor fix: update to V2.9.7").</summary>
    public string? Remediation { get; set; }

    public FindingState State { get; private set; } = FindingState.Open;

    public string? StateReason { get; private set; }

    public string? StateChangedBy { get; private set; }

    public DateTimeOffset? StateChangedAt { get; private set; }

    /// <summary>For an accepted finding: when the acceptance lapses and the finding re-opens.</summary>
    public DateTimeOffset? AcceptedUntil { get; private set; }

    public DateTimeOffset FirstSeen { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsHumanDecision => State is FindingState.Mitigated or FindingState.Accepted;

    /// <summary>A person records a compensating control that cuts or hardens the path to this finding.</summary>
    public FindingStateChange Mitigate(string by, DateTimeOffset at, string reason)
    {
        RequireReason(reason);
        RequireOneOf(FindingState.Mitigated, FindingState.Open, FindingState.Accepted);
        return Change(FindingState.Mitigated, by, at, reason, acceptedUntil: null);
    }

    /// <summary>A person accepts the risk until a date; the acceptance lapses by itself (see <see cref="ExpireAcceptance"/>).</summary>
    public FindingStateChange Accept(string by, DateTimeOffset at, string reason, DateTimeOffset until)
    {
        RequireReason(reason);
        if (until <= at)
        {
            throw new FindingTransitionException("An acceptance needs an expiry in the future.");
        }

        RequireOneOf(FindingState.Accepted, FindingState.Open, FindingState.Mitigated, FindingState.Accepted);
        return Change(FindingState.Accepted, by, at, reason, until);
    }

    /// <summary>A person re-opens a mitigated or accepted finding (the control was removed, the acceptance withdrawn).</summary>
    public FindingStateChange Reopen(string by, DateTimeOffset at, string reason)
    {
        RequireReason(reason);
        RequireOneOf(FindingState.Open, FindingState.Mitigated, FindingState.Accepted);
        return Change(FindingState.Open, by, at, reason, acceptedUntil: null);
    }

    /// <summary>Re-opens an accepted finding whose acceptance has lapsed; null when nothing changes.</summary>
    public FindingStateChange? ExpireAcceptance(DateTimeOffset now)
    {
        if (State != FindingState.Accepted || AcceptedUntil is not { } until || until > now)
        {
            return null;
        }

        return Change(FindingState.Open, SystemActor, now, $"Risk acceptance expired on {until:yyyy-MM-dd}.", acceptedUntil: null);
    }

    /// <summary>
    /// Sets the state the advisory evidence calls for. A human decision survives new evidence that the asset is still
    /// affected; evidence that it is fixed or not affected closes the finding whatever was decided, and says so.
    /// </summary>
    public FindingStateChange? ApplyEvidence(FindingState evidenced, DateTimeOffset at, string reason)
    {
        if (evidenced is FindingState.Mitigated or FindingState.Accepted)
        {
            throw new ArgumentOutOfRangeException(nameof(evidenced), evidenced, "Only people mitigate or accept.");
        }

        if (evidenced == State || (evidenced == FindingState.Open && IsHumanDecision))
        {
            return null;
        }

        return Change(evidenced, SystemActor, at, reason, acceptedUntil: null);
    }

    /// <summary>The actor recorded for changes Seam makes by itself (matching, expiry).</summary>
    public const string SystemActor = "seam";

    /// <summary>Creates a finding in the state the evidence calls for, with its first history entry.</summary>
    public static (Finding Finding, FindingStateChange Created) Create(Finding template, FindingState evidenced, DateTimeOffset at, string reason)
    {
        var finding = template;
        finding.State = evidenced;
        finding.StateReason = reason;
        finding.StateChangedBy = SystemActor;
        finding.StateChangedAt = at;
        return (finding, new FindingStateChange
        {
            FindingId = finding.Id,
            From = null,
            To = evidenced,
            By = SystemActor,
            At = at,
            Reason = reason,
        });
    }

    private FindingStateChange Change(FindingState to, string by, DateTimeOffset at, string reason, DateTimeOffset? acceptedUntil)
    {
        var change = new FindingStateChange { FindingId = Id, From = State, To = to, By = by, At = at, Reason = reason, AcceptedUntil = acceptedUntil };
        State = to;
        StateReason = reason;
        StateChangedBy = by;
        StateChangedAt = at;
        AcceptedUntil = acceptedUntil;
        return change;
    }

    private static void RequireReason(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new FindingTransitionException("A reason is required: the record must say why.");
        }
    }

    private void RequireOneOf(FindingState to, params FindingState[] allowedFrom)
    {
        if (Array.IndexOf(allowedFrom, State) < 0)
        {
            throw new FindingTransitionException(
                $"A finding that is {FindingStates.Format(State)} cannot become {FindingStates.Format(to)}; " +
                $"only from {string.Join(" or ", allowedFrom.Distinct().Select(FindingStates.Format))}.");
        }
    }
}

/// <summary>One state change of a finding: who, when, from what, to what, and why.</summary>
public sealed class FindingStateChange
{
    public long Id { get; init; }

    public required string FindingId { get; init; }

    public FindingState? From { get; init; }

    public FindingState To { get; init; }

    public required string By { get; init; }

    public DateTimeOffset At { get; init; }

    public required string Reason { get; init; }

    public DateTimeOffset? AcceptedUntil { get; init; }
}

/// <summary>A state change the finding's current state does not allow.</summary>
public sealed class FindingTransitionException(string message) : InvalidOperationException(message);

public static class FindingStates
{
    public static string Format(FindingState state) => state switch
    {
        FindingState.Open => "open",
        FindingState.Mitigated => "mitigated",
        FindingState.Accepted => "accepted",
        FindingState.Fixed => "fixed",
        FindingState.NotAffected => "not affected",
        _ => state.ToString(),
    };

    public static bool TryParse(string? text, out FindingState state)
    {
        var key = (text ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal)
            .Replace("-", string.Empty, StringComparison.Ordinal);
        return Enum.TryParse(key, ignoreCase: true, out state) && Enum.IsDefined(state);
    }
}

public static class Confidences
{
    public static string Format(MatchConfidence confidence) => confidence switch
    {
        MatchConfidence.Identifier => "identifier",
        MatchConfidence.NameAndVersion => "name and version",
        _ => "name only",
    };

    public static bool TryParse(string? text, out MatchConfidence confidence)
    {
        var key = (text ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal)
            .Replace("_", string.Empty, StringComparison.Ordinal).Replace("+", "and", StringComparison.Ordinal);
        return Enum.TryParse(key, ignoreCase: true, out confidence) && Enum.IsDefined(confidence);
    }
}
