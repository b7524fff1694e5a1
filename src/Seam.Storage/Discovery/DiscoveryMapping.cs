using Microsoft.EntityFrameworkCore;

namespace Seam.Storage.Discovery;

internal static class DiscoveryMapping
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<DiscoveryRecord>(e =>
        {
            e.ToTable("discoveries");
            e.HasKey(x => x.Id);
            e.Property(x => x.SiteId).HasMaxLength(100);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.CreatedBy).HasMaxLength(200);
            e.Property(x => x.ClosedBy).HasMaxLength(200);
            e.Property(x => x.Outcome).HasMaxLength(2000);
            e.HasIndex(x => new { x.SiteId, x.Status });
        });

        b.Entity<DiscoveryDecisionRecord>(e =>
        {
            e.ToTable("discovery_decisions");
            e.HasKey(x => new { x.DiscoveryId, x.Item });
            e.Property(x => x.Item).HasMaxLength(300);
            e.Property(x => x.DecidedBy).HasMaxLength(200);
            e.HasOne<DiscoveryRecord>().WithMany().HasForeignKey(x => x.DiscoveryId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
