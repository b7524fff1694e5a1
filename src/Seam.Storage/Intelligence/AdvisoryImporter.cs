using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Seam.Audit;
using Seam.Intelligence.Advisories;
using Seam.Intelligence.Csaf;
using Seam.Intelligence.Csaf.Validation;
using Seam.Intelligence.Findings;
using Seam.Intelligence.Matching;

namespace Seam.Storage.Intelligence;

/// <summary>
/// Imports CSAF documents one by one, each its own all-or-nothing unit: verify (sidecar hash, signature), read, run the
/// mandatory tests, match to the stored assets, then write the advisory and its finding changes in one transaction
/// with one audit entry. A rejected document leaves the database as it was and is listed with its reasons.
/// </summary>
public sealed class AdvisoryImporter(SeamDbContextFactory contexts, TimeProvider time)
{
    /// <summary>Problems listed per rejected document before "and N more".</summary>
    private const int ReasonsShown = 5;

    public async Task<AdvisoryImportSummary> ImportAsync(
        IEnumerable<AdvisoryInput> inputs,
        string actor,
        IProgress<AdvisoryImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var summary = new AdvisoryImportSummary();
        var matcher = await LoadMatcherAsync(cancellationToken);
        foreach (var input in inputs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = await ImportOneAsync(input, matcher, actor, cancellationToken);
            summary.Add(result);
            progress?.Report(new AdvisoryImportProgress(summary.Total, input.Name, result.Outcome));
        }

        return summary;
    }

