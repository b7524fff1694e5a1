using Microsoft.EntityFrameworkCore;
using Seam.Exposure.Model;
using Seam.Intelligence.Findings;

namespace Seam.Storage.Exposure;

/// <summary>Reads the exposure engine's input in one pass: untracked, projected, the evidence joined in SQL.</summary>
internal static class ExposureInputReader
{
    /// <summary>Reads everything the engine needs; the caller holds the read transaction that makes it one consistent snapshot.</summary>
    public static async Task<ExposureInput> ReadAsync(SeamDbContext db, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var inventory = await InventoryStore.ReadAsync(db, cancellationToken);
        var assets = inventory.Assets.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        bool Present(string id) => assets.Contains(id);

        var findings = await FindingsAsync(db, cancellationToken);
        var rules = await db.AllowRules.AsNoTracking().ToListAsync(cancellationToken);
        var flows = await db.ObservedFlows.AsNoTracking().ToListAsync(cancellationToken);
        // Expired grants can never become active again; future ones are kept so the cache knows when they start.
        var grants = await db.AccessGrants.AsNoTracking().Where(g => g.To > at).ToListAsync(cancellationToken);

        // A rule, flow or finding whose asset is gone (deleted or replaced by an import) describes nothing any more.
        return new ExposureInput
        {
            Inventory = inventory,
            Findings = [.. findings.Where(f => Present(f.AssetId)).OrderBy(f => f.Id, StringComparer.Ordinal)],
            AllowRules = [.. rules.Where(r => Present(r.FromAssetId) && Present(r.ToAssetId)).OrderBy(r => r.Id, StringComparer.Ordinal)],
            ObservedFlows = [.. flows.Where(f => Present(f.SourceAssetId) && Present(f.TargetAssetId)).OrderBy(f => f.Id, StringComparer.Ordinal)],
            AccessGrants = [.. grants.OrderBy(g => g.Id, StringComparer.Ordinal)],
            At = at,
        };
    }

    private static async Task<List<ExposureFinding>> FindingsAsync(SeamDbContext db, CancellationToken cancellationToken)
    {
        var rows = await (
            from f in db.Findings.AsNoTracking()
            join k in db.KnownExploitations on f.VulnerabilityId equals k.CveId into kev
            from k in kev.DefaultIfEmpty()
            join e in db.ExploitPredictions on f.VulnerabilityId equals e.CveId into epss
            from e in epss.DefaultIfEmpty()
            join v in db.AdvisoryVulnerabilities on new { f.AdvisoryId, f.VulnerabilityId } equals new { v.AdvisoryId, v.VulnerabilityId } into statements
            from v in statements.DefaultIfEmpty()
            select new
            {
                f.Id,
                f.AssetId,
                f.VulnerabilityId,
                f.AdvisoryId,
                f.State,
                f.Confidence,
                f.CvssVector,
                f.CvssScore,
                f.Remediation,
                InKev = k != null,
                KevDateAdded = k != null ? (DateOnly?)k.DateAdded : null,
                Ransomware = k != null ? k.KnownRansomwareCampaignUse : null,
                EpssProbability = e != null ? (double?)e.Probability : null,
                EpssPercentile = e != null ? (double?)e.Percentile : null,
                ExploitStatus = v != null ? v.ExploitStatus : null,
            }).ToListAsync(cancellationToken);

        return [.. rows.Select(r => new ExposureFinding
        {
            Id = r.Id,
            AssetId = r.AssetId,
            VulnerabilityId = r.VulnerabilityId,
            AdvisoryId = r.AdvisoryId,
            State = r.State,
            Confidence = r.Confidence,
            CvssVector = r.CvssVector,
            CvssScore = r.CvssScore,
            Remediation = r.Remediation,
            Evidence = r.InKev || r.EpssProbability is not null || r.ExploitStatus is not null
                ? new ExploitEvidence(
                    r.InKev,
                    r.KevDateAdded,
                    string.Equals(r.Ransomware, "Known", StringComparison.OrdinalIgnoreCase),
                    r.EpssProbability,
                    r.EpssPercentile,
                    r.ExploitStatus)
                : ExploitEvidence.None,
        })];
    }
}
