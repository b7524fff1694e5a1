using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Seam.Access;
using Seam.Intelligence.Advisories;
using Seam.Intelligence.Feeds;
using Seam.Intelligence.Findings;
using Seam.Intelligence.Matching;
using Seam.Server.Features.Api;
using Seam.Server.Features.Auth;
using Seam.Storage;
using Seam.Storage.Intelligence;

namespace Seam.Server.Features.Intelligence;

public sealed class AdvisoryListQuery : ListQuery
{
    /// <summary>Text in the id, title, vendors or CVE ids.</summary>
    [FromQuery(Name = "q")]
    public string? Q { get; set; }
}

public sealed class FindingListQuery : ListQuery
{
    [FromQuery(Name = "asset")]
    public string? Asset { get; set; }

    [FromQuery(Name = "site")]
    public string? Site { get; set; }

    /// <summary>A CVE id (or an advisory's own vulnerability id).</summary>
    [FromQuery(Name = "vulnerability")]
    public string? Vulnerability { get; set; }

    [FromQuery(Name = "advisory")]
    public string? Advisory { get; set; }

    /// <summary>Comma-separated: open, mitigated, accepted, fixed, not-affected.</summary>
    [FromQuery(Name = "state")]
    public string? State { get; set; }

    /// <summary>name-only, name-and-version or identifier: only findings at least this certain.</summary>
    [FromQuery(Name = "minConfidence")]
    public string? MinConfidence { get; set; }
}

/// <summary>
/// Advisories, vulnerabilities, findings and the feeds behind them. Reading is open to every signed-in user (findings
/// only on the sites they may see); importing advisories and feeds, which serve every site, needs an engineer on all
/// sites; deciding a finding needs an engineer (mitigate, re-open) or an approver (accept the risk) on its site.
/// </summary>
public static class IntelligenceEndpoints
{
    /// <summary>Uploads larger than this are refused before they are read.</summary>
    public const long MaxUploadBytes = 512L * 1024 * 1024;

    public static void MapSeamIntelligence(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(AuthSetup.SignedIn);
        var advisories = api.MapGroup("/advisories").WithTags("Advisories");
        advisories.MapGet("/", ListAdvisoriesAsync).WithName("ListAdvisories").WithSummary("Imported CSAF advisories, newest first");
        advisories.MapGet("/{id}", GetAdvisoryAsync).WithName("GetAdvisory")
            .WithSummary("One advisory: tracking, products, vulnerabilities with product status, remediations and threats");
        advisories.MapGet("/{id}/document", GetDocumentAsync).WithName("GetAdvisoryDocument").WithSummary("The CSAF document exactly as imported");
        advisories.MapPost("/import", ImportAdvisoriesAsync).WithName("ImportAdvisories")
            .RequireAuthorization(SeamPolicies.InventoryWriter).DisableAntiforgery()
            .WithSummary("Import CSAF documents (.json, .zip, .tar.gz), each all-or-nothing")
            .WithDescription("Multipart upload, one part per file. Each document is verified (sha512 sidecar when uploaded beside it), read, " +
                "checked against the CSAF mandatory tests and matched to the assets. The answer lists imported, updated, unchanged and rejected documents with reasons.");

        var feeds = api.MapGroup("/feeds").WithTags("Advisories");
        feeds.MapPost("/{feed}", ImportFeedAsync).WithName("ImportFeed")
            .RequireAuthorization(SeamPolicies.InventoryWriter).DisableAntiforgery()
            .WithSummary("Import a KEV catalog (JSON or CSV), an EPSS file (CSV, gzip too) or an NVD CVE JSON 2.0 file: feed is kev, epss or nvd");

        var vulnerabilities = api.MapGroup("/vulnerabilities").WithTags("Advisories");
        vulnerabilities.MapGet("/{id}", GetVulnerabilityAsync).WithName("GetVulnerability")
            .WithSummary("A vulnerability: CVSS v3/v4 breakdown, EPSS, KEV, the advisories naming it and the findings it caused");

        var findings = api.MapGroup("/findings").WithTags("Findings");
        findings.MapGet("/", ListFindingsAsync).WithName("ListFindings")
            .WithSummary("Findings on the sites the caller may see")
            .WithDescription("Sort by score (default, highest first), vulnerability, asset, state, confidence, updated.");
        findings.MapGet("/{id}", GetFindingAsync).WithName("GetFinding").WithSummary("A finding with its explanation and state history");
        findings.MapPost("/{id}/decision", DecideAsync).WithName("DecideFinding").RequireAuthorization(SeamPolicies.InventoryWriter)
            .WithSummary("Mitigate, accept (with expiry) or re-open a finding, with a reason");
        findings.MapPost("/refresh", RefreshAsync).WithName("RefreshFindings").RequireAuthorization(SeamPolicies.InventoryWriter)
            .WithSummary("Re-match every stored advisory against the current inventory");

        var aliases = api.MapGroup("/vendor-aliases").WithTags("Advisories");
        aliases.MapGet("/", ListAliasesAsync).WithName("ListVendorAliases").WithSummary("The plant's own vendor aliases (built-in ones apply too)");
        aliases.MapPut("/{alias}", PutAliasAsync).WithName("PutVendorAlias").RequireAuthorization(SeamPolicies.InventoryWriter)
            .WithSummary("Say that a vendor name is another (\"Allen-Bradley\" is a brand of \"Rockwell Automation\")");
        aliases.MapDelete("/{alias}", DeleteAliasAsync).WithName("DeleteVendorAlias").RequireAuthorization(SeamPolicies.InventoryWriter)
            .WithSummary("Remove one of the plant's vendor aliases");
    }

