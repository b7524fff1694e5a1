using Seam.Exposure.Graph;

namespace Seam.Exposure.Planning;

public static partial class CutSolver
{
    public static partial CutSolution MinimumCut(AttackGraph graph, IReadOnlyList<int> targetNodes, Func<int, long?> costOf, TimeSpan timeLimit) =>
        throw new NotImplementedException();

    public static partial CutSolution BestWithinBudget(AttackGraph graph, IReadOnlyList<(int Node, long Weight)> targets, Func<int, long?> costOf,
        long budget, TimeSpan timeLimit) => throw new NotImplementedException();
}
