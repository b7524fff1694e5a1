using System.Security.Claims;
using Seam.Access;
using Seam.Inventory;
using Seam.Server.Features.Auth;
using Seam.Storage;

namespace Seam.Server.Features.Imports;

/// <summary>
/// Who may import what: Engineer on every site the import touches; Engineer on every site for a replace or for
/// teams and people, which belong to no single site.
/// </summary>
public static class ImportAuthorization
{
    public static Func<InventoryScope, string?> For(ClaimsPrincipal user) => scope =>
    {
        if ((scope.Mode == ImportMode.Replace || scope.TouchesGlobalRecords) && !user.HasRole(Role.Engineer, null))
        {
            return scope.Mode == ImportMode.Replace
                ? "Replacing the whole inventory needs the engineer role on every site."
                : "Importing teams or people needs the engineer role on every site.";
        }

        var refused = scope.Sites.Where(s => !user.HasRole(Role.Engineer, s)).Order(StringComparer.Ordinal).ToList();
        return refused.Count == 0
            ? null
            : $"Importing into site(s) {string.Join(", ", refused)} needs the engineer role there; nothing was imported.";
    };
}
