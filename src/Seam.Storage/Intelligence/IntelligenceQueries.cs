using Microsoft.EntityFrameworkCore;
using Seam.Intelligence.Advisories;
using Seam.Intelligence.Cvss;
using Seam.Intelligence.Findings;
using Seam.Intelligence.Vulnerabilities;

namespace Seam.Storage.Intelligence;

/// <summary>What to list of the findings; every filter is optional.</summary>
public sealed record FindingFilter(
    string? AssetId = null,
    string? SiteId = null,
    string? VulnerabilityId = null,
    string? AdvisoryId = null,
    IReadOnlyCollection<FindingState>? States = null,
    MatchConfidence? MinConfidence = null,
    IReadOnlySet<string>? VisibleSites = null);

/// <summary>A finding as lists show it, with the asset's name and the exploitation evidence of its vulnerability.</summary>
public sealed record FindingRow(
    string Id, string AssetId, string AssetName, string SiteId, string VulnerabilityId, string AdvisoryId, string AdvisoryVersion,
    string ProductId, string ProductName, string Status, string Confidence, string State, double? CvssScore, string? CvssVector,
    bool InKev, double? EpssProbability, double? EpssPercentile, string Explanation, string ForIt, string ForOt, string? Remediation,
    DateTimeOffset FirstSeen, DateTimeOffset UpdatedAt, DateTimeOffset? AcceptedUntil, string? StateReason);

/// <summary>Everything Seam knows about one vulnerability: scores, exploitation evidence, advisories and affected assets.</summary>
public sealed record VulnerabilityProfile(
    string Id,
    string? Title,
    string? Description,
    IReadOnlyList<CvssBreakdown> Cvss,
    ExploitPrediction? Epss,
    KnownExploitation? Kev,
    NvdVulnerability? Nvd,
    IReadOnlyList<AdvisoryVulnerability> Advisories);

/// <summary>A CVSS vector read and scored by Seam, with its source and each metric spelled out.</summary>
public sealed record CvssBreakdown(
    string Source, string Version, string Vector, double Score, string Severity, double? StatedScore,
    IReadOnlyList<CvssMetricValue> Metrics, IReadOnlyList<string> Explanation, string? Error);

public static class IntelligenceQueries
{
    public static IQueryable<Finding> Filter(SeamDbContext db, FindingFilter filter)
    {
        var query = db.Findings.AsNoTracking();
        if (filter.VisibleSites is { } visible)
        {
            var ids = visible.ToList();
            query = query.Where(f => ids.Contains(f.SiteId));
        }

        if (!string.IsNullOrWhiteSpace(filter.AssetId))
        {
            query = query.Where(f => f.AssetId == filter.AssetId);
        }

        if (!string.IsNullOrWhiteSpace(filter.SiteId))
        {
            query = query.Where(f => f.SiteId == filter.SiteId);
        }

        if (!string.IsNullOrWhiteSpace(filter.VulnerabilityId))
        {
            var id = VulnerabilityKey(filter.VulnerabilityId);
            query = query.Where(f => f.VulnerabilityId == id);
        }

        if (!string.IsNullOrWhiteSpace(filter.AdvisoryId))
        {
            query = query.Where(f => f.AdvisoryId == filter.AdvisoryId);
        }

        if (filter.States is { Count: > 0 } states)
        {
            var list = states.ToList();
            query = query.Where(f => list.Contains(f.State));
        }

        if (filter.MinConfidence is { } min)
        {
            var allowed = Enum.GetValues<MatchConfidence>().Where(c => c >= min).ToList();
            query = query.Where(f => allowed.Contains(f.Confidence));
        }

        return query;
    }

    /// <summary>Joins findings with their assets and with KEV and EPSS, for display.</summary>
    public static IQueryable<FindingRow> Rows(SeamDbContext db, IQueryable<Finding> findings) =>
        from f in findings
        join a in db.Assets on f.AssetId equals a.Id
        join k in db.KnownExploitations on f.VulnerabilityId equals k.CveId into kev
        from k in kev.DefaultIfEmpty()
        join e in db.ExploitPredictions on f.VulnerabilityId equals e.CveId into epss
        from e in epss.DefaultIfEmpty()
        select new FindingRow(
            f.Id, f.AssetId, a.Name, f.SiteId, f.VulnerabilityId, f.AdvisoryId, f.AdvisoryVersion, f.ProductId, f.ProductName,
            f.Status.ToString(), f.Confidence.ToString(), f.State.ToString(), f.CvssScore, f.CvssVector,
            k != null, e != null ? e.Probability : null, e != null ? e.Percentile : null,
            f.Explanation, f.ForIt, f.ForOt, f.Remediation, f.FirstSeen, f.UpdatedAt, f.AcceptedUntil, f.StateReason);

