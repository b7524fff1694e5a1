using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Seam.Access;
using Seam.Server.Features.Audit;
using Seam.Storage;

namespace Seam.Server.Features.Auth;

/// <summary>Form posts from the sign-in and setup pages. Both are protected by antiforgery tokens.</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this WebApplication app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();

        account.MapPost("/login", async ([FromForm] string userName, [FromForm] string password, [FromForm] string? returnUrl,
            HttpContext http, UserAccounts accounts, SeamDbContext db, TimeProvider clock) =>
        {
            var user = await accounts.VerifyAsync(userName, password, http.RequestAborted);
            var back = SafeReturnUrl(returnUrl);
            if (user is null)
            {
                new AuditLog(db, clock).Record(userName, "sign-in-failed", "session", null, null, null, null);
                await db.SaveChangesAsync(http.RequestAborted);
                return Results.Redirect($"/login?error=1&returnUrl={Uri.EscapeDataString(back)}");
            }

            var identity = new ClaimsIdentity(SeamClaims.For(user), CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            new AuditLog(db, clock).Record(user.UserName, "sign-in", "session", null, null, null, null);
            await db.SaveChangesAsync(http.RequestAborted);
            return Results.LocalRedirect(back);
        }).AllowAnonymous();

        account.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/login");
        }).AllowAnonymous();

        account.MapPost("/setup", async ([FromForm] string token, [FromForm] string userName, [FromForm] string password,
            HttpContext http, SetupToken setup, UserAccounts accounts) =>
        {
            if (await accounts.AnyAsync(http.RequestAborted) || !setup.TryConsume(token))
            {
                return Results.Redirect("/setup?error=token");
            }

            var (user, error) = await accounts.CreateAsync(userName, null, password, [(Role.Admin, null)], "setup-token", http.RequestAborted);
            if (user is null)
            {
                // The token was spent on a refused form; issue a fresh one so the operator is not locked out.
                var fresh = setup.Issue();
                Console.WriteLine($"The setup form was refused ({error!.Message}). New one-time setup token: {fresh}");
                return Results.Redirect($"/setup?error={Uri.EscapeDataString(error.Message)}");
            }

            var identity = new ClaimsIdentity(SeamClaims.For(user), CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.LocalRedirect("/");
        }).AllowAnonymous();
    }

    /// <summary>Only local paths, so a crafted link cannot send a user elsewhere after signing in.</summary>
    private static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
