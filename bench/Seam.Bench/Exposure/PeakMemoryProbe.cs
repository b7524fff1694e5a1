using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Seam.Bench.Harness;
using Seam.Bench.Memory;
using Seam.Exposure;

namespace Seam.Bench.Exposure;

/// <param name="InputResidentMiB">VmRSS after generating the company and a full garbage collection, before the analysis: the input's share.</param>
/// <param name="PeakResidentMiB">VmHWM of the whole process at the end of the analysis.</param>
/// <param name="PeakCoversAnalysisOnly">
/// True when the peak was reset (Linux <c>/proc/self/clear_refs</c>) just before the analysis, so it is the highest the
/// process reached while analysing, with the input held in memory. False when the reset failed: then the peak also
/// covers generating the input.
/// </param>
/// <param name="AllocatedMiB">Managed bytes allocated by the analysis (all threads).</param>
/// <param name="FirstRunMilliseconds">The analysis in a fresh process: cold, with the JIT's work included.</param>
public sealed record PeakMemory(
    int Assets,
    double InputResidentMiB,
    double PeakResidentMiB,
    bool PeakCoversAnalysisOnly,
    double AllocatedMiB,
    double FirstRunMilliseconds);

/// <summary>
/// Peak memory of one full recompute, measured in a child process of its own (the harness itself, started again in a
/// hidden mode) so that nothing the harness did before (other sizes, the searches, the peer's results) counts. The child
/// generates the company, collects garbage, resets the kernel's peak-RSS counter, runs <c>ExposureEngine.Analyze</c> once
/// and prints what /proc says.
/// </summary>
public static class PeakMemoryProbe
{
    public const string ChildMode = "exposure-memory-probe";

    public static async Task<PeakMemory> MeasureAsync(int assets, int seed, CancellationToken cancellationToken)
    {
        var self = Environment.ProcessPath ?? throw new BenchmarkFailure("Cannot tell how this harness was started, so cannot start it again.");
        List<string> arguments = [ChildMode, assets.ToString(CultureInfo.InvariantCulture), seed.ToString(CultureInfo.InvariantCulture)];
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            arguments.Insert(0, Assembly.GetEntryAssembly()!.Location);
        }

        var outcome = await ProcessRunner.RunAsync(self, arguments, TimeSpan.FromMinutes(10), cancellationToken: cancellationToken);
        if (outcome.ExitCode != 0)
        {
            throw new BenchmarkFailure($"The memory probe for {assets:N0} assets exited with {outcome.ExitCode}: {outcome.StandardError.Trim()}");
        }

        var line = outcome.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
        return JsonSerializer.Deserialize<PeakMemory>(line, JsonSerializerOptions.Web)
            ?? throw new BenchmarkFailure($"The memory probe printed no result: {outcome.StandardOutput.Trim()}");
    }

    /// <summary>The child's side: <c>exposure-memory-probe ASSETS SEED</c>. Prints one JSON line.</summary>
    public static int RunChild(IReadOnlyList<string> args)
    {
        if (args.Count != 3 || !int.TryParse(args[1], CultureInfo.InvariantCulture, out var assets) || !int.TryParse(args[2], CultureInfo.InvariantCulture, out var seed))
        {
            Console.Error.WriteLine($"Usage: {ChildMode} ASSETS SEED");
            return 2;
        }

        var input = SyntheticCompany.Create(assets, seed);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = ResidentMemory.Of(Environment.ProcessId);
        var reset = TryResetPeak();
        var afterReset = ResidentMemory.Of(Environment.ProcessId);
        reset = reset && afterReset.HwmMiB <= afterReset.RssMiB + 1;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var analysis = ExposureEngine.Analyze(input);
        var milliseconds = clock.Elapsed.TotalMilliseconds;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var after = ResidentMemory.Of(Environment.ProcessId);
        GC.KeepAlive(analysis);
        GC.KeepAlive(input);
        var result = new PeakMemory(assets, before.RssMiB, after.HwmMiB, reset, allocated / (1024.0 * 1024.0), milliseconds);
        Console.WriteLine(JsonSerializer.Serialize(result, JsonSerializerOptions.Web));
        return 0;
    }

    /// <summary>Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0 and later).</summary>
    private static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