    /// <summary>
    /// One page of findings for display: the page is cut on the findings alone (sortable, indexed), then joined with
    /// assets, KEV and EPSS and put back in the order it was cut in.
    /// </summary>
    public static async Task<IReadOnlyList<FindingRow>> PageAsync(SeamDbContext db, IOrderedQueryable<Finding> sorted, int skip, int take, CancellationToken ct)
    {
        var ids = await sorted.Skip(skip).Take(take).Select(f => f.Id).ToListAsync(ct);
        var rows = await Rows(db, db.Findings.AsNoTracking().Where(f => ids.Contains(f.Id))).ToListAsync(ct);
        var position = ids.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index, StringComparer.Ordinal);
        return [.. rows.OrderBy(r => position[r.Id])];
    }

    public static async Task<VulnerabilityProfile?> VulnerabilityAsync(SeamDbContext db, string id, CancellationToken ct)
    {
        var key = VulnerabilityKey(id);
        var advisories = await db.AdvisoryVulnerabilities.AsNoTracking().Where(v => v.VulnerabilityId == key).ToListAsync(ct);
        var kev = await db.KnownExploitations.AsNoTracking().FirstOrDefaultAsync(k => k.CveId == key, ct);
        var epss = await db.ExploitPredictions.AsNoTracking().FirstOrDefaultAsync(e => e.CveId == key, ct);
        var nvd = await db.NvdVulnerabilities.AsNoTracking().FirstOrDefaultAsync(n => n.CveId == key, ct);
        if (advisories.Count == 0 && kev is null && epss is null && nvd is null)
        {
            return null;
        }

        var cvss = new List<CvssBreakdown>();
        foreach (var advisory in advisories.Where(a => a.CvssVector is not null).OrderBy(a => a.AdvisoryId, StringComparer.Ordinal))
        {
            cvss.Add(Breakdown($"advisory {advisory.AdvisoryId}", advisory.CvssVector!, advisory.CvssScore));
        }

        if (nvd is not null)
        {
            if (nvd.CvssV40Vector is not null)
            {
                cvss.Add(Breakdown("NVD", nvd.CvssV40Vector, nvd.CvssV40Score));
            }

            if (nvd.CvssV31Vector is not null)
            {
                cvss.Add(Breakdown("NVD", nvd.CvssV31Vector, nvd.CvssV31Score));
            }

            if (nvd.CvssV2Vector is not null)
            {
                cvss.Add(Breakdown("NVD", nvd.CvssV2Vector, nvd.CvssV2Score));
            }
        }

        var title = advisories.Select(a => a.Title).FirstOrDefault(t => t is not null) ?? kev?.VulnerabilityName;
        return new VulnerabilityProfile(key, title, nvd?.Description ?? kev?.ShortDescription, cvss, epss, kev, nvd, advisories);
    }

    /// <summary>CVE ids are stored upper-case; other vulnerability ids exactly as their advisory wrote them.</summary>
    public static string VulnerabilityKey(string id)
    {
        var trimmed = id.Trim();
        return trimmed.StartsWith("cve-", StringComparison.OrdinalIgnoreCase) ? trimmed.ToUpperInvariant() : trimmed;
    }

    /// <summary>Scores the vector with Seam's own CVSS implementation; a stated score that differs is shown beside it.</summary>
    public static CvssBreakdown Breakdown(string source, string vector, double? stated)
    {
        if (!CvssVector.TryParse(vector, out var parsed, out var error))
        {
            return new CvssBreakdown(source, "?", vector, stated ?? 0, "unknown", stated, [], [], error!.Message);
        }

        return new CvssBreakdown(source, VersionText(parsed!.Version), parsed.VectorString, parsed.Score, parsed.Severity.ToString(), stated,
            parsed.Metrics, parsed.Explain(), null);
    }

    private static string VersionText(CvssVersion version) => version switch
    {
        CvssVersion.V2 => "2.0",
        CvssVersion.V3_0 => "3.0",
        CvssVersion.V3_1 => "3.1",
        CvssVersion.V4_0 => "4.0",
        _ => version.ToString(),
    };
}