    private static readonly SortFields<Advisory> AdvisorySorts = new SortFields<Advisory>(a => a.Id, "-released")
        .Add("released", a => a.CurrentReleaseDate)
        .Add("title", a => a.Title)
        .Add("score", a => a.MaxCvssScore)
        .Add("publisher", a => a.PublisherName);

    private static readonly SortFields<Finding> FindingSorts = new SortFields<Finding>(f => f.Id, "-score")
        .Add("score", f => f.CvssScore)
        .Add("vulnerability", f => f.VulnerabilityId)
        .Add("asset", f => f.AssetId)
        .Add("state", f => f.State)
        .Add("confidence", f => f.Confidence)
        .Add("updated", f => f.UpdatedAt);

    private static async Task<Results<Ok<Paged<AdvisorySummary>>, ValidationProblem>> ListAdvisoriesAsync(
        [AsParameters] AdvisoryListQuery query, SeamDbContext db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        query.CheckPaging(errors);
        var advisories = db.Advisories.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var q = "%" + query.Q.Trim().ToLowerInvariant() + "%";
            advisories = advisories.Where(a => EF.Functions.Like(a.Id.ToLower(), q) || EF.Functions.Like(a.Title.ToLower(), q)
                || EF.Functions.Like(a.Vendors.ToLower(), q) || EF.Functions.Like(a.Cves.ToLower(), q));
        }

        var sorted = AdvisorySorts.Apply(advisories, query.Sort, errors);
        if (errors.Any || sorted is null)
        {
            return ApiProblems.BadQuery(errors);
        }

