using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Seam.Bench.Harness;
using Seam.Protocols.Capture;
using Seam.Protocols.Dissection;

namespace Seam.Bench.Discovery;

/// <param name="SizeMegabytes">Size of the generated capture (ignored with <paramref name="File"/>).</param>
/// <param name="File">An existing capture to measure instead of generating one.</param>
/// <param name="WithTshark">Run the peer; off for the smoke run, which only proves the harness works.</param>
/// <param name="Keep">Where to write the generated capture and leave it, for later runs with <paramref name="File"/>.</param>
/// <param name="Dump">Where to write everything the last Seam run found (summary and discovery result) as JSON, to compare two builds' output.</param>
/// <param name="Runs">Seam's time is the fastest of this many runs (at least two, so the JIT's warm-up is not counted).</param>
public sealed record DiscoveryBenchOptions(
    int SizeMegabytes = 1024, string? File = null, bool WithTshark = true, bool Write = true, string? Keep = null, int Runs = 2, string? Dump = null);

/// <param name="SeamBuildSeconds">Of <paramref name="SeamSeconds"/>, the time spent turning the tallies into devices, flows and events.</param>
/// <param name="SeamGcPauseSeconds">Of <paramref name="SeamSeconds"/>, the time the garbage collector paused the run.</param>
/// <param name="SeamPeakWorkingSetMiB">VmHWM of this process, reset before each Seam run; the largest of the runs (null where it cannot be reset).</param>
/// <param name="TsharkPeakRssMiB">Maximum resident set of tshark, from /usr/bin/time.</param>
public sealed record DiscoveryBenchResult(
    MachineSnapshot Machine,
    long CaptureBytes,
    long Packets,
    double FloorSeconds,
    double SeamSeconds,
    double SeamBuildSeconds,
    double SeamGcPauseSeconds,
    double? SeamPeakWorkingSetMiB,
    double? TsharkSeconds,
    double? TsharkPeakRssMiB,
    IReadOnlyDictionary<string, long> FramesByProtocol,
    long Problems)
{
    public double SeamMegabytesPerSecond => CaptureBytes / 1e6 / SeamSeconds;

    public double SeamPacketsPerSecond => Packets / SeamSeconds;

    public double FloorMegabytesPerSecond => CaptureBytes / 1e6 / FloorSeconds;

    public double TimesTheFloor => SeamSeconds / FloorSeconds;

    public double? TimesFasterThanTshark => TsharkSeconds / SeamSeconds;
}

/// <summary>
/// `discovery`: passive ingest throughput. Generates a plant-sized capture from the corpus (or takes --file), then
/// times, on the same file: the floor (<see cref="CaptureFloor.Walk"/>: read every byte, step over record headers),
/// Seam (<see cref="PassiveDissection.Run"/> with every shipped dissector) and tshark computing IP conversations.
/// Targets: at least 20× tshark, within 10× of the floor, at most 300 MB peak.
/// </summary>
public static class DiscoveryBenchmark
{
    public const string Mode = "discovery";

    public const string Usage =
        "usage: discovery [--size-mb N] [--file CAPTURE | --keep PATH] [--runs N] [--no-tshark] [--dump JSON]   (default: generate 1024 MB from the corpus)";

    private const double TargetTimesTshark = 20;
    private const double TargetTimesFloor = 10;
    private const double TargetPeakMiB = 300;

