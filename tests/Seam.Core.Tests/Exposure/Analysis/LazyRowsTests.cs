using Seam.Exposure.Analysis;

namespace Seam.Core.Tests.Exposure.Analysis;

public sealed class LazyRowsTests
{
    [Fact]
    public void A_row_is_made_once_when_first_read_and_kept()
    {
        var made = new List<int>();
        var rows = new LazyRows<string>(3, i =>
        {
            made.Add(i);
            return $"row {i}";
        });

        Assert.Empty(made);
        var first = rows[1];
        Assert.Same(first, rows[1]);
        Assert.Equal([1], made);
        Assert.Equal(["row 0", "row 1", "row 2"], rows.ToList());
        Assert.Equal([1, 0, 2], made);
    }

    [Fact]
    public void Reading_outside_the_list_is_refused()
    {
        var rows = new LazyRows<string>(2, i => i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Throws<ArgumentOutOfRangeException>(() => rows[2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => rows[-1]);
    }

    [Fact]
    public void Readers_on_many_threads_all_see_the_same_row()
    {
        var rows = new LazyRows<object>(1000, _ => new object());
        var seen = new object[8][];
        Parallel.For(0, 8, t => seen[t] = [.. rows]);
        for (var t = 1; t < 8; t++)
        {
            Assert.Equal(seen[0], seen[t]);
        }
    }
}

public sealed class ReportRowsTests
{
    [Fact]
    public void Finding_rows_explain_themselves_when_read_and_agree_with_the_scores()
    {
        var analysis = Seam.Exposure.ExposureEngine.Analyze(Seam.Exposure.Demo.DemoExposure.Input(Seam.Inventory.Demo.DemoPlant.Create(), new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero)));
        var report = analysis.Report;
        var reachable = report.Findings.Where(f => f.Verdict == Seam.Exposure.FindingVerdict.ReachableAndExploitable).ToList();
        Assert.NotEmpty(reachable);
        Assert.Equal(report.Overall.ReachableFindings, reachable.Count);
        Assert.All(reachable, f =>
        {
            Assert.NotNull(f.BestPath);
            Assert.Equal(f.PathLikelihood, f.BestPath!.Likelihood, 9);
            Assert.Equal(f.EntryPointCount, f.EntryPointIds.Count);
            Assert.StartsWith("Reachable and exploitable", f.Reason, StringComparison.Ordinal);
        });
        Assert.Equal(report.Assets.Count(a => a.Level != Seam.Exposure.ExposureLevel.None), report.Overall.ReachableAssets);
        Assert.All(report.EntryPoints, e =>
            Assert.Equal(report.CrownJewels.Count(j => j.EntryPointIds.Contains(e.EntryPointId)), e.CrownJewelsReached));
        Assert.Contains(report.EntryPoints, e => e.CrownJewelsReached > 0);
    }
}
