using Microsoft.EntityFrameworkCore;
using Seam.Audit;
using Seam.Intelligence.Csaf;
using Seam.Intelligence.Findings;
using Seam.Intelligence.Matching;

namespace Seam.Storage.Intelligence;

/// <summary>
/// The findings' writes outside an advisory import: people's decisions (mitigate, accept, re-open), acceptances that
/// lapse, and the re-match of every stored advisory after the inventory changed. Each is one transaction with its
/// audit entry.
/// </summary>
public sealed class FindingStore(SeamDbContextFactory contexts, TimeProvider time)
{
    public async Task<Finding?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        return await db.Findings.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
    }

    public async Task<IReadOnlyList<FindingStateChange>> HistoryAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var history = await db.FindingStateChanges.AsNoTracking().Where(c => c.FindingId == id).ToListAsync(cancellationToken);
        return [.. history.OrderBy(c => c.At).ThenBy(c => c.Id)];
    }

    /// <summary>Applies a person's decision; throws <see cref="FindingTransitionException"/> when the state does not allow it.</summary>
    public async Task<Finding?> DecideAsync(string id, FindingDecision decision, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var finding = await db.Findings.FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (finding is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var before = FindingStates.Format(finding.State);
        var change = decision.To switch
        {
            FindingState.Mitigated => finding.Mitigate(actor, now, decision.Reason),
            FindingState.Accepted => finding.Accept(actor, now, decision.Reason,
                decision.AcceptedUntil ?? throw new FindingTransitionException("An acceptance needs an expiry date (acceptedUntil).")),
            FindingState.Open => finding.Reopen(actor, now, decision.Reason),
            _ => throw new FindingTransitionException(
                $"People set a finding to mitigated, accepted or open; '{FindingStates.Format(decision.To)}' is decided by advisory evidence."),
        };
        db.FindingStateChanges.Add(change);
        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            Actor = actor,
            Action = "update",
            EntityType = "finding",
            EntityId = finding.Id,
            SiteId = finding.SiteId,
            Before = $$"""{"state":"{{before}}"}""",
            After = $$"""{"state":"{{FindingStates.Format(finding.State)}}"}""",
            Summary = $"Finding {finding.VulnerabilityId} on {finding.AssetId}: {before} → {FindingStates.Format(finding.State)}. {decision.Reason}",
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return finding;
    }

    /// <summary>Re-opens every accepted finding whose acceptance has lapsed; returns how many.</summary>
    public async Task<int> ExpireAcceptancesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var now = time.GetUtcNow();
        var accepted = await db.Findings.Where(f => f.State == FindingState.Accepted).ToListAsync(cancellationToken);
        var expired = 0;
        foreach (var finding in accepted)
        {
            var owner = finding.StateChangedBy;
            if (finding.ExpireAcceptance(now) is { } change)
            {
                if (owner is not null && owner != Finding.SystemActor)
                {
                    db.Notifications.Add(new Seam.Governance.Notifications.Notification
                    {
                        CreatedAt = now,
                        Recipient = owner,
                        Kind = "acceptance-expired",
                        SiteId = finding.SiteId,
                        AboutRef = $"finding:{finding.Id}",
                        Subject = $"Risk acceptance expired: {finding.VulnerabilityId} on {finding.AssetId}",
                        Body = $"{change.Reason} The finding is open again.",
                        Link = $"/findings/{finding.Id}",
                        Channels = Seam.Governance.Notifications.NotificationChannels.Email,
                    });
                }

                db.FindingStateChanges.Add(change);
                db.AuditEntries.Add(new AuditEntry
                {
                    At = now,
                    Actor = Finding.SystemActor,
                    Action = "update",
                    EntityType = "finding",
                    EntityId = finding.Id,
                    SiteId = finding.SiteId,
                    Summary = $"Finding {finding.VulnerabilityId} on {finding.AssetId} re-opened: {change.Reason}",
                });
                expired++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return expired;
    }

    /// <summary>
    /// Matches every stored advisory against the current inventory and reconciles the findings, in one transaction:
    /// new assets get their findings, changed versions move in or out of ranges, findings of deleted assets go.
    /// </summary>
    /// <param name="assetIds">Only these assets (after a single asset was written); null for the whole inventory.</param>
    public async Task<FindingRefreshResult> RefreshAsync(string actor, IReadOnlyCollection<string>? assetIds = null, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({InventoryStore.ImportLockKey})", cancellationToken);
        }

        var now = time.GetUtcNow();
        var scope = assetIds?.ToList();
        var assets = scope is null
            ? await db.Assets.AsNoTracking().ToListAsync(cancellationToken)
            : await db.Assets.AsNoTracking().Where(a => scope.Contains(a.Id)).ToListAsync(cancellationToken);
        var matcher = await AdvisoryImporter.MatcherForAsync(db, assets, cancellationToken);
        var findings = scope is null
            ? await db.Findings.ToListAsync(cancellationToken)
            : await db.Findings.Where(f => scope.Contains(f.AssetId)).ToListAsync(cancellationToken);

        var present = assets.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var orphans = findings.Where(f => !present.Contains(f.AssetId)).ToList();
        db.Findings.RemoveRange(orphans);
        var live = findings.Where(f => present.Contains(f.AssetId)).ToList();
        var byKey = live.ToDictionary(f => (f.AssetId, f.VulnerabilityId));

        int created = 0, updated = 0;
        var advisories = await db.Advisories.AsNoTracking().OrderBy(a => a.CurrentReleaseDate).Select(a => new { a.Id, a.ContentSha256 }).ToListAsync(cancellationToken);
        foreach (var advisory in advisories)
        {
            if (await FactsAsync(db, advisory.Id, advisory.ContentSha256, cancellationToken) is not { } facts)
            {
                continue;
            }

            var matches = matcher.Match(facts);
            var relevant = live.Where(f => f.AdvisoryId == facts.AdvisoryId).ToList();
            foreach (var match in matches)
            {
                if (byKey.TryGetValue((match.AssetId, match.VulnerabilityId), out var existing) && existing.AdvisoryId != facts.AdvisoryId)
                {
                    relevant.Add(existing);
                }
            }

            var changes = FindingReconciler.Reconcile(facts.AdvisoryId, facts.Version, matches, relevant, now);
            foreach (var finding in changes.Created)
            {
                byKey[(finding.AssetId, finding.VulnerabilityId)] = finding;
                live.Add(finding);
            }

            db.Findings.AddRange(changes.Created);
            db.FindingStateChanges.AddRange(changes.History);
            created += changes.Created.Count;
            updated += changes.Updated.Count;
        }

        var result = new FindingRefreshResult(advisories.Count, created, updated, orphans.Count);
        if (created + updated + orphans.Count == 0)
        {
            // A re-match that changed nothing needs no entry of its own: the write that caused it is audited.
            await transaction.CommitAsync(cancellationToken);
            return result;
        }

        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            Actor = actor,
            Action = "refresh",
            EntityType = "findings",
            EntityId = scope is { Count: 1 } ? scope[0] : null,
            Summary = $"Re-matched {result.Advisories} advisories against {(scope is null ? "the inventory" : $"{scope.Count} asset(s)")}: {created} finding(s) created, {updated} updated, {orphans.Count} removed with their assets.",
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static async Task<AdvisoryFacts?> FactsAsync(SeamDbContext db, string id, string sha256, CancellationToken cancellationToken)
    {
        if (AdvisoryFactsCache.Get(sha256) is { } cached)
        {
            return cached;
        }

        var document = await db.Advisories.AsNoTracking().Where(a => a.Id == id).Select(a => a.Document).FirstAsync(cancellationToken);
        using var read = CsafReader.Read(System.Text.Encoding.UTF8.GetBytes(document), id);
        if (read.Document is null)
        {
            return null;
        }

        var facts = AdvisoryFactsBuilder.From(read.Document);
        AdvisoryFactsCache.Put(sha256, facts);
        return facts;
    }
}

/// <summary>
/// Matching facts per stored advisory, kept across calls by content hash: re-matching after an asset's write then costs
/// a pass over the facts, not a re-parse of every document.
/// </summary>
internal static class AdvisoryFactsCache
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, AdvisoryFacts> Facts = new(StringComparer.Ordinal);

    public static AdvisoryFacts? Get(string sha256) => Facts.TryGetValue(sha256, out var facts) ? facts : null;

    public static void Put(string sha256, AdvisoryFacts facts)
    {
        // Bounded by the advisories a plant imports (thousands); a crude cap keeps a runaway import from holding everything.
        if (Facts.Count > 50_000)
        {
            Facts.Clear();
        }

        Facts[sha256] = facts;
    }
}

/// <summary>A person's decision on a finding: the state they set, why, and for an acceptance until when.</summary>
public sealed record FindingDecision(FindingState To, string Reason, DateTimeOffset? AcceptedUntil = null);

public sealed record FindingRefreshResult(int Advisories, int Created, int Updated, int Removed);
