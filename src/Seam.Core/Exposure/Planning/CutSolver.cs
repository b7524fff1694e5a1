using Seam.Exposure.Graph;

namespace Seam.Exposure.Planning;

/// <summary>A set of elements chosen by <see cref="CutSolver"/>.</summary>
/// <param name="Feasible">False when no allowed set of elements cuts every target.</param>
/// <param name="Optimal">True when the solver proved no cheaper (or, within a budget, no better) set exists.</param>
/// <param name="Elements">Indexes into <see cref="AttackGraph.Elements"/>.</param>
/// <param name="Cost">Sum of the chosen elements' costs.</param>
/// <param name="RemainingWeight">For the budget goal: weight of targets still reachable after the cut.</param>
public sealed record CutSolution(bool Feasible, bool Optimal, IReadOnlyList<int> Elements, long Cost, long RemainingWeight, string SolverStatus);

/// <summary>
/// Exact cuts of the attack graph with Google OR-Tools CP-SAT: a node is reachable when a predecessor is and its element
/// is not removed; minimise the cost of removed elements so that no target stays reachable (or, within a budget, the
/// weight of targets that stay reachable). Only the part of the graph between the sources and the targets is modelled.
/// </summary>
public static partial class CutSolver
{
    /// <summary>The cheapest set of elements that leaves every target node unreachable from every source.</summary>
    /// <param name="costOf">Cost of removing an element, or null when the element may not be removed.</param>
    public static partial CutSolution MinimumCut(AttackGraph graph, IReadOnlyList<int> targetNodes, Func<int, long?> costOf, TimeSpan timeLimit);

    /// <summary>
    /// The same, starting the search from <paramref name="hint"/> (a known cut) and told that no cut costs less than
    /// <paramref name="lowerBound"/>, which lets the solver stop as soon as it finds one that does.
    /// </summary>
    internal static partial CutSolution MinimumCut(AttackGraph graph, IReadOnlyList<int> targetNodes, Func<int, long?> costOf, TimeSpan timeLimit,
        IReadOnlyCollection<int> hint, long lowerBound);

    /// <summary>Within <paramref name="budget"/>, the set of elements that leaves the least target weight reachable.</summary>
    public static partial CutSolution BestWithinBudget(AttackGraph graph, IReadOnlyList<(int Node, long Weight)> targets, Func<int, long?> costOf,
        long budget, TimeSpan timeLimit);
}