    public static async Task<int> RunFromCommandLineAsync(string[] args, CancellationToken cancellationToken)
    {
        var options = new DiscoveryBenchOptions();
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--no-tshark":
                    // A flag: the next argument is an option of its own.
                    options = options with { WithTshark = false };
                    i--;
                    break;
                case "--keep" when value is not null:
                    options = options with { Keep = Path.GetFullPath(value) };
                    break;
                case "--dump" when value is not null:
                    options = options with { Dump = Path.GetFullPath(value) };
                    break;
                case "--runs" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var runs) && runs >= 2:
                    options = options with { Runs = runs };
                    break;
                case "--size-mb" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0:
                    options = options with { SizeMegabytes = size };
                    break;
                case "--file" when value is not null && System.IO.File.Exists(value):
                    options = options with { File = value };
                    break;
                default:
                    Console.Error.WriteLine($"discovery: {args[i]} {value} is not understood (a positive --size-mb, --file naming an existing capture, --keep, --runs of at least 2, --no-tshark).");
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }

        await RunAsync(options, cancellationToken);
        return 0;
    }

    public static async Task<DiscoveryBenchResult> RunAsync(DiscoveryBenchOptions options, CancellationToken cancellationToken)
    {
        var generated = options.File is null ? options.Keep ?? Path.Combine(Path.GetTempPath(), $"seam-discovery-{Environment.ProcessId}.pcap") : null;
        var path = options.File ?? generated!;
        try
        {
            if (generated is not null)
            {
                Console.WriteLine($"Generating a {options.SizeMegabytes:N0} MB capture from the corpus …");
                PlantCaptureGenerator.Write(generated, options.SizeMegabytes * 1_000_000L);
            }

            // The floor first: it also brings the file into the page cache, so no run pays the disk. Each of Seam's
            // measurements is the faster of two runs, so the first run's JIT compilation is not counted.
            CaptureFloorResult floor = default;
            var floorSeconds = Fastest(options.Runs, out _, () =>
            {
                using var file = OpenSequential(path);
                floor = CaptureFloor.Walk(file);
            });

            var peakReset = true;
            double? seamPeak = null;
            CaptureSummary? summary = null;
            var devices = 0;
            Seam.Discovery.DiscoveryResult? found = null;
            var buildSeconds = new List<double>();
            var gcPauseSeconds = new List<double>();
            var seamSeconds = Fastest(options.Runs, out var fastestRun, () =>
            {
                // The whole of Seam's ingest: dissection and the aggregation into devices, flows and events, as
                // `seam discover pcap` does it; tshark's conversation table is the same kind of summary.
                using var file = OpenSequential(path);
                var dissectors = DissectorCatalog.All();
                var aggregator = new Seam.Discovery.DiscoveryAggregator(dissectors);
                var pausedBefore = GC.GetTotalPauseDuration();
                summary = PassiveDissection.Run(file, dissectors, aggregator, path, cancellationToken: cancellationToken);
                var building = Stopwatch.StartNew();
                found = aggregator.Build();
                buildSeconds.Add(building.Elapsed.TotalSeconds);
                gcPauseSeconds.Add((GC.GetTotalPauseDuration() - pausedBefore).TotalSeconds);
                devices = found.Devices.Count;
                seamPeak = peakReset && ReadHwmMiB() is { } peak ? Math.Max(seamPeak ?? 0, peak) : null;
            },
            // Not timed: each run's own peak, with what is left of the run before collected first, as a fresh process would not hold it.
            before: () => peakReset &= TryResetPeak());

            double? tsharkSeconds = null;
            double? tsharkPeak = null;
            if (options.WithTshark)
            {
                (tsharkSeconds, tsharkPeak) = await RunTsharkAsync(path, cancellationToken);
            }

            var result = new DiscoveryBenchResult(
                MachineSnapshot.Take(Repository.Root), floor.Bytes, summary!.Frames, floorSeconds, seamSeconds,
                buildSeconds[fastestRun], gcPauseSeconds[fastestRun], seamPeak, tsharkSeconds, tsharkPeak,
                summary!.FramesByProtocol.ToDictionary(p => p.Key.ToString(), p => p.Value),
                summary.Problems.Count + summary.ProblemsNotListed);
            Show(result);
            Console.WriteLine($"Seam's ingest includes the aggregation: {devices} devices built.");
            if (options.Dump is not null)
            {
                var everything = new { Summary = summary, Found = found };
                System.IO.File.WriteAllText(options.Dump, JsonSerializer.Serialize(everything, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }) + "\n");
                Console.WriteLine($"Output: {options.Dump}");
            }
            if (options.Write)
            {
                Saved(result);
            }

            return result;
        }
        finally
        {
            if (generated is not null && options.Keep is null)
            {
                System.IO.File.Delete(generated);
            }
        }
    }

    private static double Fastest(int runs, out int fastestRun, Action run, Action? before = null)
    {
        var fastest = double.MaxValue;
        fastestRun = 0;
        for (var i = 0; i < runs; i++)
        {
            before?.Invoke();
            var clock = Stopwatch.StartNew();
            run();
            if (clock.Elapsed.TotalSeconds < fastest)
            {
                fastest = clock.Elapsed.TotalSeconds;
                fastestRun = i;
            }
        }

        return fastest;
    }

    private static FileStream OpenSequential(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);

    /// <summary>tshark under /usr/bin/time, which reports the child's maximum resident set in KiB on its last stderr line.</summary>
    private static async Task<(double Seconds, double? PeakMiB)> RunTsharkAsync(string path, CancellationToken cancellationToken)
    {
        Console.WriteLine("Running tshark -q -z conv,ip …");
        var useTime = System.IO.File.Exists("/usr/bin/time");
        string[] tshark = ["tshark", "-r", path, "-q", "-z", "conv,ip"];
        var outcome = useTime
            ? await ProcessRunner.RunAsync("/usr/bin/time", ["-f", "%M", .. tshark], TimeSpan.FromHours(2), cancellationToken: cancellationToken)
            : await ProcessRunner.RunAsync(tshark[0], tshark[1..], TimeSpan.FromHours(2), cancellationToken: cancellationToken);
        if (outcome.ExitCode != 0)
        {
            throw new BenchmarkFailure($"tshark failed ({outcome.ExitCode}): {outcome.StandardError.Trim()}");
        }

        double? peak = null;
        var lastLine = outcome.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (useTime && double.TryParse(lastLine, NumberStyles.None, CultureInfo.InvariantCulture, out var kib))
        {
            peak = kib / 1024;
        }

        return (outcome.Elapsed.TotalSeconds, peak);
    }

    private static void Show(DiscoveryBenchResult r)
    {
        static string F(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);
        static string Verdict(bool met) => met ? "met" : "NOT met";

        Console.WriteLine($"Passive discovery over {F(r.CaptureBytes / 1e6, "N1")} MB, {F(r.Packets)} packets; {r.Machine}");
        Console.WriteLine($"  floor (record walk):  {F(r.FloorSeconds, "N2")} s  {F(r.FloorMegabytesPerSecond)} MB/s");
        Console.WriteLine($"  Seam ingest:          {F(r.SeamSeconds, "N2")} s  {F(r.SeamMegabytesPerSecond)} MB/s  {F(r.SeamPacketsPerSecond)} packets/s  " +
            $"peak working set {(r.SeamPeakWorkingSetMiB is { } p ? F(p) + " MiB" : "n/a")}");
        Console.WriteLine($"    of which build:     {F(r.SeamBuildSeconds, "N2")} s; paused by the GC: {F(r.SeamGcPauseSeconds, "N2")} s");
        Console.WriteLine($"  Seam vs floor:        {F(r.TimesTheFloor, "N1")}× the floor's time (target ≤ {F(TargetTimesFloor)}×: {Verdict(r.TimesTheFloor <= TargetTimesFloor)})");
        if (r.TsharkSeconds is { } tshark)
        {
            Console.WriteLine($"  tshark -z conv,ip:    {F(tshark, "N2")} s  {F(r.CaptureBytes / 1e6 / tshark)} MB/s  peak RSS {(r.TsharkPeakRssMiB is { } t ? F(t) + " MiB" : "n/a")}");
            Console.WriteLine($"  Seam vs tshark:       {F(r.TimesFasterThanTshark!.Value, "N1")}× faster (target ≥ {F(TargetTimesTshark)}×: {Verdict(r.TimesFasterThanTshark >= TargetTimesTshark)})");
        }

        if (r.SeamPeakWorkingSetMiB is { } peak)
        {
            Console.WriteLine($"  Seam peak memory:     target ≤ {F(TargetPeakMiB)} MB: {Verdict(peak * 1.048576 <= TargetPeakMiB)}");
        }

        Console.WriteLine($"  frames by protocol:   {(r.FramesByProtocol.Count == 0 ? "none (no dissectors registered yet)" : string.Join(", ", r.FramesByProtocol.Select(p => $"{p.Key} {F(p.Value)}")))}; problems {F(r.Problems)}");
    }

    private static void Saved(DiscoveryBenchResult result)
    {
        var folder = Path.Combine(Repository.Root, "bench", "results");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"discovery-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json"));
        System.IO.File.WriteAllText(path, JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }) + "\n");
        Console.WriteLine($"Results: {Path.GetRelativePath(Environment.CurrentDirectory, path)}");
    }

    /// <summary>Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0 and later).</summary>
    private static bool TryResetPeak()
    {
        try
        {
            GC.Collect();
            System.IO.File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static double? ReadHwmMiB()
    {
        var line = System.IO.File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kib = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return kib is not null ? double.Parse(kib, CultureInfo.InvariantCulture) / 1024 : null;
    }

}
