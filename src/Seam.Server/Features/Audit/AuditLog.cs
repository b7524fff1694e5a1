using System.Text.Json;
using System.Text.Json.Serialization;
using Seam.Audit;
using Seam.Storage;

namespace Seam.Server.Features.Audit;

/// <summary>
/// Adds audit entries to the same unit of work as the change they describe, so a write and its record
/// commit or roll back together.
/// </summary>
public sealed class AuditLog(SeamDbContext db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public void Record(string actor, string action, string entityType, string? entityId, string? siteId, object? before, object? after, string? summary = null)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            Actor = actor,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            SiteId = siteId,
            Before = before is null ? null : JsonSerializer.Serialize(before, before.GetType(), Json),
            After = after is null ? null : JsonSerializer.Serialize(after, after.GetType(), Json),
            Summary = summary,
        });
    }
}
