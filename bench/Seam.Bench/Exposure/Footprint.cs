using System.Globalization;

namespace Seam.Bench.Exposure;

/// <summary>
/// What one part of the engine costs besides time, per run (median over the measured runs): bytes the managed heap
/// handed out on every thread, minor page faults (the kernel handing the process fresh pages: what a heap growing
/// into new memory pays), and kernel CPU time. On a busy machine these move far less than wall-clock times.
/// </summary>
/// <param name="Name">Which part: "full recompute", "graph build", …</param>
/// <param name="AllocatedMiB">Managed bytes allocated per run, all threads (<c>GC.GetTotalAllocatedBytes(precise: true)</c>).</param>
/// <param name="MinorFaults">Minor page faults per run (<c>/proc/self/stat</c>); null off Linux.</param>
/// <param name="SystemMilliseconds">Kernel CPU time per run (<c>/proc/self/stat</c> stime); null off Linux.</param>
/// <param name="Gen2Collections">Gen-2 collections over the warm-up and measured runs together.</param>
/// <param name="EveryRunMilliseconds">Every run's time in order, warm-up runs first: the first runs of a process show the cost of a fresh heap.</param>
public sealed record Footprint(string Name, double AllocatedMiB, double? MinorFaults, double? SystemMilliseconds, int Gen2Collections,
    IReadOnlyList<double> EveryRunMilliseconds)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: {AllocatedMiB:0.0} MiB allocated, {(MinorFaults is { } f ? f.ToString("N0", CultureInfo.InvariantCulture) : "?")} minor faults, " +
        $"{(SystemMilliseconds is { } s ? s.ToString("0", CultureInfo.InvariantCulture) : "?")} ms system time per run; {Gen2Collections} gen-2 GC(s); " +
        $"runs {string.Join(" ", EveryRunMilliseconds.Select(m => m.ToString("0", CultureInfo.InvariantCulture)))} ms");
}

/// <summary>Reads the process's counters before and after a run (see <see cref="Footprint"/>).</summary>
public readonly record struct FootprintSample(long AllocatedBytes, long? MinorFaults, long? SystemTicks, int Gen2)
{
    // The kernel reports CPU times in clock ticks; USER_HZ is 100 on every Linux this runs on.
    private const double MillisecondsPerTick = 10;

    public static FootprintSample Now()
    {
        var (faults, system) = ReadStat();
        return new FootprintSample(GC.GetTotalAllocatedBytes(precise: true), faults, system, GC.CollectionCount(2));
    }

    public static Footprint Summarise(string name, IReadOnlyList<(FootprintSample Before, FootprintSample After)> measured, int gen2,
        IReadOnlyList<double> everyRun)
    {
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        var allocated = Median(measured.Select(m => (m.After.AllocatedBytes - m.Before.AllocatedBytes) / 1048576.0));
        double? faults = measured.All(m => m.Before.MinorFaults is not null && m.After.MinorFaults is not null)
            ? Median(measured.Select(m => (double)(m.After.MinorFaults!.Value - m.Before.MinorFaults!.Value)))
            : null;
        double? system = measured.All(m => m.Before.SystemTicks is not null && m.After.SystemTicks is not null)
            ? Median(measured.Select(m => (m.After.SystemTicks!.Value - m.Before.SystemTicks!.Value) * MillisecondsPerTick))
            : null;
        return new Footprint(name, allocated, faults, system, gen2, everyRun);
    }

    /// <summary>Minor faults (field 10) and system time (field 15) from /proc/self/stat; nulls off Linux.</summary>
    private static (long? MinorFaults, long? SystemTicks) ReadStat()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[7], CultureInfo.InvariantCulture), long.Parse(fields[12], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return (null, null);
        }
    }
}
