using System.Security.Cryptography;
using System.Text;
using Seam.Intelligence.Matching;

namespace Seam.Intelligence.Findings;

/// <summary>
/// Turns one advisory's matches into finding changes against what is stored. A finding is "this vulnerability on this
/// asset": a newer revision of the advisory updates it in place (evidence, explanation, state the evidence calls for)
/// and keeps the human decisions; a stronger match from another advisory takes over the provenance; a finding whose
/// advisory no longer matches the asset is closed as not affected, with the reason on record.
/// </summary>
public static class FindingReconciler
{
    /// <param name="existing">Stored findings for the matched (asset, vulnerability) pairs and every finding of this advisory.</param>
    public static FindingChanges Reconcile(string advisoryId, string advisoryVersion, IReadOnlyList<AdvisoryMatch> matches,
        IReadOnlyCollection<Finding> existing, DateTimeOffset at)
    {
        var byKey = existing.ToDictionary(f => (f.AssetId, f.VulnerabilityId));
        var changes = new FindingChanges();
        var matched = new HashSet<(string, string)>();

        foreach (var match in matches)
        {
            var key = (match.AssetId, match.VulnerabilityId);
            matched.Add(key);
            if (!byKey.TryGetValue(key, out var finding))
            {
                var (created, history) = Finding.Create(NewFinding(match, at), match.EvidencedState, at, Reason(match));
                changes.Created.Add(created);
                changes.History.Add(history);
                continue;
            }

            var sameAdvisory = string.Equals(finding.AdvisoryId, match.AdvisoryId, StringComparison.Ordinal);
            if (!sameAdvisory && match.Confidence <= finding.Confidence)
            {
                // The other advisory's evidence is at least as strong; it keeps the finding.
                continue;
            }

            if (SameEvidence(finding, match) && finding.State == match.EvidencedState)
            {
                continue;
            }

            CopyEvidence(finding, match, at);
            var change = finding.ApplyEvidence(match.EvidencedState, at, Reason(match));
            if (change is not null)
            {
                changes.History.Add(change);
            }

            changes.Updated.Add(finding);
        }

        foreach (var finding in existing)
        {
            if (finding.AdvisoryId != advisoryId || matched.Contains((finding.AssetId, finding.VulnerabilityId)))
            {
                continue;
            }

            var change = finding.ApplyEvidence(FindingState.NotAffected, at,
                $"Advisory {advisoryId} version {advisoryVersion} no longer matches this asset for {finding.VulnerabilityId}.");
            if (change is not null)
            {
                finding.AdvisoryVersion = advisoryVersion;
                finding.UpdatedAt = at;
                changes.History.Add(change);
                changes.Updated.Add(finding);
            }
        }

        return changes;
    }

    /// <summary>The stable id of "this vulnerability on this asset".</summary>
    public static string IdFor(string assetId, string vulnerabilityId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(assetId + "\n" + vulnerabilityId));
        return "F-" + Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }

    private static string Reason(AdvisoryMatch match) =>
        $"Advisory {match.AdvisoryId} version {match.AdvisoryVersion}: product {match.ProductId} is {AdvisoryMatcher.StatusPhrase(match.Status)} " +
        $"({match.Confidence switch { MatchConfidence.Identifier => "identifier match", MatchConfidence.NameAndVersion => "name and version match", _ => "name-only match" }}).";

    private static bool SameEvidence(Finding finding, AdvisoryMatch match) =>
        finding.AdvisoryId == match.AdvisoryId && finding.AdvisoryVersion == match.AdvisoryVersion && finding.ProductId == match.ProductId
        && finding.Status == match.Status && finding.Confidence == match.Confidence && finding.Explanation == match.Explanation
        && finding.ForIt == match.ForIt && finding.ForOt == match.ForOt && finding.CvssVector == match.CvssVector
        && Nullable.Equals(finding.CvssScore, match.CvssScore) && finding.Remediation == match.Remediation && finding.SiteId == match.SiteId;

    private static void CopyEvidence(Finding finding, AdvisoryMatch match, DateTimeOffset at)
    {
        finding.SiteId = match.SiteId;
        finding.AdvisoryId = match.AdvisoryId;
        finding.AdvisoryVersion = match.AdvisoryVersion;
        finding.ProductId = match.ProductId;
        finding.ProductName = match.ProductName;
        finding.Status = match.Status;
        finding.Confidence = match.Confidence;
        finding.Explanation = match.Explanation;
        finding.ForIt = match.ForIt;
        finding.ForOt = match.ForOt;
        finding.CvssVector = match.CvssVector;
        finding.CvssScore = match.CvssScore;
        finding.Remediation = match.Remediation;
        finding.UpdatedAt = at;
    }

    private static Finding NewFinding(AdvisoryMatch match, DateTimeOffset at) => new()
    {
        Id = IdFor(match.AssetId, match.VulnerabilityId),
        AssetId = match.AssetId,
        SiteId = match.SiteId,
        VulnerabilityId = match.VulnerabilityId,
        AdvisoryId = match.AdvisoryId,
        AdvisoryVersion = match.AdvisoryVersion,
        ProductId = match.ProductId,
        ProductName = match.ProductName,
        Status = match.Status,
        Confidence = match.Confidence,
        Explanation = match.Explanation,
        ForIt = match.ForIt,
        ForOt = match.ForOt,
        CvssVector = match.CvssVector,
        CvssScore = match.CvssScore,
        Remediation = match.Remediation,
        FirstSeen = at,
        UpdatedAt = at,
    };
}

/// <summary>What one reconcile changes: new findings, updated ones, and the state history to append.</summary>
public sealed class FindingChanges
{
    public List<Finding> Created { get; } = [];

    public List<Finding> Updated { get; } = [];

    public List<FindingStateChange> History { get; } = [];

    public bool IsEmpty => Created.Count == 0 && Updated.Count == 0;
}
