namespace Seam.Exposure.Planning;

public enum PlanGoal
{
    /// <summary>Cut every entry point off every crown jewel at the least operational cost.</summary>
    CutCrownJewels,

    /// <summary>Remove the most impact-weighted exposure that the budget buys.</summary>
    MostExposureWithinBudget,
}

/// <param name="Budget">Required for <see cref="PlanGoal.MostExposureWithinBudget"/>; whole currency units count (fractions are dropped).</param>
/// <param name="Now">Steps that need no window happen now; the others are placed in the next window that starts at or after it.</param>
public sealed record PlanRequest(PlanGoal Goal, decimal? Budget, DateTimeOffset Now, PlanCosts? Costs = null)
{
    /// <summary>How long CP-SAT may search before the plan settles for the best set found (then not proven optimal).</summary>
    public TimeSpan SolverTimeLimit { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// The cost model's defaults. Patch downtime comes from the asset kind; money from the asset's downtime cost per hour
/// (or <see cref="DefaultDowntimeCostPerHour"/>). All figures are in the site's currency.
/// </summary>
public sealed record PlanCosts
{
    public decimal DefaultDowntimeCostPerHour { get; init; } = 1_000m;

    /// <summary>Effort of a firewall change on a conduit (review, change, test); no downtime.</summary>
    public decimal BlockServiceCost { get; init; } = 300m;

    /// <summary>Hours of the target line's downtime to re-engineer when a blocked service carries observed traffic.</summary>
    public double BlockUsedServiceDowntimeHours { get; init; } = 8;

    /// <summary>Removing a vendor remote-access path: the vendor must come on site instead.</summary>
    public decimal RemoveRemoteAccessCost { get; init; } = 2_000m;

    public decimal RemoveAllowRuleCost { get; init; } = 300m;

    /// <summary>Hours an isolated asset is out of service (its function moves elsewhere or waits).</summary>
    public double IsolationDowntimeHours { get; init; } = 8;

    public decimal IsolationFixedCost { get; init; } = 500m;

    /// <summary>Added to a patch on an asset whose vendor must approve it first (testing and sign-off on the vendor's side).</summary>
    public decimal VendorApprovalCost { get; init; } = 1_500m;
}

/// <summary>One thing the plan may do, with what it costs the plant.</summary>
public sealed record CandidateAction
{
    public required CutElement Element { get; init; }

    /// <summary>"Patch CVE-2026-99001 on PLC-3 (update to V2.9.7)", "Block modbus:tcp/502 on conduit L2 → L1 safety".</summary>
    public required string Title { get; init; }

    public required decimal Cost { get; init; }

    public double DowntimeHours { get; init; }

    public bool NeedsMaintenanceWindow { get; init; }

    public bool NeedsVendorApproval { get; init; }

    public string? SiteId { get; init; }

    public string? ProcessLine { get; init; }

    /// <summary>How the cost was worked out.</summary>
    public required string CostWhy { get; init; }

    public required string ForIt { get; init; }

    public required string ForOt { get; init; }
}

public sealed record PlannedStep
{
    public required int Order { get; init; }

    public required CandidateAction Action { get; init; }

    /// <summary>When it can be done: now, or the start of the next maintenance window that covers it.</summary>
    public DateTimeOffset? When { get; init; }

    public string? WindowId { get; init; }

    public string? WindowName { get; init; }

    /// <summary>What this step cuts, e.g. "cuts krones-secomea → SIS-1 and enterprise-it → PLC-3".</summary>
    public required string Why { get; init; }
}

public sealed record RemediationPlan
{
    public required PlanGoal Goal { get; init; }

    public decimal? Budget { get; init; }

    public required IReadOnlyList<PlannedStep> Steps { get; init; }

    public decimal TotalCost => Steps.Sum(s => s.Action.Cost);

    /// <summary>True when every crown jewel is cut off once all steps are done.</summary>
    public required bool CutsEveryCrownJewel { get; init; }

    /// <summary>True when the solver proved the choice optimal for the goal.</summary>
    public required bool ProvenOptimal { get; init; }

    public required double ScoreBefore { get; init; }

    public required double ScoreAfter { get; init; }

    public int CandidateCount { get; init; }

    public required string Explanation { get; init; }
}
