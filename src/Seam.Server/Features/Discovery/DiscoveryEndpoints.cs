using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Seam.Access;
using Seam.Discovery;
using Seam.Protocols.Capture;
using Seam.Server.Features.Api;
using Seam.Server.Features.Auth;
using Seam.Server.Features.Intelligence;
using Seam.Storage.Discovery;
using Seam.Storage.Exposure;

namespace Seam.Server.Features.Discovery;

/// <summary>A reviewer's accept or reject of one item of a discovery's review.</summary>
public sealed record DecisionInput(string? Item, bool? Accept);

public sealed record DecisionsInput(IReadOnlyList<DecisionInput>? Decisions);

public sealed record DiscardInput(string? Reason);

/// <summary>
/// /api/v1/discoveries: upload captures for one site, review what they show against its inventory, accept or reject item
/// by item, and merge the accepted set. Reading needs the viewer role on the discovery's site (others get "not found");
/// uploading, deciding, merging and discarding need the engineer role there.
/// </summary>
public static class DiscoveryEndpoints
{
    /// <summary>Captures larger than this are refused before they are read; larger ones go through `seam discover pcap`.</summary>
    public const long MaxCaptureBytes = 2L * 1024 * 1024 * 1024;

    public static void MapSeamDiscovery(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/discoveries").RequireAuthorization(AuthSetup.SignedIn).WithTags("Discovery");
        group.MapGet("/", ListAsync).WithName("ListDiscoveries").WithSummary("Uploaded captures and where their reviews stand, newest first");
        group.MapPost("/", UploadAsync).WithName("UploadCaptures")
            .RequireAuthorization(SeamPolicies.InventoryWriter).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxCaptureBytes))
            .WithFormOptions(multipartBodyLengthLimit: MaxCaptureBytes)
            .WithSummary("Analyse pcap/pcapng files (multipart, one part per file; gzip allowed) for ?site= and open a review");
        group.MapGet("/{id:long}", GetAsync).WithName("GetDiscovery").WithSummary("A discovery's review against the inventory as it is now");
        group.MapPost("/{id:long}/decisions", DecideAsync).WithName("DecideDiscoveryItems").RequireAuthorization(SeamPolicies.InventoryWriter)
            .WithSummary("Accept or reject items (\"device:<address>\", \"flow:<client>><server>:<service>\"); the latest decision stands");
        group.MapPost("/{id:long}/merge", MergeAsync).WithName("MergeDiscovery").RequireAuthorization(SeamPolicies.InventoryWriter)
            .WithSummary("Write the accepted items to the inventory and observed flows, in one transaction");
        group.MapPost("/{id:long}/discard", DiscardAsync).WithName("DiscardDiscovery").RequireAuthorization(SeamPolicies.InventoryWriter)
            .WithSummary("Close the review without writing anything");
    }

    private static JsonHttpResult<T> Json<T>(T value, int status = StatusCodes.Status200OK) => TypedResults.Json(value, ExposureJson.Options, statusCode: status);

    private static async Task<JsonHttpResult<IReadOnlyList<DiscoverySummary>>> ListAsync(ClaimsPrincipal user, DiscoveryService service, CancellationToken ct) =>
        Json(await service.ListAsync(user.VisibleSites(), ct));

    private static async Task<Results<JsonHttpResult<DiscoveryDetail>, ProblemHttpResult>> GetAsync(long id, ClaimsPrincipal user, DiscoveryService service, CancellationToken ct)
    {
        var stored = await service.GetAsync(id, ct);
        return stored is null || !user.CanSee(stored.Summary.SiteId) ? NotFound(id) : Json(DiscoveryDetail.From(stored));
    }

    private static async Task<Results<JsonHttpResult<DiscoveryDetail>, ProblemHttpResult>> UploadAsync(
        [FromQuery(Name = "site")] string? site, HttpRequest request, ClaimsPrincipal user, DiscoveryService service, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(site))
        {
            return Problem(StatusCodes.Status400BadRequest, "No site", "Name the site the captures come from: ?site=<site id>.");
        }

        if (!user.HasRole(Role.Engineer, site))
        {
            return ApiProblems.Forbidden($"Uploading captures for site '{site}' needs the engineer role on that site.");
        }

        if (!request.HasFormContentType)
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "No files", "Send the captures as multipart/form-data, one part per file (.pcap, .pcapng, .gz).");
        }

        var form = await request.ReadFormAsync(ct);
        if (form.Files.Count == 0)
        {
            return Problem(StatusCodes.Status400BadRequest, "No files", "The form holds no file: add one part per capture.");
        }

        using var upload = await UploadFolder.SaveAsync(form.Files, MaxCaptureBytes, ct);
        if (upload.Error is not null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Upload too large", upload.Error);
        }

        DiscoveryRun run;
        try
        {
            // Dissection is CPU-bound and synchronous: keep it off the request thread.
            run = await Task.Run(() => PassiveDiscovery.Analyse(upload.Paths, cancellationToken: ct), ct);
        }
        catch (CaptureFormatException e)
        {
            // The message names the file by its path in the private upload folder; the uploader knows it by its name.
            return Problem(StatusCodes.Status422UnprocessableEntity, "Not a capture",
                e.Message.Replace(upload.Root + Path.DirectorySeparatorChar, "", StringComparison.Ordinal));
        }

        var created = await service.CreateAsync(site.Trim(), run, user.ActorName(), ct);
        if (!created.Succeeded)
        {
            return Problem(StatusCodes.Status400BadRequest, "Not stored", created.Error!.Message);
        }

        var detail = DiscoveryDetail.From(created.Value!);
        return Json(detail, StatusCodes.Status201Created);
    }

    private static async Task<Results<JsonHttpResult<DiscoveryDetail>, ProblemHttpResult>> DecideAsync(
        long id, DecisionsInput input, ClaimsPrincipal user, DiscoveryService service, CancellationToken ct)
    {
        if (await CheckWriterAsync(id, user, service, ct) is { } refused)
        {
            return refused;
        }

        var decisions = input.Decisions ?? [];
        var incomplete = decisions.Select((d, i) => (d, i)).FirstOrDefault(x => string.IsNullOrWhiteSpace(x.d.Item) || x.d.Accept is null);
        if (incomplete.d is not null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Incomplete decision", $"decisions[{incomplete.i}] needs an item and accept (true or false).");
        }

        var outcome = await service.DecideAsync(id, [.. decisions.Select(d => (d.Item!.Trim(), d.Accept!.Value))], user.ActorName(), ct);
        return outcome.Succeeded ? Json(DiscoveryDetail.From(outcome.Value!)) : Refused(outcome.Error!);
    }

    private static async Task<Results<JsonHttpResult<MergeOutcome>, ProblemHttpResult>> MergeAsync(long id, ClaimsPrincipal user, DiscoveryService service, CancellationToken ct)
    {
        if (await CheckWriterAsync(id, user, service, ct) is { } refused)
        {
            return refused;
        }

        var outcome = await service.MergeAsync(id, user.ActorName(), ct);
        return outcome.Succeeded ? Json(outcome.Value!) : Refused(outcome.Error!);
    }

    private static async Task<Results<JsonHttpResult<DiscoverySummary>, ProblemHttpResult>> DiscardAsync(
        long id, DiscardInput? input, ClaimsPrincipal user, DiscoveryService service, CancellationToken ct)
    {
        if (await CheckWriterAsync(id, user, service, ct) is { } refused)
        {
            return refused;
        }

        var outcome = await service.DiscardAsync(id, user.ActorName(), input?.Reason, ct);
        return outcome.Succeeded ? Json(outcome.Value!) : Refused(outcome.Error!);
    }

    private static async Task<ProblemHttpResult?> CheckWriterAsync(long id, ClaimsPrincipal user, DiscoveryService service, CancellationToken ct)
    {
        var site = await service.SiteOfAsync(id, ct);
        if (site is null || !user.CanSee(site))
        {
            return NotFound(id);
        }

        return user.HasRole(Role.Engineer, site) ? null : ApiProblems.Forbidden($"Deciding on discovery {DiscoveryService.Id(id)} needs the engineer role on site '{site}'.");
    }

    private static ProblemHttpResult Refused(DiscoveryError error) => error.Kind switch
    {
        DiscoveryErrorKind.NotFound => Problem(StatusCodes.Status404NotFound, "Not found", error.Message),
        DiscoveryErrorKind.Closed => ApiProblems.Conflict(error.Message),
        _ => Problem(StatusCodes.Status400BadRequest, "Refused", error.Message),
    };

    private static ProblemHttpResult NotFound(long id) => ApiProblems.NotFound("discovery", DiscoveryService.Id(id));

    private static ProblemHttpResult Problem(int status, string title, string detail) => TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
