using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Seam.Access;
using Seam.Storage;

namespace Seam.Server.Features.Auth;

public static class AuthSetup
{
    /// <summary>Picks the API token handler for "Authorization: Bearer" requests and the cookie otherwise.</summary>
    public const string Scheme = "Seam";

    public const string SignedIn = "SignedIn";

    public static void AddSeamAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<UserAccounts>();
        builder.Services.AddScoped<ApiTokens>();
        builder.Services.AddSingleton<SetupToken>();
        builder.Services.AddHostedService<SetupTokenAnnouncer>();

        builder.Services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cookie or API token", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.LoginPath = "/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/denied";
                o.Cookie.Name = "seam.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(10);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = ctx => RefuseApi(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => RefuseApi(ctx, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = RejectDisabledAccounts;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(SeamPolicies.InventoryWriter, p => p.RequireAuthenticatedUser()
                .RequireAssertion(c => c.User.HasRoleAnywhere(Role.Engineer)))
            .AddPolicy(SeamPolicies.RequestWriter, p => p.RequireAuthenticatedUser()
                .RequireAssertion(c => c.User.HasRoleAnywhere(Role.Engineer) || !c.User.HasRoleAnywhere(Role.Viewer) && c.User.HasRoleAnywhere(Role.Vendor)))
            .AddPolicy(SeamPolicies.AuditReader, p => p.RequireAuthenticatedUser()
                .RequireAssertion(c => c.User.HasRoleAnywhere(Role.Approver)))
            .AddPolicy(SeamPolicies.Administrator, p => p.RequireAuthenticatedUser()
                .RequireAssertion(c => c.User.HasRole(Role.Admin, null)))
            .AddPolicy(SeamPolicies.TokenManager, p => p.RequireAuthenticatedUser()
                .RequireAssertion(c => !c.User.UsesApiToken() || c.User.HasRole(Role.Admin, null)));
    }

    public static void UseSeamAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
    }

    public static void MapSeamAuth(this WebApplication app) => app.MapAccountEndpoints();

    /// <summary>
    /// A session ends as soon as its account is disabled or deleted, not when the cookie expires.
    /// One primary-key lookup per request is the price.
    /// </summary>
    private static async Task RejectDisabledAccounts(CookieValidatePrincipalContext ctx)
    {
        var id = ctx.Principal?.UserId();
        var db = ctx.HttpContext.RequestServices.GetRequiredService<SeamDbContext>();
        if (id is null || !await db.Users.AnyAsync(u => u.Id == id && !u.Disabled, ctx.HttpContext.RequestAborted))
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    /// <summary>API callers get a status code, people in a browser get the sign-in page.</summary>
    private static Task RefuseApi(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
