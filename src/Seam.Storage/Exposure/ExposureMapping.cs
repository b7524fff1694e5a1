using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Seam.Exposure.Model;
using Seam.Inventory;

namespace Seam.Storage.Exposure;

/// <summary>
/// Table layout of the reach beyond conduits (allow rules, observed flows, access grants), maintenance windows and the
/// exposure trend. Like findings, these rows carry no foreign keys to the inventory: a replace import rewrites assets
/// and zones in bulk, and a rule naming an asset that is gone is skipped when the engine's input is loaded.
/// </summary>
internal static class ExposureMapping
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<AllowRule>(e =>
        {
            e.ToTable("allow_rules");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(100);
            e.Property(x => x.SiteId).HasMaxLength(100);
            e.Property(x => x.FromAssetId).HasMaxLength(100);
            e.Property(x => x.ToAssetId).HasMaxLength(100);
            e.Property(x => x.Services).HasConversion(ServiceList.Converter, ServiceList.Comparer);
            e.HasIndex(x => x.SiteId);
        });

        b.Entity<ObservedFlow>(e =>
        {
            e.ToTable("observed_flows");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(100);
            e.Property(x => x.SiteId).HasMaxLength(100);
            e.Property(x => x.SourceAssetId).HasMaxLength(100);
            e.Property(x => x.TargetAssetId).HasMaxLength(100);
            e.Property(x => x.Service).HasConversion(ServiceText).HasMaxLength(100);
            e.Property(x => x.Source).HasMaxLength(300);
            e.HasIndex(x => x.SiteId);
        });

        b.Entity<AccessGrant>(e =>
        {
            e.ToTable("access_grants");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(100);
            e.Property(x => x.SiteId).HasMaxLength(100);
            e.Property(x => x.Grantee).HasMaxLength(200);
            e.Property(x => x.Vendor).HasMaxLength(200);
            e.Property(x => x.Method).HasMaxLength(200);
            e.Property(x => x.ZoneId).HasMaxLength(100);
            e.Property(x => x.AssetIds).HasConversion(StringList.Converter, StringList.Comparer);
            e.HasIndex(x => x.To);
        });

        b.Entity<MaintenanceWindow>(e =>
        {
            e.ToTable("maintenance_windows");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(100);
            e.Property(x => x.SiteId).HasMaxLength(100);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.ProcessLine).HasMaxLength(200);
            e.Property(x => x.Day).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(x => x.SiteId);
        });

        b.Entity<ExposureSnapshot>(e =>
        {
            e.ToTable("exposure_snapshots");
            e.HasKey(x => x.Id);
            e.Property(x => x.Scope).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.ScopeId).HasMaxLength(100);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Trigger).HasMaxLength(200);
            e.HasIndex(x => new { x.Scope, x.ScopeId, x.At });
        });
    }

    private static readonly ValueConverter<ServiceEndpoint, string> ServiceText = new(v => v.ToString(), v => ServiceEndpoint.Parse(v));
}
