using Seam.Exposure.Graph;
using Seam.Exposure.Model;
using Seam.Exposure.Planning;
using Seam.Exposure.WhatIf;
using Seam.Inventory;

namespace Seam.Exposure;

/// <summary>A computed exposure: the graph, and the report read from it. What-ifs and plans start from one.</summary>
public sealed record ExposureAnalysis(ExposureInput Input, ExposureGraph Graph, ExposureReport Report);

/// <summary>The exposure engine's front door. Pure: input in, results out; nothing is stored here.</summary>
public static class ExposureEngine
{
    public static ExposureAnalysis Analyze(ExposureInput input) => throw new NotImplementedException("engine lands next");

    /// <summary>Applies a scenario to a copy of the input and compares. Never changes <paramref name="baseline"/>.</summary>
    public static WhatIfResult WhatIf(ExposureAnalysis baseline, Scenario scenario) => throw new NotImplementedException("engine lands next");

    public static RemediationPlan Plan(ExposureAnalysis baseline, PlanRequest request, IReadOnlyList<MaintenanceWindow> windows) =>
        RemediationPlanner.Plan(baseline, request, windows);
}
