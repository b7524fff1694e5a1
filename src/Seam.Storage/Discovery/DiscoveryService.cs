using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Seam.Audit;
using Seam.Discovery;
using Seam.Exposure.Model;
using Seam.Inventory;
using Seam.Storage.Exposure;
using Seam.Storage.Intelligence;

namespace Seam.Storage.Discovery;

/// <summary>
/// Keeps analysed captures until people have reviewed them: records reviewers' decisions item by item, and merges the
/// accepted set — new assets, identity changes, observed flows — in one transaction with the inventory's own write.
/// </summary>
public sealed class DiscoveryService(SeamDbContextFactory contexts, InventoryStore inventory, FindingStore findings, TimeProvider time)
{
    /// <summary>Stores what <paramref name="run"/> found for <paramref name="siteId"/> as an open review.</summary>
    public async Task<DiscoveryOutcome<StoredDiscovery>> CreateAsync(string siteId, DiscoveryRun run, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var db = contexts.Create();
        if (!await db.Sites.AnyAsync(s => s.Id == siteId, cancellationToken))
        {
            return DiscoveryError.Invalid($"There is no site '{siteId}': captures are reviewed against one site's zones and assets.");
        }

        var files = run.Files.Select(f => new DiscoveryFile(
            Path.GetFileName(f.File), f.Bytes, f.Frames, f.Problems.Count,
            [.. f.Problems.Take(20).Select(p => p.FrameNumber is { } n ? $"frame {n} at byte {p.ByteOffset}: {p.Reason}" : $"byte {p.ByteOffset}: {p.Reason}")])).ToList();
        var record = new DiscoveryRecord
        {
            SiteId = siteId,
            Status = DiscoveryStatus.Open,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = actor,
            Files = JsonSerializer.Serialize(files, ExposureJson.Options),
            Frames = run.Result.Frames,
            Bytes = run.Files.Sum(f => f.Bytes),
            Devices = run.Result.Devices.Count,
            Flows = run.Result.Flows.Count,
            FirstSeen = run.Result.FirstSeen,
            LastSeen = run.Result.LastSeen,
            Result = JsonSerializer.Serialize(run.Result, ExposureJson.Options),
        };
        // Two saves, because the audit entry names the id the first one generates; one transaction, so neither stays alone.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Discoveries.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry
        {
            At = record.CreatedAt,
            Actor = actor,
            Action = "create",
            EntityType = "discovery",
            EntityId = Id(record.Id),
            SiteId = siteId,
            Summary = $"Captures analysed for review: {string.Join(", ", files.Select(f => f.Name))}; {run.Result.Frames:N0} frames, "
                + $"{run.Result.Devices.Count} device(s), {run.Result.Flows.Count} flow(s).",
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (await GetAsync(record.Id, cancellationToken))!;
    }

    /// <summary>The discovery with its review recomputed against the inventory as it is now; null when there is none.</summary>
    public async Task<StoredDiscovery?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var record = await db.Discoveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var decisions = await db.DiscoveryDecisions.AsNoTracking().Where(d => d.DiscoveryId == id).ToListAsync(cancellationToken);
        var model = await inventory.LoadAsync(cancellationToken);
        var result = ReadResult(record);
        return new StoredDiscovery(
            Summary(record, decisions.Count),
            ReadFiles(record),
            result,
            InventoryComparison.Compare(model, result, record.SiteId),
            decisions.ToDictionary(d => d.Item, d => new ItemDecision(d.Item, d.Accepted, d.DecidedBy, d.DecidedAt), StringComparer.Ordinal),
            model);
    }

