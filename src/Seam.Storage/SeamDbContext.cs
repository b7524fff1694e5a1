using Microsoft.EntityFrameworkCore;
using Seam.Access;
using Seam.Audit;
using Seam.Exposure.Model;
using Seam.Governance.Notifications;
using Seam.Intelligence.Advisories;
using Seam.Intelligence.Findings;
using Seam.Intelligence.Matching;
using Seam.Intelligence.Vulnerabilities;
using Seam.Inventory;
using Seam.Storage.Audit;
using Seam.Storage.Exposure;

namespace Seam.Storage;

/// <summary>
/// The relational shape of Seam's model. Provider-specific subclasses exist only so that each provider keeps
/// its own migrations (see <see cref="SqliteSeamDbContext"/> and <see cref="PostgresSeamDbContext"/>).
/// </summary>
public abstract class SeamDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Team> Teams => Set<Team>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<Site> Sites => Set<Site>();

    public DbSet<Zone> Zones => Set<Zone>();

    public DbSet<Conduit> Conduits => Set<Conduit>();

    public DbSet<Asset> Assets => Set<Asset>();

    public DbSet<EntryPoint> EntryPoints => Set<EntryPoint>();

    public DbSet<User> Users => Set<User>();

    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Advisory> Advisories => Set<Advisory>();

    public DbSet<AdvisoryVulnerability> AdvisoryVulnerabilities => Set<AdvisoryVulnerability>();

    public DbSet<Finding> Findings => Set<Finding>();

    public DbSet<FindingStateChange> FindingStateChanges => Set<FindingStateChange>();

    public DbSet<KnownExploitation> KnownExploitations => Set<KnownExploitation>();

    public DbSet<ExploitPrediction> ExploitPredictions => Set<ExploitPrediction>();

    public DbSet<NvdVulnerability> NvdVulnerabilities => Set<NvdVulnerability>();

    public DbSet<VendorAlias> VendorAliases => Set<VendorAlias>();

    public DbSet<AllowRule> AllowRules => Set<AllowRule>();

    public DbSet<ObservedFlow> ObservedFlows => Set<ObservedFlow>();

    public DbSet<AccessGrant> AccessGrants => Set<AccessGrant>();

    public DbSet<MaintenanceWindow> MaintenanceWindows => Set<MaintenanceWindow>();

    public DbSet<ExposureSnapshot> ExposureSnapshots => Set<ExposureSnapshot>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<Governance.PolicyVersionRecord> PolicyVersions => Set<Governance.PolicyVersionRecord>();

    public DbSet<Governance.RequestRecord> Requests => Set<Governance.RequestRecord>();

    public DbSet<Governance.RequestEventRecord> RequestEvents => Set<Governance.RequestEventRecord>();

    public DbSet<Governance.RequestWaitingRecord> RequestWaiting => Set<Governance.RequestWaitingRecord>();

    public DbSet<Governance.RequestLinkRecord> RequestLinks => Set<Governance.RequestLinkRecord>();

    public DbSet<Governance.RequestAttachmentRecord> RequestAttachments => Set<Governance.RequestAttachmentRecord>();

    public DbSet<Governance.DelegationRecord> Delegations => Set<Governance.DelegationRecord>();

    public DbSet<Governance.AccessGrantEndRecord> AccessGrantEnds => Set<Governance.AccessGrantEndRecord>();

    public DbSet<Discovery.DiscoveryRecord> Discoveries => Set<Discovery.DiscoveryRecord>();

    public DbSet<Discovery.DiscoveryDecisionRecord> DiscoveryDecisions => Set<Discovery.DiscoveryDecisionRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        InventoryMapping.Configure(modelBuilder);
        AccessMapping.Configure(modelBuilder);
        IntelligenceMapping.Configure(modelBuilder);
        ExposureMapping.Configure(modelBuilder);
        AuditMapping.Configure(modelBuilder);
        Governance.GovernanceMapping.Configure(modelBuilder);
        Discovery.DiscoveryMapping.Configure(modelBuilder);
        modelBuilder.Entity<Notification>(e =>
        {
            e.ToTable("notifications");
            e.HasKey(x => x.Id);
            e.Property(x => x.Recipient).HasMaxLength(100);
            e.Property(x => x.Kind).HasMaxLength(64);
            e.Property(x => x.Subject).HasMaxLength(300);
            e.Property(x => x.Link).HasMaxLength(300);
            e.Property(x => x.SiteId).HasMaxLength(100);
            e.Property(x => x.AboutRef).HasMaxLength(200);
            e.Property(x => x.Channels).HasConversion<int>();
            e.Property(x => x.LastError).HasMaxLength(1000);
            e.HasIndex(x => new { x.Recipient, x.ReadAt });
            e.HasIndex(x => x.CreatedAt);
        });
    }

    /// <summary>Chains the audit entries being added (<see cref="AuditChaining"/>) and saves, in one transaction.</summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        AuditChaining.SaveChangesAsync(this, acceptAllChangesOnSuccess, base.SaveChangesAsync, cancellationToken);

    public override int SaveChanges(bool acceptAllChangesOnSuccess) => AuditChaining.SaveChanges(this, acceptAllChangesOnSuccess, base.SaveChanges);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
    }
}

public sealed class SqliteSeamDbContext(DbContextOptions<SqliteSeamDbContext> options) : SeamDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // SQLite cannot order or compare DateTimeOffset; UTC ticks in an integer column can.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }
}

public sealed class PostgresSeamDbContext(DbContextOptions<PostgresSeamDbContext> options) : SeamDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // timestamptz accepts only UTC offsets from Npgsql and keeps microseconds; normalising here lets callers pass any
        // offset and makes a value read back compare equal to the value written (the import's "unchanged" test relies on it).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcMicrosecondsConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcMicrosecondsConverter>();
    }
}

internal sealed class UtcMicrosecondsConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTimeOffset>(
    v => new DateTimeOffset(v.UtcTicks - (v.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero),
    v => v);

internal sealed class UtcTicksConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
