using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Seam.Exposure;
using Seam.Exposure.Planning;
using Seam.Exposure.Ssvc;
using Seam.Exposure.WhatIf;
using Seam.Server.Features.Api;
using Seam.Server.Features.Auth;
using Seam.Storage.Exposure;

namespace Seam.Server.Features.Exposure;

public sealed class ExposureFindingQuery
{
    /// <summary>Comma-separated: reachable-and-exploitable, theoretical, closed.</summary>
    [FromQuery(Name = "verdict")]
    public string? Verdict { get; set; }

    [FromQuery(Name = "site")]
    public string? Site { get; set; }

    [FromQuery(Name = "asset")]
    public string? Asset { get; set; }

    /// <summary>1–500; default 50.</summary>
    [FromQuery(Name = "limit")]
    public int? Limit { get; set; }

    [FromQuery(Name = "offset")]
    public int? Offset { get; set; }
}

/// <summary>
/// The exposure engine over HTTP: the current analysis (computed when the data changed), what-ifs and plans (which
/// write nothing), the score trend, and the records that feed the engine beside the inventory (allow rules, observed
/// flows, maintenance windows). Reading is open to every signed-in user, restricted to the sites they may see;
/// what-ifs and plans span every site and need an engineer who sees them all.
/// </summary>
public static class ExposureEndpoints
{
    private const int MaxScenarioBytes = 1024 * 1024;

    public static void MapSeamExposure(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(AuthSetup.SignedIn);
        var exposure = api.MapGroup("/exposure").WithTags("Exposure");
        exposure.MapGet("/", SummaryAsync).WithName("GetExposure").Produces<ExposureSummary>()
            .WithSummary("Scores, crown jewels with both paths, choke points, entry points and findings counted by verdict");
        exposure.MapGet("/findings", FindingsAsync).WithName("ListExposureFindings").Produces<ExposureFindingPage>()
            .WithSummary("Findings with their verdict, SSVC decisions and best attack path; reachable ones first, then by exploit likelihood");
        exposure.MapGet("/findings/{id}", FindingAsync).WithName("GetExposureFinding").Produces<ExposureFindingItem>().WithSummary("One finding's exposure");
        exposure.MapGet("/assets", AssetsAsync).WithName("ListAssetExposure").Produces<List<AssetExposureItem>>()
            .WithSummary("Every asset's exposure level; filter with level=none,low,medium,high,critical");
        exposure.MapGet("/crown-jewels/{assetId}", CrownJewelAsync).WithName("GetCrownJewel").Produces<CrownJewelDetail>()
            .WithSummary("A crown jewel: reachable or not, likelihood, entry points, most likely and shortest path");
        exposure.MapPost("/recompute", RecomputeAsync).WithName("RecomputeExposure").Produces<ExposureSummary>().RequireAuthorization(SeamPolicies.InventoryWriter)
            .WithSummary("Recompute now and store a point of the trend");
        // What-ifs and plans store nothing, but they run the engine (and the plan the solver) on demand; like every POST
        // they need an engineer, and since they span every site, a role on all of them.
        exposure.MapPost("/whatif", WhatIfAsync).WithName("ExposureWhatIf").Produces<WhatIfResult>().RequireAuthorization(SeamPolicies.InventoryWriter)
            .WithSummary("Try a YAML scenario on a copy of the model (JSON { \"yaml\": … } or Content-Type application/yaml); nothing is stored")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        exposure.MapPost("/plan", PlanAsync).WithName("ExposurePlan").Produces<RemediationPlan>().RequireAuthorization(SeamPolicies.InventoryWriter)
            .WithSummary("A remediation plan: goal cut-crown-jewels or most-exposure-within-budget (with budget), steps in maintenance windows");
        exposure.MapGet("/history", HistoryAsync).WithName("ExposureHistory").Produces<List<ExposureSnapshot>>()
            .WithSummary("Stored scores of one scope, oldest first: scope=overall|site|zone, id, since");

        ExposureRecordEndpoints.Map(api);
    }

    private static JsonHttpResult<T> Json<T>(T value) => TypedResults.Json(value, ExposureJson.Options);

    private static async Task<VisibleExposure> CurrentAsync(ExposureService service, ClaimsPrincipal user, CancellationToken ct) =>
        new(await service.CurrentAsync(ct), user.VisibleSites());

    private static async Task<JsonHttpResult<ExposureSummary>> SummaryAsync(ClaimsPrincipal user, ExposureService service, CancellationToken ct) =>
        Json((await CurrentAsync(service, user, ct)).Summary());

