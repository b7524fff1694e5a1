using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Seam.Access;
using Seam.Exposure.Model;
using Seam.Inventory;
using Seam.Server.Features.Api;
using Seam.Server.Features.Auth;
using Seam.Storage.Exposure;

namespace Seam.Server.Features.Exposure;

/// <summary>
/// /api/v1/allow-rules, /api/v1/observed-flows and /api/v1/maintenance-windows: the same rules as the inventory's
/// records. Reads only in visible sites (others are "not found"); writes need the engineer role on the record's site
/// (on both sites when a replace moves it); every write is validated and audited by <see cref="ExposureRecords"/>.
/// </summary>
internal static class ExposureRecordEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        new RecordEndpoints<AllowRule, AllowRuleInput>(r => r.AllowRules)
            .Map(api.MapGroup("/allow-rules").WithTags("Exposure"), "AllowRule");
        new RecordEndpoints<ObservedFlow, ObservedFlowInput>(r => r.ObservedFlows)
            .Map(api.MapGroup("/observed-flows").WithTags("Exposure"), "ObservedFlow");
        new RecordEndpoints<MaintenanceWindow, MaintenanceWindowInput>(r => r.MaintenanceWindows)
            .Map(api.MapGroup("/maintenance-windows").WithTags("Exposure"), "MaintenanceWindow");
    }
}

internal sealed class RecordEndpoints<T, TInput>(Func<ExposureRecords, RecordSet<T, TInput>> pick)
    where T : class
{
    public void Map(RouteGroupBuilder group, string name)
    {
        // Handed over as plain delegates: the route-handler analyzer crashes on handlers of a generic class (dotnet/aspnetcore#56831).
        Delegate list = ListAsync, get = GetAsync, create = CreateAsync, replace = ReplaceAsync, delete = DeleteAsync;
        group.MapGet("/", list).WithName("List" + name + "s").Produces<List<T>>().WithSummary("Records on the sites the caller may see; ?site= narrows to one");
        group.MapGet("/{id}", get).WithName("Get" + name).Produces<T>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", create).WithName("Create" + name).Produces<T>(StatusCodes.Status201Created).RequireAuthorization(SeamPolicies.InventoryWriter)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id}", replace).WithName("Replace" + name).Produces<T>().RequireAuthorization(SeamPolicies.InventoryWriter)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id}", delete).WithName("Delete" + name).RequireAuthorization(SeamPolicies.InventoryWriter)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static JsonHttpResult<TValue> Json<TValue>(TValue value) => TypedResults.Json(value, ExposureJson.Options);

    private async Task<JsonHttpResult<IReadOnlyList<T>>> ListAsync([FromQuery(Name = "site")] string? site, ClaimsPrincipal user, ExposureService service, CancellationToken ct) =>
        Json(await pick(service.Records).ListAsync(user.VisibleSites(), string.IsNullOrWhiteSpace(site) ? null : site, ct));

    private async Task<Results<JsonHttpResult<T>, ProblemHttpResult>> GetAsync(string id, ClaimsPrincipal user, ExposureService service, CancellationToken ct)
    {
        var set = pick(service.Records);
        var stored = await set.FindAsync(id, ct);
        return stored is null || !user.CanSee(set.Kind.Site(stored)) ? ApiProblems.NotFound(set.Kind.Noun, id) : Json(stored);
    }

    private async Task<Results<JsonHttpResult<T>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        TInput input, HttpRequest request, ClaimsPrincipal user, ExposureService service, CancellationToken ct)
    {
        var set = pick(service.Records);
        if (set.Kind.InputSite(input) is { Length: > 0 } site && !user.HasRole(Role.Engineer, site.Trim()))
        {
            return ApiProblems.Forbidden($"Changing a {set.Kind.Noun} in site '{site}' needs the engineer role on that site.");
        }

        var write = await set.CreateAsync(input, user.ActorName(), ct);
        return write.Status switch
        {
            RecordWriteStatus.Written => Created(request, set.Kind.Id(write.Record!), write.Record!),
            RecordWriteStatus.AlreadyExists => ApiProblems.Conflict(write.Errors[0].Message),
            _ => Invalid(write, set.Kind.Noun),
        };
    }

    private async Task<Results<JsonHttpResult<T>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        string id, TInput input, ClaimsPrincipal user, ExposureService service, CancellationToken ct)
    {
        var set = pick(service.Records);
        var stored = await set.FindAsync(id, ct);
        if (stored is null || !user.CanSee(set.Kind.Site(stored)))
        {
            return ApiProblems.NotFound(set.Kind.Noun, id);
        }

        var site = set.Kind.Site(stored);
        if (!user.HasRole(Role.Engineer, site))
        {
            return ApiProblems.Forbidden($"Changing a {set.Kind.Noun} in site '{site}' needs the engineer role on that site.");
        }

        if (set.Kind.InputSite(input) is { Length: > 0 } target && !user.HasRole(Role.Engineer, target.Trim()))
        {
            return ApiProblems.Forbidden($"Moving the {set.Kind.Noun} to site '{target}' needs the engineer role on that site as well.");
        }

        var write = await set.ReplaceAsync(id, input, user.ActorName(), ct);
        return write.Status switch
        {
            RecordWriteStatus.Written => Json(write.Record!),
            RecordWriteStatus.NotFound => ApiProblems.NotFound(set.Kind.Noun, id),
            _ => Invalid(write, set.Kind.Noun),
        };
    }

    private async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, ClaimsPrincipal user, ExposureService service, CancellationToken ct)
    {
        var set = pick(service.Records);
        var stored = await set.FindAsync(id, ct);
        if (stored is null || !user.CanSee(set.Kind.Site(stored)))
        {
            return ApiProblems.NotFound(set.Kind.Noun, id);
        }

        if (!user.HasRole(Role.Engineer, set.Kind.Site(stored)))
        {
            return ApiProblems.Forbidden($"Changing a {set.Kind.Noun} in site '{set.Kind.Site(stored)}' needs the engineer role on that site.");
        }

        return await set.DeleteAsync(id, user.ActorName(), ct) ? TypedResults.NoContent() : ApiProblems.NotFound(set.Kind.Noun, id);
    }

    private static JsonHttpResult<T> Created(HttpRequest request, string id, T record)
    {
        request.HttpContext.Response.Headers.Location = $"{request.PathBase}{request.Path.Value?.TrimEnd('/')}/{Uri.EscapeDataString(id)}";
        return TypedResults.Json(record, ExposureJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static ValidationProblem Invalid(RecordWrite<T> write, string noun)
    {
        var errors = new FieldErrors();
        foreach (var error in write.Errors)
        {
            errors.Add(error.Field, error.Message);
        }

        return ApiProblems.Invalid(errors, $"The {noun} was refused");
    }
}
