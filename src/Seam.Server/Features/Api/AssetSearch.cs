using Microsoft.EntityFrameworkCore;
using Seam.Inventory;
using Seam.Storage;

namespace Seam.Server.Features.Api;

/// <summary>
/// Free-text search over assets. Addresses live in one text column behind a value converter, which LINQ cannot
/// hand to LIKE, so the search is a small raw query that EF Core composes the rest of the list query onto.
/// Case-insensitive on both providers (SQLite's LIKE is, for ASCII; PostgreSQL gets ILIKE).
/// </summary>
internal static class AssetSearch
{
    public static IQueryable<Asset> Matching(SeamDbContext db, string text)
    {
        var p = "%" + EscapeLike(text.Trim()) + "%";
        return IsPostgres(db)
            ? db.Assets.FromSql($"""
                SELECT * FROM assets WHERE "Id" ILIKE {p} ESCAPE '\' OR "Name" ILIKE {p} ESCAPE '\' OR "Vendor" ILIKE {p} ESCAPE '\'
                OR "Product" ILIKE {p} ESCAPE '\' OR "Model" ILIKE {p} ESCAPE '\' OR "Addresses" ILIKE {p} ESCAPE '\'
                """)
            : db.Assets.FromSql($"""
                SELECT * FROM assets WHERE "Id" LIKE {p} ESCAPE '\' OR "Name" LIKE {p} ESCAPE '\' OR "Vendor" LIKE {p} ESCAPE '\'
                OR "Product" LIKE {p} ESCAPE '\' OR "Model" LIKE {p} ESCAPE '\' OR "Addresses" LIKE {p} ESCAPE '\'
                """);
    }

    /// <summary>Assets whose address column matches an already escaped LIKE pattern.</summary>
    public static IQueryable<Asset> AddressLike(SeamDbContext db, string pattern) =>
        db.Assets.FromSql($"""SELECT * FROM assets WHERE "Addresses" LIKE {pattern} ESCAPE '\'""").AsNoTracking();

    public static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static bool IsPostgres(SeamDbContext db) =>
        db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;
}