    private static async Task<Results<JsonHttpResult<ExposureFindingPage>, ValidationProblem>> FindingsAsync(
        [AsParameters] ExposureFindingQuery query, ClaimsPrincipal user, ExposureService service, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var verdicts = Parse<FindingVerdict>(query.Verdict, "verdict", "reachable-and-exploitable, theoretical or closed", errors);
        var limit = query.Limit ?? ListQuery.DefaultPageSize;
        var offset = query.Offset ?? 0;
        if (limit is < 1 or > ListQuery.MaxPageSize)
        {
            errors.Add("limit", $"limit must be between 1 and {ListQuery.MaxPageSize}.");
        }

        if (offset < 0)
        {
            errors.Add("offset", "offset cannot be negative.");
        }

        if (errors.Any)
        {
            return ApiProblems.BadQuery(errors);
        }

        var view = await CurrentAsync(service, user, ct);
        var matching = view.Findings
            .Where(f => verdicts.Count == 0 || verdicts.Contains(f.Verdict))
            .Where(f => string.IsNullOrWhiteSpace(query.Asset) || f.AssetId == query.Asset)
            .Where(f => string.IsNullOrWhiteSpace(query.Site) || view.Sites.SiteOfAsset(f.AssetId) == query.Site)
            // Sorted on what the report holds already: paths and SSVC are worked out only for the page that is shown.
            .OrderBy(f => f.Verdict)
            .ThenByDescending(f => f.StepLikelihood)
            .ThenBy(f => f.FindingId, StringComparer.Ordinal)
            .ToList();
        return Json(new ExposureFindingPage(matching.Count, offset, limit, [.. matching.Skip(offset).Take(limit).Select(view.Item)]));
    }

    private static async Task<Results<JsonHttpResult<ExposureFindingItem>, ProblemHttpResult>> FindingAsync(
        string id, ClaimsPrincipal user, ExposureService service, CancellationToken ct)
    {
        var view = await CurrentAsync(service, user, ct);
        return view.Findings.FirstOrDefault(f => f.FindingId == id) is { } finding ? Json(view.Item(finding)) : ApiProblems.NotFound("finding", id);
    }

    private static async Task<Results<JsonHttpResult<List<AssetExposureItem>>, ValidationProblem>> AssetsAsync(
        [FromQuery(Name = "level")] string? level, [FromQuery(Name = "site")] string? site, ClaimsPrincipal user, ExposureService service, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var levels = Parse<ExposureLevel>(level, "level", "none, low, medium, high or critical", errors);
        if (errors.Any)
        {
            return ApiProblems.BadQuery(errors);
        }

        var view = await CurrentAsync(service, user, ct);
        var items = view.Report.Assets
            .Where(a => view.Asset(a.AssetId) && (levels.Count == 0 || levels.Contains(a.Level)))
            .Select(a => (Exposure: a, Asset: view.Sites.Assets.GetValueOrDefault(a.AssetId)))
            .Where(x => x.Asset is not null && (string.IsNullOrWhiteSpace(site) || x.Asset.SiteId == site))
            .OrderByDescending(x => x.Exposure.Level)
            .ThenByDescending(x => x.Exposure.Likelihood)
            .ThenBy(x => x.Exposure.AssetId, StringComparer.Ordinal)
            .Select(x => new AssetExposureItem(x.Asset!.SiteId, x.Asset.ZoneId, x.Asset.Name, EnumText.Format(x.Asset.Kind), x.Asset.IsCrownJewel, x.Exposure))
            .ToList();
        return Json(items);
    }

    private static async Task<Results<JsonHttpResult<CrownJewelDetail>, ProblemHttpResult>> CrownJewelAsync(
        string assetId, ClaimsPrincipal user, ExposureService service, CancellationToken ct)
    {
        var view = await CurrentAsync(service, user, ct);
        var jewel = view.Report.CrownJewels.FirstOrDefault(j => j.AssetId == assetId);
        if (jewel is null || !view.Site(jewel.SiteId))
        {
            return ApiProblems.NotFound("crown jewel", assetId);
        }

        return Json(new CrownJewelDetail(jewel, view.Report.Assets.FirstOrDefault(a => a.AssetId == assetId)));
    }

    private static async Task<JsonHttpResult<ExposureSummary>> RecomputeAsync(ClaimsPrincipal user, ExposureService service, CancellationToken ct) =>
        Json(new VisibleExposure(await service.RecomputeAsync(user.ActorName(), ct), user.VisibleSites()).Summary());

