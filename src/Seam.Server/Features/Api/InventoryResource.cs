using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Seam.Access;
using Seam.Inventory;
using Seam.Server.Features.Audit;
using Seam.Server.Features.Auth;
using Seam.Storage;

namespace Seam.Server.Features.Api;

/// <summary>
/// Get, create, replace and delete for one kind of inventory record; the same rules for all of them:
/// reads only in visible sites (others are "not found"), writes need engineer on the record's site (on both sites
/// for a move; on every site for records that belong to no site), every write is validated like an import and
/// audited in the same SaveChanges. Lists differ per resource and are mapped by each resource's own file.
/// </summary>
internal sealed class InventoryResource<TEntity, TInput, TDto>
    where TEntity : class
    where TInput : class
{
    /// <summary>The record's name in messages and audit entries: "asset", "entry point".</summary>
    public required string Noun { get; init; }

    public required string AuditType { get; init; }

    public required InventoryEntity Entity { get; init; }

    public required Func<TEntity, string> Id { get; init; }

    /// <summary>The record's site; null for records shared by every site (teams, people).</summary>
    public required Func<TEntity, string?> Site { get; init; }

    public required Func<TInput, string?, FieldErrors, TEntity> FromInput { get; init; }

    public required Func<TEntity, TDto> ToDto { get; init; }

    public required Func<InventoryChecks, TEntity, CancellationToken, Task<IReadOnlyList<InventoryProblem>>> Check { get; init; }

    /// <summary>Why the record cannot be deleted (other records refer to it), or null.</summary>
    public Func<SeamDbContext, TEntity, CancellationToken, Task<string?>> DeleteBlocker { get; init; } = (_, _, _) => Task.FromResult<string?>(null);

    /// <summary>Copies fields a replace must not lose (an asset's source and last-seen time) from the stored record.</summary>
    public Action<TEntity, TEntity> KeepOnReplace { get; init; } = (_, _) => { };

    /// <summary>Runs after a record was created, replaced or deleted (id, actor): assets are re-matched to the stored advisories.</summary>
    public Func<IServiceProvider, string, string, CancellationToken, Task> AfterWrite { get; init; } = (_, _, _, _) => Task.CompletedTask;

    public void Map(RouteGroupBuilder group, string name)
    {
        // Handed over as plain delegates: the route-handler analyzer crashes on handlers of a generic class (dotnet/aspnetcore#56831).
        Delegate get = GetAsync, create = CreateAsync, replace = ReplaceAsync, delete = DeleteAsync;
        group.MapGet("/{id}", get).WithName("Get" + name)
            .WithSummary($"One {Noun} by id")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", create).WithName("Create" + name)
            .WithSummary($"Create a {Noun}; smells are stored and returned, errors refused")
            .RequireAuthorization(SeamPolicies.InventoryWriter)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id}", replace).WithName("Replace" + name)
            .WithSummary($"Replace a {Noun} (every field; omitted fields take their defaults)")
            .RequireAuthorization(SeamPolicies.InventoryWriter)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id}", delete).WithName("Delete" + name)
            .WithSummary($"Delete a {Noun}; refused with 409 while other records refer to it")
            .RequireAuthorization(SeamPolicies.InventoryWriter)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private async Task<Results<Ok<TDto>, ProblemHttpResult>> GetAsync(string id, ClaimsPrincipal user, SeamDbContext db, CancellationToken ct)
    {
        var entity = await db.Set<TEntity>().FindAsync([id], ct);
        if (entity is null || !Visible(user, entity))
        {
            return ApiProblems.NotFound(Noun, id);
        }

        return TypedResults.Ok(ToDto(entity));
    }

    private async Task<Results<Created<WriteResult<TDto>>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        TInput input, HttpRequest request, ClaimsPrincipal user, SeamDbContext db, InventoryChecks checks, AuditLog audit, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var entity = FromInput(input, null, errors);
        if (!CanWrite(user, entity))
        {
            return ApiProblems.Forbidden(WriteRefusal(Site(entity)));
        }

        if (errors.Any)
        {
            return ApiProblems.Invalid(errors, $"The {Noun} was refused");
        }

        var id = Id(entity);
        if (await db.Set<TEntity>().FindAsync([id], ct) is not null)
        {
            return ApiProblems.Conflict($"A {Noun} with id '{id}' already exists; use PUT to replace it.");
        }

        var problems = await CheckedAsync(checks, entity, errors, ct);
        if (errors.Any)
        {
            return ApiProblems.Invalid(errors, $"The {Noun} was refused", problems);
        }

        db.Set<TEntity>().Add(entity);
        var after = ToDto(entity);
        audit.Record(user.ActorName(), "create", AuditType, id, Site(entity), null, after);
        if (await SaveAsync(db, ct) is { } conflict)
        {
            return conflict;
        }

        await AfterWrite(request.HttpContext.RequestServices, id, user.ActorName(), ct);
        var location = $"{request.PathBase}{request.Path.Value?.TrimEnd('/')}/{Uri.EscapeDataString(id)}";
        return TypedResults.Created(location, new WriteResult<TDto>(after, problems));
    }

    private async Task<Results<Ok<WriteResult<TDto>>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        string id, TInput input, ClaimsPrincipal user, SeamDbContext db, InventoryChecks checks, AuditLog audit, HttpContext http, CancellationToken ct)
    {
        var stored = await db.Set<TEntity>().FindAsync([id], ct);
        if (stored is null || !Visible(user, stored))
        {
            return ApiProblems.NotFound(Noun, id);
        }

        var errors = new FieldErrors();
        var entity = FromInput(input, id, errors);
        if (!CanWrite(user, stored))
        {
            return ApiProblems.Forbidden(WriteRefusal(Site(stored)));
        }

        if (!CanWrite(user, entity))
        {
            return ApiProblems.Forbidden($"Moving the {Noun} to site '{Site(entity)}' needs the engineer role on that site as well.");
        }

        if (errors.Any)
        {
            return ApiProblems.Invalid(errors, $"The {Noun} was refused");
        }

        KeepOnReplace(stored, entity);
        var problems = await CheckedAsync(checks, entity, errors, ct);
        if (errors.Any)
        {
            return ApiProblems.Invalid(errors, $"The {Noun} was refused", problems);
        }

        var before = ToDto(stored);
        var oldSite = Site(stored);
        db.Entry(stored).CurrentValues.SetValues(entity);
        var after = ToDto(stored);
        var newSite = Site(stored);
        audit.Record(user.ActorName(), "update", AuditType, id, newSite, before, after,
            oldSite == newSite ? null : $"moved from site '{oldSite}' to site '{newSite}'");
        if (await SaveAsync(db, ct) is { } conflict)
        {
            return conflict;
        }

        await AfterWrite(http.RequestServices, id, user.ActorName(), ct);
        return TypedResults.Ok(new WriteResult<TDto>(after, problems));
    }

    private async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, ClaimsPrincipal user, SeamDbContext db, AuditLog audit, HttpContext http, CancellationToken ct)
    {
        var stored = await db.Set<TEntity>().FindAsync([id], ct);
        if (stored is null || !Visible(user, stored))
        {
            return ApiProblems.NotFound(Noun, id);
        }

        if (!CanWrite(user, stored))
        {
            return ApiProblems.Forbidden(WriteRefusal(Site(stored)));
        }

        if (await DeleteBlocker(db, stored, ct) is { } reason)
        {
            return ApiProblems.Conflict(reason);
        }

        db.Set<TEntity>().Remove(stored);
        audit.Record(user.ActorName(), "delete", AuditType, id, Site(stored), ToDto(stored), null);
        if (await SaveAsync(db, ct) is { } conflict)
        {
            return conflict;
        }

        await AfterWrite(http.RequestServices, id, user.ActorName(), ct);
        return TypedResults.NoContent();
    }

    private async Task<IReadOnlyList<ProblemDto>> CheckedAsync(InventoryChecks checks, TEntity entity, FieldErrors errors, CancellationToken ct)
    {
        var found = await Check(checks, entity, ct);
        foreach (var error in found.Where(p => p.Severity == ProblemSeverity.Error))
        {
            errors.Add(error.Field is null ? "" : InventoryDtos.ApiField(error.Field), error.Message);
        }

        return found.Select(p => p.ToDto(Site(entity))).ToList();
    }

    /// <summary>A concurrent writer got there first (same id created, a referenced record deleted): say so instead of failing.</summary>
    private static async Task<ProblemHttpResult?> SaveAsync(SeamDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException)
        {
            return ApiProblems.Conflict("The inventory changed while this request was processed (another user wrote a record it refers to). Reload and try again.");
        }
    }

    private bool Visible(ClaimsPrincipal user, TEntity entity) => Site(entity) is not { } site || user.CanSee(site);

    private bool CanWrite(ClaimsPrincipal user, TEntity entity)
    {
        // A missing site id ("") is refused as a field error by the caller; null means a record every site shares.
        var site = Site(entity);
        return site == string.Empty || user.HasRole(Role.Engineer, site);
    }

    private string WriteRefusal(string? site) => string.IsNullOrEmpty(site)
        ? $"Changing a {Noun} needs the engineer role on every site, because every site shares it."
        : $"Changing a {Noun} in site '{site}' needs the engineer role on that site.";
}
