using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Seam.Access;
using Seam.Server.Features.Api;
using Seam.Server.Features.Audit;
using Seam.Storage;

namespace Seam.Server.Features.Auth;

/// <summary>A role on one site, or on every site when <c>site</c> is null. Roles: viewer, engineer, approver, admin.</summary>
public sealed record RoleDto(string Role, string? Site);

public sealed record UserDto(Guid Id, string UserName, string? DisplayName, DateTimeOffset CreatedAt, bool Disabled, IReadOnlyList<RoleDto> Roles, string? Email = null);

/// <summary>A new local account. The password needs at least 12 characters and is never returned.</summary>
/// <param name="Email">Where notifications are mailed (optional; without it they appear in the in-app inbox only).</param>
public sealed record EmailInput(string? Email);

public sealed record UserInput(string? UserName, string? DisplayName, string? Password, IReadOnlyList<RoleDto>? Roles, string? Email = null);

/// <summary>Account administration: admin on every site only.</summary>
public static class UserEndpoints
{
    public static void MapUserEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization(SeamPolicies.Administrator);
        users.MapGet("/", ListAsync).WithName("ListUsers").WithSummary("Every account with its roles (admin)");
        users.MapGet("/{id:guid}", GetAsync).WithName("GetUser").WithSummary("One account (admin)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("/", CreateAsync).WithName("CreateUser").WithSummary("Create an account with roles (admin)")
            .ProducesValidationProblem();
        users.MapPost("/{id:guid}/disable", (Guid id, ClaimsPrincipal user, SeamDbContext db, AuditLog audit, CancellationToken ct) =>
                SetDisabledAsync(id, true, user, db, audit, ct))
            .WithName("DisableUser").WithSummary("Disable an account: its sessions and tokens stop working (admin)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        users.MapPost("/{id:guid}/enable", (Guid id, ClaimsPrincipal user, SeamDbContext db, AuditLog audit, CancellationToken ct) =>
                SetDisabledAsync(id, false, user, db, audit, ct))
            .WithName("EnableUser").WithSummary("Enable a disabled account again (admin)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPut("/{id:guid}/email", SetEmailAsync).WithName("SetUserEmail")
            .WithSummary("Change where an account's notifications are mailed; null or empty removes it (admin, audited)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();
    }

    private static async Task<Results<Ok<UserDto>, ValidationProblem, ProblemHttpResult>> SetEmailAsync(
        Guid id, EmailInput input, ClaimsPrincipal caller, SeamDbContext db, UserAccounts accounts, CancellationToken ct)
    {
        var user = await db.Users.Include(u => u.Roles).FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return ApiProblems.NotFound("user", id.ToString());
        }

        if (await accounts.SetEmailAsync(user, input.Email, caller.ActorName(), ct) is { } error)
        {
            var errors = new FieldErrors();
            errors.Add(error.Field, error.Message);
            return ApiProblems.Invalid(errors, "The email address was not changed");
        }

        return TypedResults.Ok(ToDto(user));
    }

    private static async Task<Ok<Paged<UserDto>>> ListAsync(SeamDbContext db, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().Include(u => u.Roles).OrderBy(u => u.UserName).ToListAsync(ct);
        return TypedResults.Ok(new Paged<UserDto>(users.Select(ToDto).ToList(), 1, users.Count, users.Count));
    }

    private static async Task<Results<Ok<UserDto>, ProblemHttpResult>> GetAsync(Guid id, SeamDbContext db, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Include(u => u.Roles).FirstOrDefaultAsync(u => u.Id == id, ct);
        return user is null ? ApiProblems.NotFound("user", id.ToString()) : TypedResults.Ok(ToDto(user));
    }

    private static async Task<Results<Created<UserDto>, ValidationProblem>> CreateAsync(
        UserInput input, ClaimsPrincipal caller, UserAccounts accounts, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var roles = new List<(Role, string?)>();
        foreach (var r in input.Roles ?? [])
        {
            if (EnumText.TryParse<Role>(r.Role, out var role))
            {
                roles.Add((role, string.IsNullOrWhiteSpace(r.Site) || r.Site == SeamClaims.AllSites ? null : r.Site.Trim()));
            }
            else
            {
                errors.Add("roles", $"'{r.Role}' is not a role: use viewer, engineer, approver or admin.");
            }
        }

        if (string.IsNullOrWhiteSpace(input.UserName))
        {
            errors.Add("userName", "A user name is required.");
        }

        if (string.IsNullOrEmpty(input.Password))
        {
            errors.Add("password", "A password is required.");
        }

        if (errors.Any)
        {
            return ApiProblems.Invalid(errors, "The account was not created");
        }

        var (user, error) = await accounts.CreateAsync(input.UserName!, input.DisplayName, input.Password!, roles, caller.ActorName(), ct, input.Email);
        if (user is null)
        {
            errors.Add(error!.Field, error.Message);
            return ApiProblems.Invalid(errors, "The account was not created");
        }

        return TypedResults.Created($"/api/v1/users/{user.Id}", ToDto(user));
    }

    private static async Task<Results<Ok<UserDto>, ProblemHttpResult>> SetDisabledAsync(
        Guid id, bool disabled, ClaimsPrincipal caller, SeamDbContext db, AuditLog audit, CancellationToken ct)
    {
        var user = await db.Users.Include(u => u.Roles).FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return ApiProblems.NotFound("user", id.ToString());
        }

        if (disabled && caller.UserId() == id)
        {
            return ApiProblems.Conflict("You cannot disable your own account: ask another admin, so that the server is never left without one.");
        }

        if (user.Disabled != disabled)
        {
            user.Disabled = disabled;
            audit.Record(caller.ActorName(), disabled ? "disable" : "enable", "user", user.UserName, null,
                new { Disabled = !disabled }, new { Disabled = disabled });
            await db.SaveChangesAsync(ct);
        }

        return TypedResults.Ok(ToDto(user));
    }

    private static UserDto ToDto(User u) =>
        new(u.Id, u.UserName, u.DisplayName, u.CreatedAt, u.Disabled, u.Roles.Select(r => new RoleDto(EnumText.Format(r.Role), r.SiteId)).ToList(), u.Email);
}
