using Microsoft.EntityFrameworkCore;

namespace Seam.Storage.Governance;

/// <summary>
/// Table layout of decision rights: policy versions, requests with their timeline, waiting teams (the inbox index),
/// links, attachments and delegations. Links carry no foreign keys to the inventory, like findings: a replace import
/// rewrites assets in bulk and a request keeps naming what it was about.
/// </summary>
internal static class GovernanceMapping
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<PolicyVersionRecord>(e =>
        {
            e.ToTable("policy_versions");
            e.HasKey(x => x.Version);
            e.Property(x => x.Version).ValueGeneratedNever();
            e.Property(x => x.PublishedBy).HasMaxLength(100);
        });

        b.Entity<RequestRecord>(e =>
        {
            e.ToTable("requests");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(32);
            e.Property(x => x.Scenario).HasMaxLength(40);
            e.Property(x => x.SiteId).HasMaxLength(100);
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.State).HasMaxLength(20);
            e.Property(x => x.Tier).HasMaxLength(20);
            e.Property(x => x.Route).HasMaxLength(20);
            e.Property(x => x.RequestedBy).HasMaxLength(100);
            e.Property(x => x.Grantee).HasMaxLength(100);
            e.HasIndex(x => x.Number).IsUnique();
            e.HasIndex(x => new { x.SiteId, x.State });
            e.HasIndex(x => x.RequestedBy);
            e.HasIndex(x => x.Grantee);
            e.HasIndex(x => new { x.State, x.DueAt });
        });

        b.Entity<RequestEventRecord>(e =>
        {
            e.ToTable("request_events");
            e.HasKey(x => x.Id);
            e.Property(x => x.RequestId).HasMaxLength(32);
            e.Property(x => x.Actor).HasMaxLength(100);
            e.Property(x => x.Kind).HasMaxLength(32);
            e.HasIndex(x => new { x.RequestId, x.Sequence }).IsUnique();
        });

        b.Entity<RequestWaitingRecord>(e =>
        {
            e.ToTable("request_waiting");
            e.HasKey(x => new { x.RequestId, x.Team });
            e.Property(x => x.RequestId).HasMaxLength(32);
            e.Property(x => x.Team).HasMaxLength(100);
            e.Property(x => x.SiteId).HasMaxLength(100);
            e.Property(x => x.Reason).HasMaxLength(20).HasDefaultValue("asked");
            e.HasIndex(x => new { x.Team, x.DueAt });
        });

        b.Entity<AccessGrantEndRecord>(e =>
        {
            e.ToTable("access_grant_ends");
            e.HasKey(x => x.GrantId);
            e.Property(x => x.GrantId).HasMaxLength(100);
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.By).HasMaxLength(100);
            e.Property(x => x.Reason).HasMaxLength(1000);
        });

        b.Entity<RequestLinkRecord>(e =>
        {
            e.ToTable("request_links");
            e.HasKey(x => new { x.RequestId, x.Kind, x.TargetId });
            e.Property(x => x.RequestId).HasMaxLength(32);
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.TargetId).HasMaxLength(200);
            e.HasIndex(x => new { x.Kind, x.TargetId });
        });

        b.Entity<RequestAttachmentRecord>(e =>
        {
            e.ToTable("request_attachments");
            e.HasKey(x => x.Id);
            e.Property(x => x.RequestId).HasMaxLength(32);
            e.Property(x => x.FileName).HasMaxLength(255);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.UploadedBy).HasMaxLength(100);
            e.HasIndex(x => x.RequestId);
        });

        b.Entity<DelegationRecord>(e =>
        {
            e.ToTable("delegations");
            e.HasKey(x => x.Id);
            e.Property(x => x.Member).HasMaxLength(100);
            e.Property(x => x.Delegate).HasMaxLength(100);
            e.Property(x => x.CreatedBy).HasMaxLength(100);
            e.HasIndex(x => x.Delegate);
            e.HasIndex(x => x.Member);
        });
    }
}
