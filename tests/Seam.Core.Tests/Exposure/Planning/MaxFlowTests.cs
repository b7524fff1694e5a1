using Seam.Exposure.Planning;

namespace Seam.Core.Tests.Exposure.Planning;

public sealed class MaxFlowTests
{
    private const int S = 0;
    private const int T = 1;

    [Fact]
    public void A_chain_carries_what_its_narrowest_arc_lets_through()
    {
        var flow = new MaxFlow(4);
        flow.AddArc(S, 2, 5);
        flow.AddArc(2, 3, 2);
        flow.AddArc(3, T, 7);

        Assert.Equal(2, flow.Run(S, T));
        Assert.Equal([true, false, true, false], flow.SourceSide(S));
    }

    [Fact]
    public void A_first_path_that_blocks_the_others_is_undone_through_the_reverse_arc()
    {
        // The search tries a → b before a → T, so its first path S → a → b → T takes the arc b needs; only pushing
        // back along b → a reaches the second unit.
        var (a, b) = (2, 3);
        var flow = new MaxFlow(4);
        flow.AddArc(S, a, 1);
        flow.AddArc(S, b, 1);
        var across = flow.AddArc(a, b, 1);
        flow.AddArc(a, T, 1);
        flow.AddArc(b, T, 1);

        Assert.Equal(2, flow.Run(S, T));
        Assert.Equal(0, flow.FlowOn(across));
    }

    [Fact]
    public void A_path_of_unbounded_arcs_makes_the_flow_unbounded()
    {
        var flow = new MaxFlow(3);
        flow.AddArc(S, 2, 1);
        flow.AddArc(S, 2, MaxFlow.Unbounded);
        flow.AddArc(2, T, MaxFlow.Unbounded);

        Assert.Equal(long.MaxValue, flow.Run(S, T));
    }

    [Fact]
    public void A_sink_nothing_leads_to_gets_no_flow()
    {
        var flow = new MaxFlow(3);
        flow.AddArc(S, 2, 4);

        Assert.Equal(0, flow.Run(S, T));
        Assert.Empty(flow.Paths(S, T));
    }

    [Fact]
    public void A_changed_capacity_counts_from_the_next_run()
    {
        var flow = new MaxFlow(4);
        var first = flow.AddArc(S, 2, 1);
        flow.AddArc(S, 3, 1);
        flow.AddArc(2, T, 1);
        flow.AddArc(3, T, 1);
        Assert.Equal(2, flow.Run(S, T));

        flow.SetCapacity(first, 0);

        Assert.Equal(1, flow.Run(S, T));
        Assert.Equal([S, 3, T], Assert.Single(flow.Paths(S, T)));
    }

    [Fact]
    public void The_paths_carry_the_flow_one_unit_each_and_skip_circles()
    {
        // 2 ⇄ 3 can carry flow round in a circle through the unbounded arcs; the paths leave it out.
        var flow = new MaxFlow(5);
        flow.AddArc(S, 2, 2);
        flow.AddArc(2, 3, MaxFlow.Unbounded);
        flow.AddArc(3, 2, MaxFlow.Unbounded);
        flow.AddArc(3, 4, MaxFlow.Unbounded);
        flow.AddArc(4, T, 2);

        Assert.Equal(2, flow.Run(S, T));
        var paths = flow.Paths(S, T);

        Assert.Equal(2, paths.Count);
        Assert.All(paths, p => Assert.Equal([S, 2, 3, 4, T], p));
    }

    [Fact]
    public void The_flow_equals_the_smallest_cut_on_random_small_networks()
    {
        var random = new Random(20261123);
        for (var round = 0; round < 200; round++)
        {
            var n = random.Next(3, 10);
            var arcs = new List<(int From, int To, int Capacity)>();
            for (var i = random.Next(n, 4 * n); i > 0; i--)
            {
                var (from, to) = (random.Next(n), random.Next(n));
                if (from != to)
                {
                    arcs.Add((from, to, random.Next(4) == 0 ? MaxFlow.Unbounded : random.Next(0, 4)));
                }
            }

            var flow = new MaxFlow(n);
            foreach (var (from, to, capacity) in arcs)
            {
                flow.AddArc(from, to, capacity);
            }

            var value = flow.Run(S, T);
            var smallest = SmallestCut(n, arcs);

            Assert.Equal(smallest >= MaxFlow.Unbounded ? long.MaxValue : smallest, value);
            if (value == long.MaxValue)
            {
                continue;
            }

            var side = flow.SourceSide(S);
            Assert.False(side[T]);
            Assert.Equal(value, arcs.Where(a => side[a.From] && !side[a.To]).Sum(a => (long)a.Capacity));
            var paths = flow.Paths(S, T);
            Assert.Equal(value, paths.Count);
            Assert.All(paths, p => Assert.True(p[0] == S && p[^1] == T && p.Zip(p.Skip(1)).All(step => arcs.Any(a => (a.From, a.To) == step)),
                $"round {round}: {string.Join(" → ", p)} is not a path of the network"));
        }
    }

    /// <summary>The reference: every set of nodes holding the source and not the sink, priced by the arcs leaving it.</summary>
    private static long SmallestCut(int n, List<(int From, int To, int Capacity)> arcs)
    {
        var best = long.MaxValue;
        for (var mask = 0; mask < 1 << n; mask++)
        {
            if ((mask & (1 << S)) == 0 || (mask & (1 << T)) != 0)
            {
                continue;
            }

            var cut = arcs.Where(a => (mask & (1 << a.From)) != 0 && (mask & (1 << a.To)) == 0).Sum(a => (long)a.Capacity);
            best = Math.Min(best, cut);
        }

        return best;
    }
}
