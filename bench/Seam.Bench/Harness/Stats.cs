namespace Seam.Bench.Harness;

/// <summary>Summary of a set of measurements in milliseconds. Percentiles are nearest-rank: p95 of 200 samples is the 190th smallest.</summary>
public sealed record Stats(int Count, double Min, double Median, double Mean, double P95, double P99, double Max)
{
    public static Stats Of(IReadOnlyCollection<double> milliseconds)
    {
        if (milliseconds.Count == 0)
        {
            throw new ArgumentException("No measurements to summarise.", nameof(milliseconds));
        }

        var sorted = milliseconds.Order().ToArray();
        var n = sorted.Length;
        var median = n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
        return new Stats(n, sorted[0], median, sorted.Average(), Rank(sorted, 0.95), Rank(sorted, 0.99), sorted[^1]);
    }

    private static double Rank(double[] sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
