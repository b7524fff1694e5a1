using Seam.Exposure;
using Seam.Exposure.Model;
using Seam.Exposure.Planning;
using Seam.Exposure.WhatIf;

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
}

/// <summary>
/// Loads the exposure engine's input from the database, keeps the latest analysis, stores a score snapshot on every
/// recompute, and answers what-ifs and plans without writing anything else.
/// </summary>
public sealed class ExposureService(SeamDbContextFactory contexts, TimeProvider time)
{
    public Task<ExposureInput> LoadInputAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>The latest analysis; recomputes (and stores a snapshot) when the data changed since it was made.</summary>
    public Task<ExposureAnalysis> CurrentAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Recomputes now and stores one snapshot per scope.</summary>
    public Task<ExposureAnalysis> RecomputeAsync(string trigger, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task<WhatIfResult> WhatIfAsync(Scenario scenario, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task<RemediationPlan> PlanAsync(PlanGoal goal, decimal? budget, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Snapshots of one scope, oldest first.</summary>
    public Task<IReadOnlyList<ExposureSnapshot>> HistoryAsync(ScoreScope scope, string? scopeId, DateTimeOffset? since,
        CancellationToken cancellationToken = default) => throw new NotImplementedException();

    internal SeamDbContextFactory Contexts => contexts;

    internal TimeProvider Time => time;
}
