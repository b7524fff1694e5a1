using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Seam.Access;
using Seam.Server.Features.Api;
using Seam.Storage;

namespace Seam.Server.Features.Auth;

/// <summary>A token as lists show it: never the secret, only its first characters.</summary>
public sealed record TokenDto(
    Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt, bool Active);

public sealed record TokenInput(string? Name, DateTimeOffset? ExpiresAt);

/// <summary>The new token and its secret. The secret is shown this once; Seam keeps only its hash.</summary>
public sealed record CreatedToken(TokenDto Token, string Secret);

/// <summary>The caller's own API tokens.</summary>
public static class TokenEndpoints
{
    public static void MapTokenEndpoints(this RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("/tokens").WithTags("Tokens");
        tokens.MapGet("/", ListAsync).WithName("ListTokens").WithSummary("The caller's own tokens");
        tokens.MapPost("/", CreateAsync).WithName("CreateToken")
            .WithSummary("Create a token for the caller; the secret is in the response and never again")
            .WithDescription("From a browser session anyone may; through an API token only an admin on every site may, so that a leaked token cannot mint its successors.")
            .RequireAuthorization(SeamPolicies.TokenManager)
            .ProducesValidationProblem();
        tokens.MapDelete("/{id:guid}", RevokeAsync).WithName("RevokeToken").WithSummary("Revoke one of the caller's tokens")
            .RequireAuthorization(SeamPolicies.TokenManager)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<Paged<TokenDto>>> ListAsync(ClaimsPrincipal user, SeamDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var id = user.UserId();
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == id).OrderByDescending(t => t.CreatedAt).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new Paged<TokenDto>(tokens.Select(t => ToDto(t, now)).ToList(), 1, tokens.Count, tokens.Count));
    }

    private static async Task<Results<Created<CreatedToken>, ValidationProblem>> CreateAsync(
        TokenInput input, ClaimsPrincipal user, ApiTokens tokens, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            errors.Add("name", "A token needs a name of 1–200 characters that says what uses it, e.g. 'nightly export'.");
        }

        var now = clock.GetUtcNow();
        if (input.ExpiresAt is { } expires && expires <= now)
        {
            errors.Add("expiresAt", "expiresAt must be in the future.");
        }

        if (errors.Any || user.UserId() is not { } userId)
        {
            return ApiProblems.Invalid(errors, "The token was not created");
        }

        var (token, secret) = await tokens.CreateAsync(userId, name!, input.ExpiresAt, user.ActorName(), ct);
        return TypedResults.Created($"/api/v1/tokens/{token.Id}", new CreatedToken(ToDto(token, now), secret));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(Guid id, ClaimsPrincipal user, ApiTokens tokens, CancellationToken ct) =>
        user.UserId() is { } owner && await tokens.RevokeAsync(id, owner, user.ActorName(), ct)
            ? TypedResults.NoContent()
            : ApiProblems.NotFound("active token of yours", id.ToString());

    private static TokenDto ToDto(ApiToken t, DateTimeOffset now) =>
        new(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt, t.IsActive(now));
}
