using Microsoft.EntityFrameworkCore;
using Seam.Intelligence.Advisories;
using Seam.Intelligence.Findings;
using Seam.Intelligence.Matching;
using Seam.Intelligence.Vulnerabilities;

namespace Seam.Storage;

internal static class IntelligenceMapping
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Advisory>(e =>
        {
            e.ToTable("advisories");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(200);
            e.Property(x => x.PublisherName).HasMaxLength(300);
            e.Property(x => x.PublisherNamespace).HasMaxLength(500);
            e.Property(x => x.Category).HasMaxLength(100);
            e.Property(x => x.Status).HasMaxLength(16);
            e.Property(x => x.Version).HasMaxLength(100);
            e.Property(x => x.Tlp).HasMaxLength(16);
            e.Property(x => x.ContentSha256).HasMaxLength(64);
            e.Property(x => x.ImportedBy).HasMaxLength(200);
            e.HasIndex(x => x.CurrentReleaseDate);
        });

        b.Entity<AdvisoryVulnerability>(e =>
        {
            e.ToTable("advisory_vulnerabilities");
            e.HasKey(x => new { x.AdvisoryId, x.VulnerabilityId });
            e.Property(x => x.AdvisoryId).HasMaxLength(200);
            e.Property(x => x.VulnerabilityId).HasMaxLength(200);
            e.Property(x => x.Cwe).HasMaxLength(300);
            e.HasOne<Advisory>().WithMany().HasForeignKey(x => x.AdvisoryId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.VulnerabilityId);
        });

        b.Entity<Finding>(e =>
        {
            e.ToTable("findings");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.AssetId).HasMaxLength(100);
            e.Property(x => x.SiteId).HasMaxLength(100);
            e.Property(x => x.VulnerabilityId).HasMaxLength(200);
            e.Property(x => x.AdvisoryId).HasMaxLength(200);
            e.Property(x => x.AdvisoryVersion).HasMaxLength(100);
            e.Property(x => x.ProductId).HasMaxLength(200);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.Confidence).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.StateChangedBy).HasMaxLength(200);
            e.Ignore(x => x.IsHumanDecision);
            // No foreign key to assets: the inventory's bulk load rebuilds the assets table's constraints, and findings of
            // an asset that is gone are removed by the next re-match instead.
            e.HasIndex(x => new { x.AssetId, x.VulnerabilityId }).IsUnique();
            e.HasIndex(x => x.VulnerabilityId);
            e.HasIndex(x => x.AdvisoryId);
            e.HasIndex(x => new { x.SiteId, x.State });
        });

        b.Entity<FindingStateChange>(e =>
        {
            e.ToTable("finding_state_changes");
            e.HasKey(x => x.Id);
            e.Property(x => x.FindingId).HasMaxLength(64);
            e.Property(x => x.From).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.To).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.By).HasMaxLength(200);
            e.HasOne<Finding>().WithMany().HasForeignKey(x => x.FindingId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.FindingId, x.At });
        });

        b.Entity<KnownExploitation>(e =>
        {
            e.ToTable("kev_entries");
            e.HasKey(x => x.CveId);
            e.Property(x => x.CveId).HasMaxLength(32);
            e.Property(x => x.KnownRansomwareCampaignUse).HasMaxLength(16);
            e.Property(x => x.CatalogVersion).HasMaxLength(32);
        });

        b.Entity<ExploitPrediction>(e =>
        {
            e.ToTable("epss_scores");
            e.HasKey(x => x.CveId);
            e.Property(x => x.CveId).HasMaxLength(32);
            e.Property(x => x.ModelVersion).HasMaxLength(32);
        });

        b.Entity<NvdVulnerability>(e =>
        {
            e.ToTable("nvd_vulnerabilities");
            e.HasKey(x => x.CveId);
            e.Property(x => x.CveId).HasMaxLength(32);
            e.Property(x => x.Status).HasMaxLength(64);
        });

        b.Entity<VendorAlias>(e =>
        {
            e.ToTable("vendor_aliases");
            e.HasKey(x => x.Alias);
            e.Property(x => x.Alias).HasMaxLength(200);
            e.Property(x => x.Canonical).HasMaxLength(200);
            e.Property(x => x.Relation).HasMaxLength(100);
        });
    }
}
