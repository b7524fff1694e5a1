using Microsoft.EntityFrameworkCore;
using Seam.Audit;
using Seam.Exposure;
using Seam.Exposure.Model;
using Seam.Exposure.Planning;
using Seam.Exposure.WhatIf;
using Seam.Inventory;

namespace Seam.Storage.Exposure;

/// <summary>One stored exposure score: a point of the trend chart.</summary>
public sealed class ExposureSnapshot
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public ScoreScope Scope { get; set; }

    /// <summary>Site or zone id; null for the overall score.</summary>
    public string? ScopeId { get; set; }

    public required string Name { get; set; }

    public double Score { get; set; }

    public int Assets { get; set; }

    public int ReachableAssets { get; set; }

    public int ManipulableAssets { get; set; }

    public int ReachableFindings { get; set; }

    public int CrownJewelsReachable { get; set; }

    /// <summary>Who or what triggered the recompute ("demo", "import", a user name).</summary>
    public required string Trigger { get; set; }

    /// <summary>The data version (see <see cref="ExposureService.DataVersionAsync"/>) the score was computed from.</summary>
    public long DataVersion { get; set; }
}

/// <summary>
/// Loads the exposure engine's input from the database, keeps the latest analysis, stores a score snapshot on every
/// recompute, and answers what-ifs and plans without writing anything else. Register one per process (singleton):
/// the cached analysis is shared by every caller and is thread-safe.
/// </summary>
public sealed class ExposureService(SeamDbContextFactory contexts, TimeProvider time)
{
    /// <summary>The audit entity type of a recompute; its entries are not data the engine reads.</summary>
    public const string AuditType = "exposure";

    /// <summary>
    /// Audited writes that change nothing the engine reads: accounts, sessions, its own snapshots (otherwise every
    /// recompute would invalidate its own result), the audit chain's start, notifications read, governance records (a
    /// request, a policy, a delegation) and discovery reviews being opened and decided. The writes among them that do
    /// change the plant are audited under their own types — an access grant, a finding's acceptance, a discovery's
    /// merge (an inventory import) — and still invalidate the cached analysis.
    /// </summary>
    private static readonly string[] NotInput =
        ["session", "user", "api-token", AuditType, "audit", "notification", "request", "policy", "delegation", "discovery"];

    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile Cached? cached;

    private ExposureRecords? records;

    /// <summary>Allow rules, observed flows and maintenance windows: validated, audited writes.</summary>
    public ExposureRecords Records => records ??= new ExposureRecords(contexts, time);