    /// <summary>The matcher over the stored assets and vendor aliases, built once per import run.</summary>
    public async Task<AdvisoryMatcher> LoadMatcherAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var assets = await db.Assets.AsNoTracking().ToListAsync(cancellationToken);
        return await MatcherForAsync(db, assets, cancellationToken);
    }

    /// <summary>A matcher over <paramref name="assets"/> with the built-in and the plant's vendor aliases.</summary>
    internal static async Task<AdvisoryMatcher> MatcherForAsync(SeamDbContext db, IEnumerable<Seam.Inventory.Asset> assets, CancellationToken cancellationToken)
    {
        var aliases = await db.VendorAliases.AsNoTracking().ToListAsync(cancellationToken);
        return new AdvisoryMatcher(new AssetIndex(assets, VendorAliases.Create(aliases)));
    }

    private async Task<AdvisoryImportResult> ImportOneAsync(AdvisoryInput input, AdvisoryMatcher matcher, string actor, CancellationToken cancellationToken)
    {
        if (input.Rejection is not null)
        {
            return AdvisoryImportResult.Rejected(input.Name, null, [input.Rejection]);
        }

        using var read = CsafReader.Read(input.Content, input.Name);
        if (!read.Succeeded || read.Root is not { } root)
        {
            return AdvisoryImportResult.Rejected(input.Name, null, Reasons(read.Errors.Select(e => e.ToString()).ToList()));
        }

        var document = read.Document!;
        var trackingId = document.Document.Tracking.Id;
        var problems = CsafValidator.Validate(root);
        if (problems.Count > 0)
        {
            return AdvisoryImportResult.Rejected(input.Name, trackingId,
                Reasons(problems.Select(p => $"mandatory test {p.TestId} ({p.TestName}) failed at {Pointer(p.JsonPath)}: {p.Message}").ToList()));
        }

        var facts = AdvisoryFactsBuilder.From(document);
        var matches = matcher.Match(facts);
        return await WriteAsync(input, document, facts, matches, actor, cancellationToken);
    }

    private async Task<AdvisoryImportResult> WriteAsync(AdvisoryInput input, CsafDocument document, AdvisoryFacts facts,
        IReadOnlyList<AdvisoryMatch> matches, string actor, CancellationToken cancellationToken)
    {
        var tracking = document.Document.Tracking;
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(input.Content));
        var now = time.GetUtcNow();

        await using var db = contexts.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({InventoryStore.ImportLockKey})", cancellationToken);
        }

        var stored = await db.Advisories.FirstOrDefaultAsync(a => a.Id == tracking.Id, cancellationToken);
        if (stored is not null)
        {
            if (!string.Equals(stored.PublisherNamespace, document.Document.Publisher.Namespace, StringComparison.Ordinal))
            {
                return AdvisoryImportResult.Rejected(input.Name, tracking.Id,
                    [$"tracking id '{tracking.Id}' is already stored for publisher {stored.PublisherNamespace}; this document is from {document.Document.Publisher.Namespace}"]);
            }

            if (stored.ContentSha256 == sha256)
            {
                return AdvisoryImportResult.Unchanged(input.Name, tracking.Id, "same document as stored");
            }

            if (stored.CurrentReleaseDate > tracking.CurrentReleaseDate)
            {
                return AdvisoryImportResult.Unchanged(input.Name, tracking.Id,
                    $"older revision {tracking.Version} ({tracking.CurrentReleaseDate:yyyy-MM-dd}); version {stored.Version} ({stored.CurrentReleaseDate:yyyy-MM-dd}) is stored");
            }
        }

        var advisory = stored ?? new Advisory
        {
            Id = tracking.Id,
            PublisherName = string.Empty,
            PublisherNamespace = string.Empty,
            Title = string.Empty,
            Category = string.Empty,
            Status = string.Empty,
            Version = string.Empty,
            ContentSha256 = string.Empty,
            SourceName = string.Empty,
            Sha512Check = string.Empty,
            SignatureCheck = string.Empty,
            ImportedBy = string.Empty,
            Document = string.Empty,
        };
        var previousVersion = stored?.Version;
        Fill(advisory, document, facts, input, sha256, actor, now);
        if (stored is null)
        {
            db.Advisories.Add(advisory);
        }

        await db.AdvisoryVulnerabilities.Where(v => v.AdvisoryId == advisory.Id).ExecuteDeleteAsync(cancellationToken);
        db.AdvisoryVulnerabilities.AddRange(VulnerabilityRows(document, facts));

        var vulnerabilityIds = facts.Vulnerabilities.Select(v => v.VulnerabilityId).Distinct().ToList();
        var matchedKeys = matches.Select(m => (m.AssetId, m.VulnerabilityId)).ToHashSet();
        var candidates = await db.Findings
            .Where(f => f.AdvisoryId == advisory.Id || vulnerabilityIds.Contains(f.VulnerabilityId))
            .ToListAsync(cancellationToken);
        var relevant = candidates.Where(f => f.AdvisoryId == advisory.Id || matchedKeys.Contains((f.AssetId, f.VulnerabilityId))).ToList();
        var changes = FindingReconciler.Reconcile(advisory.Id, advisory.Version, matches, relevant, now);
        db.Findings.AddRange(changes.Created);
        db.FindingStateChanges.AddRange(changes.History);

        var what = stored is null ? "imported" : $"updated from version {previousVersion}";
        var findingsText = $"{changes.Created.Count} finding(s) created, {changes.Updated.Count} updated";
        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            Actor = actor,
            Action = stored is null ? "import" : "update",
            EntityType = "advisory",
            EntityId = advisory.Id,
            Summary = $"Advisory {advisory.Id} version {advisory.Version} {what} from {input.Name}; {findingsText}.",
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        return stored is null
            ? AdvisoryImportResult.Imported(input.Name, advisory.Id, changes.Created.Count, changes.Updated.Count)
            : AdvisoryImportResult.Updated(input.Name, advisory.Id, previousVersion!, changes.Created.Count, changes.Updated.Count);
    }

    private static void Fill(Advisory advisory, CsafDocument document, AdvisoryFacts facts, AdvisoryInput input, string sha256, string actor, DateTimeOffset now)
    {
        var meta = document.Document;
        advisory.PublisherName = meta.Publisher.Name;
        advisory.PublisherNamespace = meta.Publisher.Namespace;
        advisory.Title = meta.Title;
        advisory.Category = meta.Category;
        advisory.Status = meta.Tracking.Status.ToString().ToLowerInvariant();
        advisory.Version = meta.Tracking.Version;
        advisory.RevisionCount = meta.Tracking.RevisionHistory.Count;
        advisory.InitialReleaseDate = meta.Tracking.InitialReleaseDate;
        advisory.CurrentReleaseDate = meta.Tracking.CurrentReleaseDate;
        advisory.Tlp = meta.Distribution?.Tlp?.Label.ToString().ToUpperInvariant();
        advisory.VulnerabilityCount = document.Vulnerabilities.Count;
        advisory.ProductCount = document.DefinedProductIds.Count;
        advisory.RemediationCount = document.RemediationCount;
        advisory.MaxCvssScore = facts.Vulnerabilities.SelectMany(v => v.Scores.Values).Select(s => (double?)s.Score).Max();
        advisory.Vendors = string.Join("; ", facts.Products.Values.Select(p => p.Vendor).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase));
        advisory.Cves = string.Join("; ", document.Vulnerabilities.Select(v => v.Cve).OfType<string>().Distinct());
        advisory.ContentSha256 = sha256;
        advisory.SourceName = input.Name;
        advisory.Sha512Check = input.Sha512Check;
        advisory.SignatureCheck = input.SignatureCheck;
        advisory.ImportedAt = now;
        advisory.ImportedBy = actor;
        advisory.Document = Encoding.UTF8.GetString(input.Content);
    }

    private static IEnumerable<AdvisoryVulnerability> VulnerabilityRows(CsafDocument document, AdvisoryFacts facts)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < document.Vulnerabilities.Count; i++)
        {
            var vulnerability = document.Vulnerabilities[i];
            var id = facts.Vulnerabilities[i].VulnerabilityId;
            if (!seen.Add(id))
            {
                continue;
            }

            var best = facts.Vulnerabilities[i].Scores.Values.OrderByDescending(s => s.Score).FirstOrDefault();
            yield return new AdvisoryVulnerability
            {
                AdvisoryId = document.Document.Tracking.Id,
                VulnerabilityId = id,
                Title = vulnerability.Title,
                Cwe = vulnerability.Cwe is { } cwe ? $"{cwe.Id} {cwe.Name}" : null,
                CvssVector = best?.Vector,
                CvssScore = best?.Score,
                ExploitStatus = ExploitStatus(vulnerability),
            };
        }
    }

    private static string? ExploitStatus(CsafVulnerability vulnerability)
    {
        var details = vulnerability.Threats.Where(t => t.Category == CsafThreatCategory.ExploitStatus)
            .Select(t => t.Details.Trim()).Where(d => d.Length > 0).ToList();
        return details.Count == 0 ? null : string.Join("; ", details);
    }

    private static string Pointer(string path) => path.Length == 0 ? "the document root" : path;

    private static List<string> Reasons(IReadOnlyList<string> reasons) =>
        reasons.Count <= ReasonsShown ? [.. reasons] : [.. reasons.Take(ReasonsShown), $"… and {reasons.Count - ReasonsShown} more"];
}

