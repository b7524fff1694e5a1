using Seam.Inventory;

namespace Seam.Exposure.Planning;

/// <summary>Turns the attack graph's elements into costed candidate actions and picks the best set with <see cref="CutSolver"/>.</summary>
public static class RemediationPlanner
{
    public static RemediationPlan Plan(ExposureAnalysis baseline, PlanRequest request, IReadOnlyList<MaintenanceWindow> windows) =>
        throw new NotImplementedException("planner lands next");

    // Placeholder until the cut solver lands; the planner branch replaces this file.
    public static ChokePoints ChokePoints(Graph.ExposureGraph graph, IReadOnlyList<int> jewelTargets) => new()
    {
        Cuttable = false,
        ProvenMinimal = false,
        Elements = [],
        Explanation = "Choke points are not computed yet.",
    };
}