        var page = await query.ToPageAsync(advisories, sorted, a => a, ct);
        return TypedResults.Ok(page.Map(a => a.ToSummary()));
    }

    private static async Task<Results<Ok<AdvisoryDetail>, ProblemHttpResult>> GetAdvisoryAsync(string id, SeamDbContext db, CancellationToken ct)
    {
        var advisory = await db.Advisories.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (advisory is null)
        {
            return ApiProblems.NotFound("advisory", id);
        }

        return AdvisoryDetails.Read(advisory) is { } detail
            ? TypedResults.Ok(detail)
            : TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Stored document unreadable",
                detail: $"The stored document of advisory '{id}' can no longer be read; import it again.");
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetDocumentAsync(string id, SeamDbContext db, CancellationToken ct)
    {
        var document = await db.Advisories.AsNoTracking().Where(a => a.Id == id).Select(a => a.Document).FirstOrDefaultAsync(ct);
        return document is null ? ApiProblems.NotFound("advisory", id) : TypedResults.Text(document, "application/json");
    }

    private static async Task<Results<Ok<AdvisoryImportResponse>, ProblemHttpResult>> ImportAdvisoriesAsync(
        HttpRequest request, ClaimsPrincipal user, AdvisoryImporter importer, CancellationToken ct)
    {
        if (!user.HasRole(Role.Engineer, null))
        {
            return ApiProblems.Forbidden("Advisories serve every site: importing them needs the engineer role on all sites.");
        }

        if (!request.HasFormContentType)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "No files",
                detail: "Send the documents as multipart/form-data, one part per file (.json, .zip, .tar.gz).");
        }

        var form = await request.ReadFormAsync(ct);
        using var upload = await UploadFolder.SaveAsync(form.Files, MaxUploadBytes, ct);
        if (upload.Error is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large", detail: upload.Error);
        }

        var summary = await importer.ImportAsync(AdvisorySources.Read(upload.Paths, new AdvisorySourceOptions()), user.ActorName(), cancellationToken: ct);
        return TypedResults.Ok(AdvisoryImportResponse.From(summary));
    }

    private static async Task<Results<Ok<FeedImportResult>, ProblemHttpResult>> ImportFeedAsync(
        string feed, HttpRequest request, ClaimsPrincipal user, FeedImporter importer, CancellationToken ct)
    {
        if (!user.HasRole(Role.Engineer, null))
        {
            return ApiProblems.Forbidden("Feeds serve every site: importing them needs the engineer role on all sites.");
        }

        if (!request.HasFormContentType)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "No file",
                detail: "Send the feed file as multipart/form-data.");
        }

        var form = await request.ReadFormAsync(ct);
        if (form.Files.Count != 1)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "One file",
                detail: $"Send exactly one feed file; {form.Files.Count} were sent.");
        }

        var file = form.Files[0];
        try
        {
            await using var stream = file.OpenReadStream();
            var result = feed.ToLowerInvariant() switch
            {
                "kev" => await FeedImports.ImportKevAsync(importer, stream, file.FileName, user.ActorName(), ct),
                "epss" => await FeedImports.ImportEpssAsync(importer, stream, file.FileName, user.ActorName(), ct),
                "nvd" => await FeedImports.ImportNvdAsync(importer, stream, file.FileName, user.ActorName(), ct),
                _ => null,
            };
            return result is null
                ? ApiProblems.NotFound("feed", feed)
                : TypedResults.Ok(result);
        }
        catch (FeedFormatException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Nothing was imported", detail: e.Message);
        }
    }

    private static async Task<Results<Ok<VulnerabilityResponse>, ProblemHttpResult>> GetVulnerabilityAsync(
        string id, ClaimsPrincipal user, SeamDbContext db, CancellationToken ct)
    {
        var profile = await IntelligenceQueries.VulnerabilityAsync(db, id, ct);
        if (profile is null)
        {
            return ApiProblems.NotFound("vulnerability", id);
        }

        var findings = await IntelligenceQueries.Rows(db, IntelligenceQueries.Filter(db, new FindingFilter(VulnerabilityId: profile.Id, VisibleSites: user.VisibleSites())))
            .Take(500).ToListAsync(ct);
        return TypedResults.Ok(new VulnerabilityResponse(profile, findings));
    }

    private static async Task<Results<Ok<Paged<FindingRow>>, ValidationProblem>> ListFindingsAsync(
        [AsParameters] FindingListQuery query, ClaimsPrincipal user, SeamDbContext db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        query.CheckPaging(errors);
        var states = new List<FindingState>();
        foreach (var text in (query.State ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (FindingStates.TryParse(text, out var state))
            {
                states.Add(state);
            }
            else
            {
                errors.Add("state", $"'{text}' is not a finding state: use open, mitigated, accepted, fixed or not-affected.");
            }
        }

        MatchConfidence? minConfidence = null;
        if (!string.IsNullOrWhiteSpace(query.MinConfidence))
        {
            if (Confidences.TryParse(query.MinConfidence, out var parsed))
            {
                minConfidence = parsed;
            }
            else
            {
                errors.Add("minConfidence", $"'{query.MinConfidence}' is not a confidence: use name-only, name-and-version or identifier.");
            }
        }

        var filtered = IntelligenceQueries.Filter(db, new FindingFilter(query.Asset, query.Site, query.Vulnerability, query.Advisory, states, minConfidence, user.VisibleSites()));
        var sorted = FindingSorts.Apply(filtered, query.Sort, errors);
        if (errors.Any || sorted is null)
        {
            return ApiProblems.BadQuery(errors);
        }

        var skip = (query.PageNumber - 1) * query.Size;
        var rows = await IntelligenceQueries.PageAsync(db, sorted, skip, query.Size, ct);
        var total = skip == 0 && rows.Count < query.Size ? rows.Count : await filtered.CountAsync(ct);
        return TypedResults.Ok(new Paged<FindingRow>(rows, query.PageNumber, query.Size, total));
    }

    private static async Task<Results<Ok<FindingDetail>, ProblemHttpResult>> GetFindingAsync(
        string id, ClaimsPrincipal user, SeamDbContext db, FindingStore store, CancellationToken ct)
    {
        var row = await IntelligenceQueries.Rows(db, db.Findings.AsNoTracking().Where(f => f.Id == id)).FirstOrDefaultAsync(ct);
        if (row is null || !user.CanSee(row.SiteId))
        {
            return ApiProblems.NotFound("finding", id);
        }

        var history = await store.HistoryAsync(id, ct);
        return TypedResults.Ok(new FindingDetail(row, [.. history.Select(h => h.ToDto())]));
    }

    private static async Task<Results<Ok<FindingDetail>, ProblemHttpResult, ValidationProblem>> DecideAsync(
        string id, FindingDecisionInput input, ClaimsPrincipal user, SeamDbContext db, FindingStore store, CancellationToken ct)
    {
        var finding = await store.FindAsync(id, ct);
        if (finding is null || !user.CanSee(finding.SiteId))
        {
            return ApiProblems.NotFound("finding", id);
        }

        var errors = new FieldErrors();
        if (!FindingStates.TryParse(input.State, out var state))
        {
            errors.Add("state", $"'{input.State}' is not a decision: use mitigated, accepted or open.");
        }

        if (string.IsNullOrWhiteSpace(input.Reason))
        {
            errors.Add("reason", "Say why: the reason is kept with the finding's history.");
        }

        if (errors.Any)
        {
            return ApiProblems.Invalid(errors, "The decision is not valid");
        }

        var needed = state == FindingState.Accepted ? Role.Approver : Role.Engineer;
        if (!user.HasRole(needed, finding.SiteId))
        {
            return ApiProblems.Forbidden(state == FindingState.Accepted
                ? $"Accepting a risk needs the approver role on site '{finding.SiteId}'."
                : $"Deciding a finding needs the engineer role on site '{finding.SiteId}'.");
        }

        try
        {
            await store.DecideAsync(id, new FindingDecision(state, input.Reason!, input.AcceptedUntil), user.ActorName(), ct);
        }
        catch (FindingTransitionException e)
        {
            return ApiProblems.Conflict(e.Message);
        }

        var row = await IntelligenceQueries.Rows(db, db.Findings.AsNoTracking().Where(f => f.Id == id)).FirstAsync(ct);
        var history = await store.HistoryAsync(id, ct);
        return TypedResults.Ok(new FindingDetail(row, [.. history.Select(h => h.ToDto())]));
    }

    private static async Task<Results<Ok<FindingRefreshResult>, ProblemHttpResult>> RefreshAsync(ClaimsPrincipal user, FindingStore store, CancellationToken ct)
    {
        if (!user.HasRole(Role.Engineer, null))
        {
            return ApiProblems.Forbidden("Re-matching touches every site: it needs the engineer role on all sites.");
        }

        return TypedResults.Ok(await store.RefreshAsync(user.ActorName(), cancellationToken: ct));
    }

    private static async Task<Ok<List<VendorAlias>>> ListAliasesAsync(SeamDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.VendorAliases.AsNoTracking().OrderBy(a => a.Alias).ToListAsync(ct));

    private static async Task<Results<Ok<VendorAlias>, ProblemHttpResult, ValidationProblem>> PutAliasAsync(
        string alias, VendorAliasInput input, ClaimsPrincipal user, SeamDbContext db, Features.Audit.AuditLog audit, CancellationToken ct)
    {
        if (!user.HasRole(Role.Engineer, null))
        {
            return ApiProblems.Forbidden("Vendor aliases change matching on every site: they need the engineer role on all sites.");
        }

        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(alias) || alias.Length > 200)
        {
            errors.Add("alias", "The alias is a vendor name of 1 to 200 characters.");
        }

        if (string.IsNullOrWhiteSpace(input.Canonical) || input.Canonical.Length > 200)
        {
            errors.Add("canonical", "canonical is the vendor name the alias stands for (1 to 200 characters).");
        }

        if (errors.Any)
        {
            return ApiProblems.Invalid(errors, "The vendor alias is not valid");
        }

        var entry = new VendorAlias(alias.Trim(), input.Canonical!.Trim(), string.IsNullOrWhiteSpace(input.Relation) ? null : input.Relation.Trim());
        var existing = await db.VendorAliases.FirstOrDefaultAsync(a => a.Alias == entry.Alias, ct);
        if (existing is not null)
        {
            db.VendorAliases.Remove(existing);
        }

        db.VendorAliases.Add(entry);
        audit.Record(user.ActorName(), existing is null ? "create" : "update", "vendor-alias", entry.Alias, null, existing, entry);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(entry);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAliasAsync(
        string alias, ClaimsPrincipal user, SeamDbContext db, Features.Audit.AuditLog audit, CancellationToken ct)
    {
        if (!user.HasRole(Role.Engineer, null))
        {
            return ApiProblems.Forbidden("Vendor aliases change matching on every site: they need the engineer role on all sites.");
        }

        var existing = await db.VendorAliases.FirstOrDefaultAsync(a => a.Alias == alias, ct);
        if (existing is null)
        {
            return ApiProblems.NotFound("vendor alias", alias);
        }

        db.VendorAliases.Remove(existing);
        audit.Record(user.ActorName(), "delete", "vendor-alias", alias, null, existing, null);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}

public sealed record VulnerabilityResponse(VulnerabilityProfile Vulnerability, IReadOnlyList<FindingRow> Findings);

public sealed record AdvisoryImportResponse(
    string Summary, int Imported, int Updated, int Unchanged, int Rejected, int FindingsCreated, int FindingsUpdated,
    IReadOnlyList<AdvisoryImportResult> Documents)
{
    public static AdvisoryImportResponse From(AdvisoryImportSummary s) =>
        new(s.ToString(), s.Imported, s.Updated, s.Unchanged, s.Rejected, s.FindingsCreated, s.FindingsUpdated, s.Results);
}
