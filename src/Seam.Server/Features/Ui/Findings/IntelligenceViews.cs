using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Seam.Intelligence.Findings;
using Seam.Server.Features.Auth;
using Seam.Storage;
using Seam.Storage.Intelligence;

namespace Seam.Server.Features.Ui.Findings;

/// <summary>Where advisories, vulnerabilities and findings are shown, so that every mention of one can link to it.</summary>
public static class IntelligenceLinks
{
    public static string Advisory(string id) => "/advisories/" + Uri.EscapeDataString(id);

    /// <summary>The CSAF document exactly as imported, served by the JSON API.</summary>
    public static string AdvisoryDocument(string id) => "/api/v1/advisories/" + Uri.EscapeDataString(id) + "/document";

    public static string Vulnerability(string id) => "/vulnerabilities/" + Uri.EscapeDataString(id);

    public static string Finding(string id) => "/findings/" + Uri.EscapeDataString(id);
}

public enum FindingSortColumn
{
    Score,
    Vulnerability,
    Asset,
    State,
    Confidence,
    Updated,
}

/// <summary>The findings list's filters; a null state means every state.</summary>
public sealed record FindingListFilter(
    FindingState? State = FindingState.Open,
    string? SiteId = null,
    MatchConfidence? MinConfidence = null,
    string? Search = null,
    string? AssetId = null);

/// <summary>One advisory as its list shows it, with the open findings it caused on the sites the reader may see.</summary>
public sealed record AdvisoryRow(
    string Id, string Title, string Publisher, DateTimeOffset CurrentReleaseDate, string Version, int Vulnerabilities, double? MaxCvssScore,
    int OpenFindings);

public enum AdvisorySortColumn
{
    Released,
    Id,
    Title,
    Publisher,
    Score,
}

/// <summary>
/// The pages' reads of advisories and findings. Findings are always cut to the sites the reader holds a role on,
/// the same rule as the JSON API; advisories themselves serve every site and are visible to every signed-in user.
/// </summary>
public static class IntelligenceViews
{
    public static IQueryable<Finding> Findings(SeamDbContext db, ClaimsPrincipal user, FindingListFilter filter)
    {
        var states = filter.State is { } state ? new[] { state } : null;
        var query = IntelligenceQueries.Filter(db, new FindingFilter(
            AssetId: filter.AssetId, SiteId: filter.SiteId, States: states, MinConfidence: filter.MinConfidence, VisibleSites: user.VisibleSites()));
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var q = "%" + filter.Search.Trim().ToLowerInvariant() + "%";
            query = query.Where(f => EF.Functions.Like(f.VulnerabilityId.ToLower(), q) || EF.Functions.Like(f.AssetId.ToLower(), q)
                || EF.Functions.Like(f.AdvisoryId.ToLower(), q) || EF.Functions.Like(f.ProductName.ToLower(), q)
                || db.Assets.Any(a => a.Id == f.AssetId && EF.Functions.Like(a.Name.ToLower(), q)));
        }

