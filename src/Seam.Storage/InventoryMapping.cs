using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Seam.Inventory;

namespace Seam.Storage;

/// <summary>
/// Table layout of the inventory. Short lists (addresses, MACs, services, subnets) are stored as one text column
/// in their canonical written form: identical on both providers, searchable with LIKE, and cheap to bulk-load.
/// </summary>
public static class InventoryMapping
{
    /// <summary>The assets column that holds id, name, vendor, product, model, process line and addresses in lower case, for search.</summary>
    public const string SearchTextColumn = "SearchText";

    public static void Configure(ModelBuilder b)
    {
        b.Entity<Team>(e =>
        {
            e.ToTable("teams");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(100);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Side).HasConversion<string>().HasMaxLength(16);
        });

        b.Entity<Person>(e =>
        {
            e.ToTable("people");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(100);
            e.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.SetNull);
        });

        b.Entity<Site>(e =>
        {
            e.ToTable("sites");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(100);
            e.Property(x => x.Name).HasMaxLength(200);
        });

        b.Entity<Zone>(e =>
        {
            e.ToTable("zones");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(100);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Level).HasConversion<int>();
            e.Property(x => x.Subnets).HasConversion(StringList.Converter, StringList.Comparer);
            e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Team>().WithMany().HasForeignKey(x => x.OwnerTeamId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(x => new { x.SiteId, x.Level });
        });

        b.Entity<Conduit>(e =>
        {
            e.ToTable("conduits");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(100);
            e.Property(x => x.Direction).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Services).HasConversion(ServiceList.Converter, ServiceList.Comparer);
            e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Zone>().WithMany().HasForeignKey(x => x.FromZoneId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Zone>().WithMany().HasForeignKey(x => x.ToZoneId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Asset>(e =>
        {
            e.ToTable("assets");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(100);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.Patchability).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.Source).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Vendor).HasMaxLength(200);
            e.Property(x => x.Product).HasMaxLength(200);
            e.Property(x => x.Model).HasMaxLength(200);
            e.Property(x => x.Version).HasMaxLength(100);
            e.Property(x => x.Addresses).HasConversion(StringList.Converter, StringList.Comparer);
            e.Property(x => x.MacAddresses).HasConversion(StringList.Converter, StringList.Comparer);
            e.Property(x => x.Identifiers).HasConversion(StringList.Converter, StringList.Comparer);
            e.Property(x => x.Services).HasConversion(ServiceList.Converter, ServiceList.Comparer);
            e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Zone>().WithMany().HasForeignKey(x => x.ZoneId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Team>().WithMany().HasForeignKey(x => x.OwnerTeamId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<Team>().WithMany().HasForeignKey(x => x.MaintainerTeamId).OnDelete(DeleteBehavior.SetNull);
            // One lower-cased column that free-text search scans instead of six: a single LIKE per row keeps search at
            // 100k assets within the list's latency budget. Same SQL on both providers; computed by the database, so
            // every write path (EF, bulk, raw SQL) keeps it right.
            e.Property<string>(SearchTextColumn).HasComputedColumnSql(
                """lower("Id" || ' ' || "Name" || ' ' || coalesce("Vendor", '') || ' ' || coalesce("Product", '') || ' ' || coalesce("Model", '') || ' ' || coalesce("ProcessLine", '') || ' ' || "Addresses")""",
                stored: true);
            e.HasIndex(x => x.ZoneId);
            // (name, id) and (site, name, id) serve the asset list's default order, so a deep page does not sort 100k rows.
            e.HasIndex(x => new { x.Name, x.Id });
            e.HasIndex(x => new { x.SiteId, x.Name, x.Id });
            e.HasIndex(x => x.Kind);
            e.HasIndex(x => x.Vendor);
        });

        b.Entity<EntryPoint>(e =>
        {
            e.ToTable("entry_points");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(100);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.Availability).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.TargetAssetIds).HasConversion(StringList.Converter, StringList.Comparer);
            e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Zone>().WithMany().HasForeignKey(x => x.ZoneId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}

/// <summary>A list of strings as one column, separated by "; " (no element may contain ';').</summary>
public static class StringList
{
    public const string Separator = "; ";

    public static string Format(IReadOnlyList<string> items) => string.Join(Separator, items);

    public static IReadOnlyList<string> Parse(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    internal static readonly ValueConverter<IReadOnlyList<string>, string> Converter =
        new(v => Format(v), v => Parse(v));

    internal static readonly ValueComparer<IReadOnlyList<string>> Comparer =
        new((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode(StringComparison.Ordinal))), v => v.ToList());
}

/// <summary>A list of services as one column in their written form ("modbus:tcp/502; https:tcp/443").</summary>
public static class ServiceList
{
    public static string Format(IReadOnlyList<ServiceEndpoint> items) => string.Join(StringList.Separator, items.Select(s => s.ToString()));

    public static IReadOnlyList<ServiceEndpoint> Parse(string? text) =>
        StringList.Parse(text).Select(ServiceEndpoint.Parse).ToList();

    internal static readonly ValueConverter<IReadOnlyList<ServiceEndpoint>, string> Converter =
        new(v => Format(v), v => Parse(v));

    internal static readonly ValueComparer<IReadOnlyList<ServiceEndpoint>> Comparer =
        new((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode())), v => v.ToList());
}
