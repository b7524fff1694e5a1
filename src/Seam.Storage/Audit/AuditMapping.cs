using Microsoft.EntityFrameworkCore;
using Seam.Audit;

namespace Seam.Storage.Audit;

internal static class AuditMapping
{
    public static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<AuditEntry>(e =>
    {
        e.ToTable("audit_entries");
        e.HasKey(x => x.Id);

        // The chain assigns every id itself (consecutive, under the log's lock) before the insert, so the id that was hashed
        // is the id stored. The key stays "generated on add" for EF's sake: it gives entries added together distinct
        // temporary keys until then (with no generation, two new entries would both be id 0 to the change tracker).
        e.Property(x => x.Actor).HasMaxLength(200);
        e.Property(x => x.Action).HasMaxLength(64);
        e.Property(x => x.EntityType).HasMaxLength(64);
        e.Property(x => x.EntityId).HasMaxLength(200);
        e.Property(x => x.SiteId).HasMaxLength(100);
        e.Property(x => x.Hash).HasMaxLength(64);
        e.HasIndex(x => x.At);
        e.HasIndex(x => new { x.EntityType, x.EntityId });
    });
}