        return query;
    }

    /// <summary>One page of findings, cut on the findings alone and then joined for display in that order.</summary>
    public static async Task<(int Total, IReadOnlyList<FindingRow> Rows)> FindingPageAsync(
        SeamDbContext db, ClaimsPrincipal user, FindingListFilter filter, FindingSortColumn sort, bool descending, int skip, int take,
        CancellationToken ct)
    {
        var filtered = Findings(db, user, filter);
        var sorted = sort switch
        {
            FindingSortColumn.Vulnerability => descending ? filtered.OrderByDescending(f => f.VulnerabilityId) : filtered.OrderBy(f => f.VulnerabilityId),
            FindingSortColumn.Asset => descending ? filtered.OrderByDescending(f => f.AssetId) : filtered.OrderBy(f => f.AssetId),
            FindingSortColumn.State => descending ? filtered.OrderByDescending(f => f.State) : filtered.OrderBy(f => f.State),
            FindingSortColumn.Confidence => descending ? filtered.OrderByDescending(f => f.Confidence) : filtered.OrderBy(f => f.Confidence),
            FindingSortColumn.Updated => descending ? filtered.OrderByDescending(f => f.UpdatedAt) : filtered.OrderBy(f => f.UpdatedAt),
            _ => descending ? filtered.OrderByDescending(f => f.CvssScore) : filtered.OrderBy(f => f.CvssScore),
        };
        var ids = await sorted.ThenBy(f => f.Id).Skip(skip).Take(take).Select(f => f.Id).ToListAsync(ct);
        var rows = await RowsInOrderAsync(db, ids, ct);
        var total = skip == 0 && ids.Count < take ? ids.Count : await filtered.CountAsync(ct);
        return (total, rows);
    }

    public static async Task<IReadOnlyList<FindingRow>> RowsInOrderAsync(SeamDbContext db, IReadOnlyList<string> ids, CancellationToken ct)
    {
        var list = ids.ToList();
        var rows = await IntelligenceQueries.Rows(db, db.Findings.AsNoTracking().Where(f => list.Contains(f.Id))).ToListAsync(ct);
        var position = list.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index, StringComparer.Ordinal);
        return [.. rows.OrderBy(r => position[r.Id])];
    }

    /// <summary>Findings for a detail page's table (an advisory's, a vulnerability's, an asset's), highest score first.</summary>
    public static async Task<IReadOnlyList<FindingRow>> RowsAsync(SeamDbContext db, FindingFilter filter, CancellationToken ct)
    {
        var rows = await IntelligenceQueries.Rows(db, IntelligenceQueries.Filter(db, filter)).Take(1000).ToListAsync(ct);
        return [.. rows.OrderByDescending(r => r.CvssScore ?? -1).ThenBy(r => r.AssetName, StringComparer.OrdinalIgnoreCase)];
    }

    public static async Task<(int Total, IReadOnlyList<AdvisoryRow> Rows)> AdvisoryPageAsync(
        SeamDbContext db, ClaimsPrincipal user, string? search, AdvisorySortColumn sort, bool descending, int skip, int take, CancellationToken ct)
    {
        var advisories = db.Advisories.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var q = "%" + search.Trim().ToLowerInvariant() + "%";
            advisories = advisories.Where(a => EF.Functions.Like(a.Id.ToLower(), q) || EF.Functions.Like(a.Title.ToLower(), q)
                || EF.Functions.Like(a.Vendors.ToLower(), q) || EF.Functions.Like(a.Cves.ToLower(), q)
                || EF.Functions.Like(a.PublisherName.ToLower(), q));
        }

        var sorted = sort switch
        {
            AdvisorySortColumn.Id => descending ? advisories.OrderByDescending(a => a.Id) : advisories.OrderBy(a => a.Id),
            AdvisorySortColumn.Title => descending ? advisories.OrderByDescending(a => a.Title) : advisories.OrderBy(a => a.Title),
            AdvisorySortColumn.Publisher => descending ? advisories.OrderByDescending(a => a.PublisherName) : advisories.OrderBy(a => a.PublisherName),
            AdvisorySortColumn.Score => descending ? advisories.OrderByDescending(a => a.MaxCvssScore) : advisories.OrderBy(a => a.MaxCvssScore),
            _ => descending ? advisories.OrderByDescending(a => a.CurrentReleaseDate) : advisories.OrderBy(a => a.CurrentReleaseDate),
        };
        var page = await sorted.ThenBy(a => a.Id).Skip(skip).Take(take)
            .Select(a => new { a.Id, a.Title, a.PublisherName, a.CurrentReleaseDate, a.Version, a.VulnerabilityCount, a.MaxCvssScore })
            .ToListAsync(ct);
        var ids = page.Select(a => a.Id).ToList();
        var open = await IntelligenceQueries.Filter(db, new FindingFilter(States: [FindingState.Open], VisibleSites: user.VisibleSites()))
            .Where(f => ids.Contains(f.AdvisoryId))
            .GroupBy(f => f.AdvisoryId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var total = skip == 0 && page.Count < take ? page.Count : await advisories.CountAsync(ct);
        return (total, [.. page.Select(a => new AdvisoryRow(a.Id, a.Title, a.PublisherName, a.CurrentReleaseDate, a.Version, a.VulnerabilityCount,
            a.MaxCvssScore, open.GetValueOrDefault(a.Id)))]);
    }

    /// <summary>When a feed (kev, epss, nvd) was last imported and what that import said; null when never.</summary>
    public static async Task<(DateTimeOffset At, string? Summary)?> LastFeedImportAsync(SeamDbContext db, string feed, CancellationToken ct)
    {
        var last = await db.AuditEntries.AsNoTracking().Where(a => a.Action == "import" && a.EntityType == feed)
            .OrderByDescending(a => a.At).Select(a => new { a.At, a.Summary }).FirstOrDefaultAsync(ct);
        return last is null ? null : (last.At, last.Summary);
    }

    /// <summary>Who may make a decision: engineers mitigate and re-open on their site; accepting a risk needs an approver there.</summary>
    public static Access.Role RoleFor(FindingState decision) => decision == FindingState.Accepted ? Access.Role.Approver : Access.Role.Engineer;

    public static string StateText(string state) => FindingStates.TryParse(state, out var s) ? FindingStates.Format(s) : state;

    public static string ConfidenceText(string confidence) => Confidences.TryParse(confidence, out var c) ? Confidences.Format(c) : confidence;

    public static string Score(double? score) => score is { } s ? s.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "—";
}
