using System.Security.Claims;
using Seam.Access;

namespace Seam.Server.Features.Auth;

/// <summary>Claims Seam puts on a signed-in principal, and the questions asked of them.</summary>
public static class SeamClaims
{
    /// <summary>One claim per role assignment: "Engineer@north" or "Admin@*" (every site).</summary>
    public const string Role = "seam:role";

    public const string AllSites = "*";

    public static IEnumerable<Claim> For(User user)
    {
        yield return new Claim(ClaimTypes.NameIdentifier, user.Id.ToString());
        yield return new Claim(ClaimTypes.Name, user.UserName);
        foreach (var r in user.Roles)
        {
            yield return new Claim(Role, $"{r.Role}@{r.SiteId ?? AllSites}");
        }
    }

    public static string ActorName(this ClaimsPrincipal principal) => principal.Identity?.Name ?? "anonymous";

    public static Guid? UserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>True when the principal holds <paramref name="minimum"/> or a higher role on the site (or on every site).</summary>
    public static bool HasRole(this ClaimsPrincipal principal, Role minimum, string? siteId)
    {
        foreach (var (role, site) in Assignments(principal))
        {
            if (role >= minimum && (site == AllSites || (siteId is not null && site == siteId)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the principal holds <paramref name="minimum"/> on at least one site.</summary>
    public static bool HasRoleAnywhere(this ClaimsPrincipal principal, Role minimum) =>
        Assignments(principal).Any(a => a.Role >= minimum);

    /// <summary>Sites the principal may see; null means every site.</summary>
    public static IReadOnlySet<string>? VisibleSites(this ClaimsPrincipal principal)
    {
        var sites = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (role, site) in Assignments(principal))
        {
            if (role < Seam.Access.Role.Viewer)
            {
                // A vendor sees its own requests and grants, never the site's records.
                continue;
            }

            if (site == AllSites)
            {
                return null;
            }

            sites.Add(site);
        }

        return sites;
    }

    /// <summary>Sites on which the principal holds <paramref name="minimum"/> or higher; null means every site.</summary>
    public static IReadOnlySet<string>? SitesWithRole(this ClaimsPrincipal principal, Role minimum)
    {
        var sites = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (role, site) in Assignments(principal))
        {
            if (role < minimum)
            {
                continue;
            }

            if (site == AllSites)
            {
                return null;
            }

            sites.Add(site);
        }

        return sites;
    }

    /// <summary>True when the principal may see records of the site (any role on it, or on every site).</summary>
    public static bool CanSee(this ClaimsPrincipal principal, string siteId) => principal.HasRole(Seam.Access.Role.Viewer, siteId);

    /// <summary>True when the principal authenticated with an API token rather than a signed-in browser session.</summary>
    public static bool UsesApiToken(this ClaimsPrincipal principal) =>
        principal.Identity?.AuthenticationType == ApiTokenAuthenticationHandler.SchemeName;

    public static Role? HighestRole(this ClaimsPrincipal principal) =>
        Assignments(principal).Select(a => (Role?)a.Role).DefaultIfEmpty(null).Max();

    private static IEnumerable<(Role Role, string Site)> Assignments(ClaimsPrincipal principal)
    {
        foreach (var claim in principal.FindAll(Role))
        {
            var at = claim.Value.IndexOf('@', StringComparison.Ordinal);
            if (at > 0 && Enum.TryParse<Role>(claim.Value[..at], out var role))
            {
                yield return (role, claim.Value[(at + 1)..]);
            }
        }
    }
}
