using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Seam.Audit;
using Seam.Intelligence.Feeds;
using Seam.Intelligence.Vulnerabilities;
using Seam.Storage.Bulk;

namespace Seam.Storage.Intelligence;

/// <summary>
/// Imports the exploitation-evidence feeds. Each file is read completely before anything is written, then written in
/// one transaction with one audit entry, so a bad row anywhere leaves the stored feed as it was.
/// </summary>
public sealed class FeedImporter(SeamDbContextFactory contexts, TimeProvider time)
{
    /// <summary>The KEV catalog is complete by definition: the import makes the stored catalog equal to the file.</summary>
    public async Task<FeedImportResult> ImportKevAsync(KevCatalog catalog, string sourceName, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var stored = await db.KnownExploitations.ToDictionaryAsync(k => k.CveId, StringComparer.Ordinal, cancellationToken);
        var version = catalog.CatalogVersion ?? "unversioned (CSV)";
        int added = 0, updated = 0, unchanged = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in catalog.Vulnerabilities)
        {
            var id = entry.CveId.ToString();
            seen.Add(id);
            if (!stored.TryGetValue(id, out var row))
            {
                db.KnownExploitations.Add(ToRow(entry, version));
                added++;
                continue;
            }

            var fresh = ToRow(entry, version);
            if (Same(row, fresh))
            {
                unchanged++;
                continue;
            }

            db.Entry(row).CurrentValues.SetValues(fresh);
            updated++;
        }