    /// <summary>Newest first, on the given sites (null: all).</summary>
    public async Task<IReadOnlyList<DiscoverySummary>> ListAsync(IReadOnlySet<string>? sites, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var query = db.Discoveries.AsNoTracking();
        if (sites is not null)
        {
            query = query.Where(d => sites.Contains(d.SiteId));
        }

        // Without the stored results, which can be large: the list needs only their counts.
        var records = await query.OrderByDescending(d => d.Id).Take(200)
            .Select(d => new DiscoveryRecord
            {
                Id = d.Id,
                SiteId = d.SiteId,
                Status = d.Status,
                CreatedAt = d.CreatedAt,
                CreatedBy = d.CreatedBy,
                Files = d.Files,
                Frames = d.Frames,
                Bytes = d.Bytes,
                Devices = d.Devices,
                Flows = d.Flows,
                FirstSeen = d.FirstSeen,
                LastSeen = d.LastSeen,
                Result = "",
                ClosedAt = d.ClosedAt,
                ClosedBy = d.ClosedBy,
                Outcome = d.Outcome,
            })
            .ToListAsync(cancellationToken);
        var ids = records.Select(r => r.Id).ToList();
        var decided = await db.DiscoveryDecisions.Where(d => ids.Contains(d.DiscoveryId)).GroupBy(d => d.DiscoveryId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return [.. records.Select(r => Summary(r, decided.GetValueOrDefault(r.Id)))];
    }

    public async Task<string?> SiteOfAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        return await db.Discoveries.Where(d => d.Id == id).Select(d => d.SiteId).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Records accept or reject for items of the current review; the latest decision on an item stands.</summary>
    public async Task<DiscoveryOutcome<StoredDiscovery>> DecideAsync(
        long id, IReadOnlyList<(string Item, bool Accept)> decisions, string actor, CancellationToken cancellationToken = default)
    {
        var current = await GetAsync(id, cancellationToken);
        if (current is null)
        {
            return DiscoveryError.NotFound(id);
        }

        if (current.Summary.Status != DiscoveryStatus.Open)
        {
            return DiscoveryError.Closed(current.Summary);
        }

        if (decisions.Count == 0)
        {
            return DiscoveryError.Invalid("No decisions were given.");
        }

        var decidable = ReviewItems.Decidable(current.Review).ToHashSet(StringComparer.Ordinal);
        var unknown = decisions.Select(d => d.Item).Where(i => !decidable.Contains(i)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            return DiscoveryError.Invalid($"Not an item of {Id(id)}'s review: {string.Join(", ", unknown.Take(5))}{(unknown.Count > 5 ? $" and {unknown.Count - 5} more" : "")}. "
                + "Items are new or changed devices (\"device:<address>\") and flows no conduit allows (\"flow:<client>><server>:<service>\").");
        }

        await using var db = contexts.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Discoveries.Where(d => d.Id == id).Select(d => d.Status).FirstAsync(cancellationToken) != DiscoveryStatus.Open)
        {
            return DiscoveryError.Closed(current.Summary);
        }

        var now = time.GetUtcNow();
        var last = decisions.GroupBy(d => d.Item, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        var items = last.Select(d => d.Item).ToList();
        var stored = await db.DiscoveryDecisions.Where(d => d.DiscoveryId == id && items.Contains(d.Item)).ToDictionaryAsync(d => d.Item, cancellationToken);
        foreach (var (item, accept) in last)
        {
            if (stored.TryGetValue(item, out var existing))
            {
                existing.Accepted = accept;
                existing.DecidedBy = actor;
                existing.DecidedAt = now;
            }
            else
            {
                db.DiscoveryDecisions.Add(new DiscoveryDecisionRecord { DiscoveryId = id, Item = item, Accepted = accept, DecidedBy = actor, DecidedAt = now });
            }
        }

        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            Actor = actor,
            Action = "decide",
            EntityType = "discovery",
            EntityId = Id(id),
            SiteId = current.Summary.SiteId,
            Summary = $"Accepted {last.Count(d => d.Accept)}, rejected {last.Count(d => !d.Accept)}: "
                + string.Join("; ", last.Take(20).Select(d => (d.Accept ? "accept " : "reject ") + d.Item)) + (last.Count > 20 ? " …" : ""),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (await GetAsync(id, cancellationToken))!;
    }

    /// <summary>
    /// Writes the accepted items in one transaction: new assets and identity changes through the inventory's merge
    /// (validated, audited), observed flows between the assets the inventory then holds, and the discovery closed.
    /// Undecided and rejected items are left out. Refused, with nothing written, when the result would be invalid.
    /// </summary>
    public async Task<DiscoveryOutcome<MergeOutcome>> MergeAsync(long id, string actor, CancellationToken cancellationToken = default)
    {
        DiscoveryRecord? record;
        HashSet<string> accepted;
        await using (var db = contexts.Create())
        {
            record = await db.Discoveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
            if (record is null)
            {
                return DiscoveryError.NotFound(id);
            }

            accepted = (await db.DiscoveryDecisions.Where(d => d.DiscoveryId == id && d.Accepted).Select(d => d.Item).ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal);
        }

        if (record.Status != DiscoveryStatus.Open)
        {
            return DiscoveryError.Closed(Summary(record, 0));
        }

        var result = ReadResult(record);

        DiscoveryMergePlan? plan = null;
        MergeOutcome? outcome = null;
        var source = $"discovery {Id(id)}: {string.Join(", ", ReadFiles(record).Select(f => f.Name))}";
        InventoryWriteResult write;
        try
        {
            write = await inventory.ApplyAsync(
                stored => (plan = DiscoveryMergePlan.Build(stored, result, record.SiteId, accepted)).Incoming,
                ImportMode.Merge,
                actor,
                async (db, _, ct) =>
                {
                    var (newFlows, updatedFlows) = await WriteFlowsAsync(db, record.SiteId, plan!.Flows, source, ct);
                    outcome = new MergeOutcome(id, [.. plan.Created.Select(a => a.Id)], [.. plan.Updated.Select(a => a.Id)], newFlows, updatedFlows, plan.FlowsLeftOut);
                    var closed = await db.Discoveries.Where(d => d.Id == id && d.Status == DiscoveryStatus.Open).ExecuteUpdateAsync(set => set
                        .SetProperty(d => d.Status, DiscoveryStatus.Merged)
                        .SetProperty(d => d.ClosedAt, time.GetUtcNow())
                        .SetProperty(d => d.ClosedBy, actor)
                        .SetProperty(d => d.Outcome, outcome.Describe()), ct);
                    if (closed == 0)
                    {
                        throw new DiscoveryClosedException();
                    }

                    return $"{Id(id)} merged: {outcome.Describe()}";
                },
                cancellationToken: cancellationToken);
        }
        catch (DiscoveryClosedException)
        {
            return DiscoveryError.Closed((await GetAsync(id, cancellationToken))!.Summary);
        }

        if (!write.Applied)
        {
            return DiscoveryError.Invalid("Merging the accepted items would leave the inventory invalid, so nothing was written: "
                + string.Join(" ", write.Errors.Take(5).Select(e => $"{e.Entity} '{e.EntityId}': {e.Message}")));
        }

        // As after any inventory write: new assets get their findings, and a firmware seen on the wire moves the asset
        // into or out of advisories' version ranges. Its own transaction, as after an import.
        var written = outcome!.CreatedAssets.Concat(outcome.UpdatedAssets).ToList();
        return written.Count == 0 ? outcome : outcome with { Findings = await findings.RefreshAsync(actor, written, cancellationToken) };
    }

    /// <summary>Closes an open discovery without writing anything to the inventory.</summary>
    public async Task<DiscoveryOutcome<DiscoverySummary>> DiscardAsync(long id, string actor, string? reason, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var record = await db.Discoveries.FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (record is null)
        {
            return DiscoveryError.NotFound(id);
        }

        if (record.Status != DiscoveryStatus.Open)
        {
            return DiscoveryError.Closed(Summary(record, 0));
        }

        record.Status = DiscoveryStatus.Discarded;
        record.ClosedAt = time.GetUtcNow();
        record.ClosedBy = actor;
        record.Outcome = string.IsNullOrWhiteSpace(reason) ? "Discarded; nothing was merged." : $"Discarded: {reason.Trim()}";
        db.AuditEntries.Add(new AuditEntry
        {
            At = record.ClosedAt.Value,
            Actor = actor,
            Action = "discard",
            EntityType = "discovery",
            EntityId = Id(id),
            SiteId = record.SiteId,
            Summary = record.Outcome,
        });
        await db.SaveChangesAsync(cancellationToken);
        return Summary(record, 0);
    }

    /// <summary>How discoveries are named to people: "D-12".</summary>
    public static string Id(long id) => "D-" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Adds each planned flow, or adds its counts to the flow already recorded between the same two assets on the same
    /// service, so repeated captures of one plant build up one flow rather than many.
    /// </summary>
    private static async Task<(int Created, int Updated)> WriteFlowsAsync(
        SeamDbContext db, string siteId, IReadOnlyList<PlannedFlow> flows, string source, CancellationToken cancellationToken)
    {
        var existing = (await db.ObservedFlows.Where(f => f.SiteId == siteId).ToListAsync(cancellationToken))
            .GroupBy(f => (f.SourceAssetId, f.TargetAssetId, f.Service))
            .ToDictionary(g => g.Key, g => g.OrderBy(f => f.Id, StringComparer.Ordinal).First());
        var ids = existing.Values.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        int created = 0, updated = 0;
        foreach (var flow in flows)
        {
            if (existing.TryGetValue((flow.SourceAssetId, flow.TargetAssetId, flow.Service), out var known))
            {
                db.Entry(known).CurrentValues.SetValues(known with
                {
                    FirstSeen = known.FirstSeen < flow.FirstSeen ? known.FirstSeen : flow.FirstSeen,
                    LastSeen = known.LastSeen > flow.LastSeen ? known.LastSeen : flow.LastSeen,
                    Packets = known.Packets + flow.Packets,
                    Bytes = known.Bytes + flow.Bytes,
                    Source = Truncate(source),
                });
                updated++;
                continue;
            }

            db.ObservedFlows.Add(new ObservedFlow
            {
                Id = FlowId(siteId, flow, ids),
                SiteId = siteId,
                SourceAssetId = flow.SourceAssetId,
                TargetAssetId = flow.TargetAssetId,
                Service = flow.Service,
                FirstSeen = flow.FirstSeen,
                LastSeen = flow.LastSeen,
                Packets = flow.Packets,
                Bytes = flow.Bytes,
                Source = Truncate(source),
            });
            created++;
        }

        return (created, updated);
    }

    /// <summary>"&lt;site&gt;.flow.&lt;8 hex&gt;" like hand-made flows, but derived from the ends so the same flow gets the same id.</summary>
    private static string FlowId(string siteId, PlannedFlow flow, HashSet<string> taken)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{flow.SourceAssetId}|{flow.TargetAssetId}|{flow.Service}")));
        var id = $"{siteId}.flow.{hash[..8]}";
        for (var n = 2; !taken.Add(id); n++)
        {
            id = $"{siteId}.flow.{hash[..8]}-{n}";
        }

        return id;
    }

    private static string Truncate(string s) => s.Length <= 300 ? s : s[..299] + "…";

    private static DiscoveryResult ReadResult(DiscoveryRecord record) =>
        JsonSerializer.Deserialize<DiscoveryResult>(record.Result, ExposureJson.Options)
        ?? throw new InvalidDataException($"Discovery {Id(record.Id)}'s stored result is empty.");

    private static IReadOnlyList<DiscoveryFile> ReadFiles(DiscoveryRecord record) =>
        JsonSerializer.Deserialize<List<DiscoveryFile>>(record.Files, ExposureJson.Options) ?? [];

    private static DiscoverySummary Summary(DiscoveryRecord r, int decisions) => new(
        r.Id, Id(r.Id), r.SiteId, r.Status, r.CreatedAt, r.CreatedBy, [.. ReadFiles(r).Select(f => f.Name)], r.Frames, r.Bytes,
        r.Devices, r.Flows, decisions, r.ClosedAt, r.ClosedBy, r.Outcome);

    /// <summary>Thrown inside the merge's transaction when someone else closed the discovery first, to roll it back.</summary>
    private sealed class DiscoveryClosedException : Exception;
}
