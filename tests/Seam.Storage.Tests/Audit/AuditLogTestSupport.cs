using Microsoft.EntityFrameworkCore;
using Seam.Audit;
using Seam.Storage.Audit;
using Seam.Testing.Databases;

namespace Seam.Storage.Tests.Audit;

internal static class AuditLogTestSupport
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Writes entries 1…<paramref name="count"/> of a fresh log, one save each, as the stores do.</summary>
    public static async Task WriteAsync(TestDatabase database, int count, string actor = "ivy")
    {
        await using var db = database.CreateContext();
        for (var i = 1; i <= count; i++)
        {
            db.AuditEntries.Add(Entry(actor, $"PLC-{i}", Start.AddSeconds(i).AddTicks(1234)));
            await db.SaveChangesAsync();
        }
    }

    public static AuditEntry Entry(string actor, string entityId, DateTimeOffset at) => new()
    {
        At = at,
        Actor = actor,
        Action = "update",
        EntityType = "asset",
        EntityId = entityId,
        SiteId = "plant",
        Before = "{\"criticality\":2}",
        After = "{\"criticality\":3}",
        Summary = $"Criticality of {entityId} raised",
    };

    public static async Task<AuditVerification> VerifyAsync(TestDatabase database, IEnumerable<AuditAnchor>? anchors = null)
    {
        await using var db = database.CreateContext();
        return await AuditLogVerifier.VerifyAsync(db, anchors);
    }

    public static async Task<List<AuditEntry>> ReadAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }

    /// <summary>Runs SQL straight against the database, as someone with database access would, bypassing Seam.</summary>
    public static async Task TamperAsync(TestDatabase database, string sql, params object[] parameters)
    {
        await using var db = database.CreateContext();
        await db.Database.ExecuteSqlRawAsync(sql, parameters);
    }
}
