using System.Security.Claims;
using Seam.Access;
using Seam.Server.Features.Auth;
using Seam.Storage.Governance;

namespace Seam.Server.Features.Governance;

/// <summary>
/// Who may read and act on requests. Staff see the requests of the sites they hold a role on; a vendor (the
/// <see cref="Role.Vendor"/> role, below viewer) sees only the requests it made or is the grantee of, and only its own
/// grants. Everything else answers 404, so a request's existence does not leak.
/// </summary>
internal static class RequestAccess
{
    /// <summary>True when the caller's only standing on the site is as a vendor.</summary>
    public static bool IsVendorOn(this ClaimsPrincipal user, string siteId) => !user.CanSee(siteId) && user.HasRole(Role.Vendor, siteId);

    /// <summary>True when the caller holds no staff role anywhere, only vendor roles.</summary>
    public static bool IsVendorOnly(this ClaimsPrincipal user) => !user.HasRoleAnywhere(Role.Viewer) && user.HasRoleAnywhere(Role.Vendor);

    public static bool CanRead(this ClaimsPrincipal user, string siteId, string requestedBy, string? grantee) =>
        user.CanSee(siteId) || (user.IsVendorOn(siteId) && (requestedBy == user.ActorName() || grantee == user.ActorName()));

    /// <summary>Asking for a decision on a site: engineer there, or a vendor there asking for its own remote access.</summary>
    public static bool CanAsk(this ClaimsPrincipal user, string siteId, bool vendorAccessForSelf) =>
        user.HasRole(Role.Engineer, siteId) || (vendorAccessForSelf && user.IsVendorOn(siteId));

    /// <summary>The list filter that keeps the caller inside what it may see.</summary>
    public static RequestFilter Scope(this ClaimsPrincipal user, RequestFilter filter) => user.IsVendorOnly()
        ? filter with { VisibleSites = user.VendorSites(), Involving = user.ActorName() }
        : filter with { VisibleSites = user.VisibleSites() };

    /// <summary>Sites where the caller is a vendor; null for every site.</summary>
    public static IReadOnlySet<string>? VendorSites(this ClaimsPrincipal user) => user.SitesWithRole(Role.Vendor);
}