/// <summary>One document to import, with the outcome of the checks its source made (hash sidecar, signature).</summary>
public sealed record AdvisoryInput(string Name, byte[] Content, string Sha512Check, string SignatureCheck, string? Rejection = null);

public enum AdvisoryImportOutcome
{
    Imported,
    Updated,
    Unchanged,
    Rejected,
}

public sealed record AdvisoryImportResult(
    string Name, string? AdvisoryId, AdvisoryImportOutcome Outcome, IReadOnlyList<string> Reasons, int FindingsCreated, int FindingsUpdated)
{
    public static AdvisoryImportResult Imported(string name, string id, int created, int updated) =>
        new(name, id, AdvisoryImportOutcome.Imported, [], created, updated);

    public static AdvisoryImportResult Updated(string name, string id, string fromVersion, int created, int updated) =>
        new(name, id, AdvisoryImportOutcome.Updated, [$"replaced version {fromVersion}"], created, updated);

    public static AdvisoryImportResult Unchanged(string name, string id, string why) => new(name, id, AdvisoryImportOutcome.Unchanged, [why], 0, 0);

    public static AdvisoryImportResult Rejected(string name, string? id, IReadOnlyList<string> reasons) =>
        new(name, id, AdvisoryImportOutcome.Rejected, reasons, 0, 0);
}

public sealed record AdvisoryImportProgress(int Done, string Current, AdvisoryImportOutcome Outcome);

/// <summary>The end-of-import summary: how many imported, updated, unchanged and rejected, and each rejection's reasons.</summary>
public sealed class AdvisoryImportSummary
{
    private readonly List<AdvisoryImportResult> results = [];

    public IReadOnlyList<AdvisoryImportResult> Results => results;

    public int Total => results.Count;

    public int Imported => Count(AdvisoryImportOutcome.Imported);

    public int Updated => Count(AdvisoryImportOutcome.Updated);

    public int Unchanged => Count(AdvisoryImportOutcome.Unchanged);

    public int Rejected => Count(AdvisoryImportOutcome.Rejected);

    public int FindingsCreated => results.Sum(r => r.FindingsCreated);

    public int FindingsUpdated => results.Sum(r => r.FindingsUpdated);

    public IEnumerable<AdvisoryImportResult> Rejections => results.Where(r => r.Outcome == AdvisoryImportOutcome.Rejected);

    public void Add(AdvisoryImportResult result) => results.Add(result);

    public override string ToString() =>
        $"{Imported} imported, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected; " +
        $"findings: {FindingsCreated} created, {FindingsUpdated} updated.";

    private int Count(AdvisoryImportOutcome outcome) => results.Count(r => r.Outcome == outcome);
}
