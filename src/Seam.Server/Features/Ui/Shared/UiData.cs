using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Seam.Access;
using Seam.Inventory;
using Seam.Server.Features.Audit;
using Seam.Server.Features.Auth;
using Seam.Storage;

namespace Seam.Server.Features.Ui.Shared;

/// <summary>
/// Database access for interactive pages. A Blazor Server circuit lives for as long as the tab is open, so a
/// context is never held by a component: every read or write gets its own short-lived scope and context.
/// </summary>
public sealed class UiData(IServiceScopeFactory scopes)
{
    public async Task<T> ReadAsync<T>(Func<SeamDbContext, Task<T>> read)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SeamDbContext>();
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        return await read(db);
    }

    /// <summary>Runs a write; the callback records the audit entry with <see cref="AuditLog"/> and this method saves both together.</summary>
    public async Task<T> WriteAsync<T>(Func<SeamDbContext, AuditLog, Task<T>> write, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SeamDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        var result = await write(db, audit);
        await db.SaveChangesAsync(ct);
        return result;
    }
}

/// <summary>Restricts inventory queries to the sites a user holds a role on.</summary>
public static class SiteVisibility
{
    public static IQueryable<Site> VisibleTo(this IQueryable<Site> q, ClaimsPrincipal user) =>
        user.VisibleSites() is { } sites ? q.Where(s => sites.Contains(s.Id)) : q;

    public static IQueryable<Zone> VisibleTo(this IQueryable<Zone> q, ClaimsPrincipal user) =>
        user.VisibleSites() is { } sites ? q.Where(s => sites.Contains(s.SiteId)) : q;

    public static IQueryable<Conduit> VisibleTo(this IQueryable<Conduit> q, ClaimsPrincipal user) =>
        user.VisibleSites() is { } sites ? q.Where(s => sites.Contains(s.SiteId)) : q;

    public static IQueryable<Asset> VisibleTo(this IQueryable<Asset> q, ClaimsPrincipal user) =>
        user.VisibleSites() is { } sites ? q.Where(s => sites.Contains(s.SiteId)) : q;

    public static IQueryable<EntryPoint> VisibleTo(this IQueryable<EntryPoint> q, ClaimsPrincipal user) =>
        user.VisibleSites() is { } sites ? q.Where(s => sites.Contains(s.SiteId)) : q;

    public static bool CanEdit(this ClaimsPrincipal user, string siteId) => user.HasRole(Role.Engineer, siteId);
}