        var removed = stored.Values.Where(r => !seen.Contains(r.CveId)).ToList();
        db.KnownExploitations.RemoveRange(removed);
        var result = new FeedImportResult("kev", sourceName, added, updated, unchanged, removed.Count, version);
        db.AuditEntries.Add(Audit(actor, result));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// EPSS scores are upserted by CVE: the official daily file covers every CVE, but per-year extracts cover only
    /// their year and must not erase the others.
    /// </summary>
    public async Task<FeedImportResult> ImportEpssAsync(EpssFile file, string actor, CancellationToken cancellationToken = default)
    {
        var modelVersion = file.ModelVersion;
        DateOnly? scoreDate = file.ScoreDate is { } date ? DateOnly.FromDateTime(date.UtcDateTime) : null;
        var rows = new Dictionary<string, ExploitPrediction>(StringComparer.Ordinal);
        foreach (var score in file.Scores)
        {
            // A file names each CVE once; should one repeat, the last row wins as it would in any upsert.
            rows[score.CveId.ToString()] = new ExploitPrediction
            {
                CveId = score.CveId.ToString(),
                Probability = score.Probability,
                Percentile = score.Percentile,
                ModelVersion = modelVersion,
                ScoreDate = scoreDate,
            };
        }

        await using var db = contexts.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var shape = TableShape.For(db.Model, typeof(ExploitPrediction));
        var stored = await db.ExploitPredictions.AsNoTracking().ToDictionaryAsync(e => e.CveId, StringComparer.Ordinal, cancellationToken);
        var created = new List<object?[]>();
        var changed = new List<object?[]>();
        var unchanged = 0;
        foreach (var row in rows.Values)
        {
            var values = shape.ToRow(row);
            if (!stored.TryGetValue(row.CveId, out var existing))
            {
                created.Add(values);
            }
            else if (TableShape.SameValues(shape.ToRow(existing), values))
            {
                unchanged++;
            }
            else
            {
                changed.Add(values);
            }
        }

        var writer = BulkWriter.For(db.Database.GetDbConnection(), transaction.GetDbTransaction());
        await writer.UpsertAsync(shape, created, changed, new ProgressCounter(null, created.Count + changed.Count), cancellationToken);
        var result = new FeedImportResult("epss", file.SourceName, created.Count, changed.Count, unchanged, 0,
            modelVersion is null ? "no model version in file" : $"{modelVersion}, scores of {scoreDate:yyyy-MM-dd}");
        db.AuditEntries.Add(Audit(actor, result));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>NVD files are pages or yearly extracts: their CVEs are upserted, others stay.</summary>
    public async Task<FeedImportResult> ImportNvdAsync(NvdFeed feed, string sourceName, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = feed.Vulnerabilities.Select(v => v.CveId.ToString()).ToList();
        var stored = new Dictionary<string, NvdVulnerability>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(500))
        {
            foreach (var row in await db.NvdVulnerabilities.Where(n => chunk.Contains(n.CveId)).ToListAsync(cancellationToken))
            {
                stored[row.CveId] = row;
            }
        }

        int added = 0, updated = 0, unchanged = 0;
        foreach (var cve in feed.Vulnerabilities)
        {
            var fresh = ToRow(cve);
            if (!stored.TryGetValue(fresh.CveId, out var row))
            {
                db.NvdVulnerabilities.Add(fresh);
                stored[fresh.CveId] = fresh;
                added++;
            }
            else if (Same(row, fresh))
            {
                unchanged++;
            }
            else
            {
                db.Entry(row).CurrentValues.SetValues(fresh);
                updated++;
            }
        }

        var result = new FeedImportResult("nvd", sourceName, added, updated, unchanged, 0, $"NVD CVE {feed.Version} of {feed.Timestamp:yyyy-MM-dd}");
        db.AuditEntries.Add(Audit(actor, result));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static NvdVulnerability ToRow(NvdCve cve)
    {
        // NVD's own (primary) score first, then a CNA's.
        NvdCvssMetric? Best(string version) =>
            cve.Metrics.Where(m => m.Version == version).OrderByDescending(m => m.IsPrimary).FirstOrDefault();
        var v40 = Best("4.0");
        var v31 = Best("3.1") ?? Best("3.0");
        var v2 = Best("2.0");
        return new NvdVulnerability
        {
            CveId = cve.CveId.ToString(),
            Description = cve.Description,
            Published = cve.Published,
            LastModified = cve.LastModified,
            Status = cve.Status,
            CvssV40Vector = v40?.VectorString,
            CvssV40Score = v40?.BaseScore,
            CvssV31Vector = v31?.VectorString,
            CvssV31Score = v31?.BaseScore,
            CvssV2Vector = v2?.VectorString,
            CvssV2Score = v2?.BaseScore,
            Cwes = string.Join("; ", cve.Cwes),
            CpeCriteria = string.Join("\n", cve.CpeMatches.Select(Describe)),
        };
    }

    private static string Describe(NvdCpeMatch m)
    {
        var bounds = new[]
        {
            m.StartIncluding is null ? null : $">= {m.StartIncluding}",
            m.StartExcluding is null ? null : $"> {m.StartExcluding}",
            m.EndIncluding is null ? null : $"<= {m.EndIncluding}",
            m.EndExcluding is null ? null : $"< {m.EndExcluding}",
        }.OfType<string>().ToList();
        return (m.Vulnerable ? "vulnerable: " : "platform: ") + m.Criteria + (bounds.Count == 0 ? string.Empty : " (" + string.Join(", ", bounds) + ")");
    }

    private static bool Same(NvdVulnerability a, NvdVulnerability b) =>
        a.Description == b.Description && a.Published == b.Published && a.LastModified == b.LastModified && a.Status == b.Status
        && a.CvssV40Vector == b.CvssV40Vector && a.CvssV40Score == b.CvssV40Score && a.CvssV31Vector == b.CvssV31Vector
        && a.CvssV31Score == b.CvssV31Score && a.CvssV2Vector == b.CvssV2Vector && a.CvssV2Score == b.CvssV2Score
        && a.Cwes == b.Cwes && a.CpeCriteria == b.CpeCriteria;

    private AuditEntry Audit(string actor, FeedImportResult result) => new()
    {
        At = time.GetUtcNow(),
        Actor = actor,
        Action = "import",
        EntityType = result.Feed,
        Summary = result.ToString(),
    };

    private static KnownExploitation ToRow(KevEntry entry, string version) => new()
    {
        CveId = entry.CveId.ToString(),
        VendorProject = entry.VendorProject,
        Product = entry.Product,
        VulnerabilityName = entry.VulnerabilityName,
        DateAdded = entry.DateAdded,
        DueDate = entry.DueDate,
        RequiredAction = entry.RequiredAction,
        ShortDescription = entry.ShortDescription,
        KnownRansomwareCampaignUse = entry.KnownRansomwareCampaignUse.ToString(),
        Notes = entry.Notes.Length == 0 ? null : entry.Notes,
        CatalogVersion = version,
    };

    private static bool Same(KnownExploitation a, KnownExploitation b) =>
        a.VendorProject == b.VendorProject && a.Product == b.Product && a.VulnerabilityName == b.VulnerabilityName && a.DateAdded == b.DateAdded
        && a.DueDate == b.DueDate && a.RequiredAction == b.RequiredAction && a.ShortDescription == b.ShortDescription
        && a.KnownRansomwareCampaignUse == b.KnownRansomwareCampaignUse && a.Notes == b.Notes && a.CatalogVersion == b.CatalogVersion;
}

/// <summary>What a feed import changed.</summary>
public sealed record FeedImportResult(string Feed, string Source, int Added, int Updated, int Unchanged, int Removed, string Version)
{
    public override string ToString() =>
        $"{Feed.ToUpperInvariant()} {Version} from {Source}: {Added} added, {Updated} updated, {Unchanged} unchanged, {Removed} removed.";
}
