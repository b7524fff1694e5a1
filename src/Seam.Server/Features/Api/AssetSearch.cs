using Microsoft.EntityFrameworkCore;
using Seam.Inventory;
using Seam.Storage;

namespace Seam.Server.Features.Api;

/// <summary>
/// Free-text search over assets: id, name, vendor, product, model, process line and addresses, through the database-computed
/// search column (see <see cref="InventoryMapping.SearchTextColumn"/>). Case-insensitive on both providers.
/// </summary>
public static class AssetSearch
{
    public static IQueryable<Asset> Matching(SeamDbContext db, string text)
    {
        // The search column is lower case on both providers, so lower-casing the pattern makes the match
        // case-insensitive everywhere with a plain LIKE.
        var p = "%" + EscapeLike(text.Trim().ToLowerInvariant()) + "%";
        return db.Assets.Where(a => EF.Functions.Like(EF.Property<string>(a, InventoryMapping.SearchTextColumn), p, "\\"));
    }

    /// <summary>Assets whose address column matches an already escaped LIKE pattern.</summary>
    public static IQueryable<Asset> AddressLike(SeamDbContext db, string pattern) =>
        db.Assets.FromSql($"""SELECT * FROM assets WHERE "Addresses" LIKE {pattern} ESCAPE '\'""").AsNoTracking();

    public static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