    private static async Task<Results<JsonHttpResult<WhatIfResult>, ProblemHttpResult>> WhatIfAsync(
        HttpRequest request, ClaimsPrincipal user, ExposureService service, CancellationToken ct)
    {
        if (user.VisibleSites() is not null)
        {
            return ApiProblems.Forbidden("A what-if recomputes exposure across every site; it needs a role on all sites.");
        }

        var (yaml, fileName, refusal) = await ReadScenarioAsync(request, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var parsed = ScenarioYaml.Parse(yaml!, fileName);
        if (!parsed.Succeeded)
        {
            return ScenarioProblems(parsed.Problems);
        }

        var current = await service.CurrentAsync(ct);
        var issues = ScenarioValidator.Check(parsed.Scenario!, current.Input);
        if (issues.Count > 0)
        {
            return ScenarioProblems(parsed.Locate(issues));
        }

        return Json(ExposureEngine.WhatIf(current, parsed.Scenario!));
    }

    private static async Task<Results<JsonHttpResult<RemediationPlan>, ProblemHttpResult, ValidationProblem>> PlanAsync(
        PlanRequestBody body, ClaimsPrincipal user, ExposureService service, CancellationToken ct)
    {
        if (user.VisibleSites() is not null)
        {
            return ApiProblems.Forbidden("A plan weighs actions across every site; it needs a role on all sites.");
        }

        var errors = new FieldErrors();
        var goal = PlanGoal.CutCrownJewels;
        if (body.Goal is not null && !EnumText.TryParse(body.Goal, out goal))
        {
            errors.Add("goal", $"'{body.Goal}' is not a goal: use cut-crown-jewels or most-exposure-within-budget.");
        }

        if (body.Budget is < 0)
        {
            errors.Add("budget", "budget cannot be negative.");
        }

        if (goal == PlanGoal.MostExposureWithinBudget && body.Budget is null)
        {
            errors.Add("budget", "most-exposure-within-budget needs a budget (in the site's currency).");
        }

        if (errors.Any)
        {
            return ApiProblems.Invalid(errors, "The plan request is not valid");
        }

        return Json(await service.PlanAsync(goal, body.Budget, ct));
    }

    private static async Task<Results<JsonHttpResult<IReadOnlyList<ExposureSnapshot>>, ProblemHttpResult, ValidationProblem>> HistoryAsync(
        [FromQuery(Name = "scope")] string? scope, [FromQuery(Name = "id")] string? id, [FromQuery(Name = "since")] DateTimeOffset? since,
        ClaimsPrincipal user, ExposureService service, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var parsedScope = ScoreScope.Overall;
        if (scope is not null && !EnumText.TryParse(scope, out parsedScope))
        {
            errors.Add("scope", $"'{scope}' is not a scope: use overall, site or zone.");
        }
        else if (parsedScope != ScoreScope.Overall && string.IsNullOrWhiteSpace(id))
        {
            errors.Add("id", $"A {EnumText.Format(parsedScope)} history needs the {EnumText.Format(parsedScope)} id.");
        }

        if (errors.Any)
        {
            return ApiProblems.BadQuery(errors);
        }

        var visible = user.VisibleSites();
        if (visible is not null)
        {
            var view = await CurrentAsync(service, user, ct);
            var allowed = parsedScope switch
            {
                ScoreScope.Overall => false,
                ScoreScope.Site => view.Site(id),
                _ => view.Zone(id!),
            };
            if (!allowed)
            {
                return parsedScope == ScoreScope.Overall
                    ? ApiProblems.Forbidden("The overall score spans every site; ask for the history of a site you may see.")
                    : ApiProblems.NotFound(EnumText.Format(parsedScope), id!);
            }
        }

        return Json(await service.HistoryAsync(parsedScope, parsedScope == ScoreScope.Overall ? null : id, since, ct));
    }

    private static async Task<(string? Yaml, string FileName, ProblemHttpResult? Refusal)> ReadScenarioAsync(HttpRequest request, CancellationToken ct)
    {
        const string fallback = "scenario.yaml";
        if (request.ContentLength > MaxScenarioBytes)
        {
            return (null, fallback, TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Scenario too large",
                detail: $"A scenario is at most {MaxScenarioBytes / 1024} KiB."));
        }

        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is "application/yaml" or "application/x-yaml" or "text/yaml" or "text/x-yaml")
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var text = await reader.ReadToEndAsync(ct);
            return (text, fallback, null);
        }

        try
        {
            var body = await request.ReadFromJsonAsync<WhatIfRequest>(ct);
            if (string.IsNullOrWhiteSpace(body?.Yaml))
            {
                return (null, fallback, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No scenario",
                    detail: "Send { \"yaml\": \"<the scenario file's text>\" } as JSON, or the file itself with Content-Type application/yaml."));
            }

            return (body.Yaml, string.IsNullOrWhiteSpace(body.FileName) ? fallback : body.FileName, null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return (null, fallback, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unreadable request",
                detail: "Send { \"yaml\": \"…\" } as JSON (Content-Type application/json), or the scenario file with Content-Type application/yaml."));
        }
    }

    private static ProblemHttpResult ScenarioProblems(IReadOnlyList<ScenarioProblem> problems) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The scenario is not valid",
            detail: string.Join("\n", problems.Select(p => p.ToString())),
            extensions: new Dictionary<string, object?> { ["problems"] = problems.Select(ScenarioProblemDto.From).ToList() });

    private static HashSet<T> Parse<T>(string? text, string field, string expected, FieldErrors errors)
        where T : struct, Enum
    {
        var values = new HashSet<T>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (EnumText.TryParse(part, out T value))
            {
                values.Add(value);
            }
            else
            {
                errors.Add(field, $"'{part}' is not a {field}: use {expected}.");
            }
        }

        return values;
    }
}