    /// <summary>
    /// Every write in Seam adds an audit entry in the same transaction (inventory edits and imports, advisory and feed
    /// imports, finding decisions and re-matches, allow rules, flows, windows). So the id of the newest entry that
    /// records input data changes exactly when the input may have changed, and never goes back.
    /// </summary>
    public async Task<long> DataVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        return await DataVersionAsync(db, cancellationToken);
    }

    private static async Task<long> DataVersionAsync(SeamDbContext db, CancellationToken cancellationToken) =>
        await db.AuditEntries.AsNoTracking()
            .Where(e => !NotInput.Contains(e.EntityType))
            .OrderByDescending(e => e.Id)
            .Select(e => e.Id)
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<ExposureInput> LoadInputAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var snapshot = await InventoryStore.BeginSnapshotAsync(db, cancellationToken);
        return await ExposureInputReader.ReadAsync(db, time.GetUtcNow(), cancellationToken);
    }

    /// <summary>The latest analysis; recomputes (and stores a snapshot) when the data changed since it was made.</summary>
    public async Task<ExposureAnalysis> CurrentAsync(CancellationToken cancellationToken = default)
    {
        if (Fresh(cached, await DataVersionAsync(cancellationToken)) is { } hit)
        {
            return hit;
        }

        // One computation at a time: callers that queued behind it find its result in the cache.
        await gate.WaitAsync(cancellationToken);
        try
        {
            var version = await DataVersionAsync(cancellationToken);
            if (Fresh(cached, version) is { } computed)
            {
                return computed;
            }

            return await ComputeAsync(version, "data changed", always: false, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Recomputes now and stores one snapshot per scope.</summary>
    public async Task<ExposureAnalysis> RecomputeAsync(string trigger, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(trigger);
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await ComputeAsync(await DataVersionAsync(cancellationToken), trigger, always: true, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<WhatIfResult> WhatIfAsync(Scenario scenario, CancellationToken cancellationToken = default) =>
        ExposureEngine.WhatIf(await CurrentAsync(cancellationToken), scenario);

    public async Task<RemediationPlan> PlanAsync(PlanGoal goal, decimal? budget, CancellationToken cancellationToken = default)
    {
        var analysis = await CurrentAsync(cancellationToken);
        var windows = await Records.MaintenanceWindows.ListAsync(cancellationToken: cancellationToken);
        return ExposureEngine.Plan(analysis, new PlanRequest(goal, budget, time.GetUtcNow()), windows);
    }

    /// <summary>Snapshots of one scope, oldest first.</summary>
    public async Task<IReadOnlyList<ExposureSnapshot>> HistoryAsync(ScoreScope scope, string? scopeId, DateTimeOffset? since,
        CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var query = db.ExposureSnapshots.AsNoTracking().Where(s => s.Scope == scope);
        query = scope == ScoreScope.Overall ? query.Where(s => s.ScopeId == null) : query.Where(s => s.ScopeId == scopeId);
        if (since is { } from)
        {
            query = query.Where(s => s.At >= from);
        }

        return await query.OrderBy(s => s.At).ThenBy(s => s.Id).ToListAsync(cancellationToken);
    }

    internal SeamDbContextFactory Contexts => contexts;

    internal TimeProvider Time => time;

    private ExposureAnalysis? Fresh(Cached? entry, long version) =>
        entry is not null && entry.Version == version && time.GetUtcNow() < entry.ValidUntil ? entry.Analysis : null;

    /// <param name="always">
    /// False for the automatic recompute: it stores snapshots only when the data or the score moved since the last
    /// stored point, so restarts and short-lived CLI runs do not draw flat duplicates into the trend.
    /// </param>
    private async Task<ExposureAnalysis> ComputeAsync(long version, string trigger, bool always, CancellationToken cancellationToken)
    {
        var input = await LoadInputAsync(cancellationToken);
        var analysis = ExposureEngine.Analyze(input);
        await using var db = contexts.Create();
        if (always || await MovedAsync(db, version, analysis.Report.Overall.Score, cancellationToken))
        {
            await StoreAsync(db, analysis, version, trigger, cancellationToken);
        }

        cached = new Cached(version, NextGrantBoundary(input), analysis);

        // The first what-if on a new analysis would pay for the incremental what-if's structures; build them now, off
        // the caller's path, so that a what-if asked right after a recompute answers in milliseconds too.
        _ = Task.Run(() => ExposureEngine.PrepareWhatIf(analysis), CancellationToken.None);
        return analysis;
    }

    private static async Task<bool> MovedAsync(SeamDbContext db, long version, double score, CancellationToken cancellationToken)
    {
        var last = await db.ExposureSnapshots.AsNoTracking()
            .Where(s => s.Scope == ScoreScope.Overall)
            .OrderByDescending(s => s.Id)
            .Select(s => new { s.DataVersion, s.Score })
            .FirstOrDefaultAsync(cancellationToken);
        return last is null || last.DataVersion != version || Math.Abs(last.Score - score) > 1e-9;
    }

    private async Task StoreAsync(SeamDbContext db, ExposureAnalysis analysis, long version, string trigger, CancellationToken cancellationToken)
    {
        var report = analysis.Report;
        var now = time.GetUtcNow();
        var assets = analysis.Input.Inventory.Assets.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var reachableJewels = report.CrownJewels.Where(j => j.Reachable).ToList();
        int JewelsIn(ExposureScore score) => score.Scope switch
        {
            ScoreScope.Overall => reachableJewels.Count,
            ScoreScope.Site => reachableJewels.Count(j => j.SiteId == score.ScopeId),
            _ => reachableJewels.Count(j => j.ZoneId == score.ScopeId),
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ExposureSnapshots.AddRange(report.Scores.Select(s => new ExposureSnapshot
        {
            At = now,
            Scope = s.Scope,
            ScopeId = s.ScopeId,
            Name = s.Name,
            Score = s.Score,
            Assets = s.Assets,
            ReachableAssets = s.ReachableAssets,
            ManipulableAssets = s.ManipulableAssets,
            ReachableFindings = s.ReachableFindings,
            CrownJewelsReachable = JewelsIn(s),
            Trigger = trigger,
            DataVersion = version,
        }));
        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            Actor = trigger,
            Action = "recompute",
            EntityType = AuditType,
            Summary = $"Exposure recomputed ({trigger}): overall {report.Overall.Score:0.0}, {reachableJewels.Count} of {report.CrownJewels.Count} crown jewel(s) reachable, "
                + $"{report.Scores.Count} score(s) stored over {assets.Count} asset(s).",
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Access grants start and end on the clock, not on a write: the analysis holds until the next such moment.</summary>
    private static DateTimeOffset NextGrantBoundary(ExposureInput input) =>
        input.AccessGrants.SelectMany(g => new[] { g.From, g.To }).Where(t => t > input.At).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();

    private sealed record Cached(long Version, DateTimeOffset ValidUntil, ExposureAnalysis Analysis);
}
