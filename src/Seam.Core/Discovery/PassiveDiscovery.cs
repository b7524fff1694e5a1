using System.Diagnostics;
using Seam.Protocols.Capture;
using Seam.Protocols.Dissection;

namespace Seam.Discovery;

/// <summary>How far a discovery run is, for a progress bar: packets and bytes so far over every file.</summary>
public readonly record struct DiscoveryProgress(string File, long Frames, long Bytes, long TotalBytes, TimeSpan Elapsed)
{
    public double PacketsPerSecond => Elapsed.TotalSeconds > 0 ? Frames / Elapsed.TotalSeconds : 0;

    public double MegabytesPerSecond => Elapsed.TotalSeconds > 0 ? Bytes / 1e6 / Elapsed.TotalSeconds : 0;
}

/// <summary>What reading one file gave, and what had to be skipped in it and why.</summary>
public sealed record CaptureFileReport(string File, long Frames, long Bytes, IReadOnlyList<CaptureProblem> Problems);

public sealed record DiscoveryRun(DiscoveryResult Result, IReadOnlyList<CaptureFileReport> Files, TimeSpan Elapsed);

/// <summary>
/// Reads capture files one after another through every dissector into one <see cref="DiscoveryAggregator"/>: the
/// devices and flows of a plant seen from several mirror ports at once.
/// </summary>
public static class PassiveDiscovery
{
    /// <exception cref="CaptureFormatException">A file is not a capture, or broke where nothing could be skipped.</exception>
    public static DiscoveryRun Analyse(
        IReadOnlyList<string> files,
        OuiTable? oui = null,
        IProgress<DiscoveryProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var dissectors = DissectorCatalog.All();
        var aggregator = new DiscoveryAggregator(dissectors);
        var total = files.Sum(f => new FileInfo(f).Length);
        var clock = Stopwatch.StartNew();
        var reports = new List<CaptureFileReport>();
        long framesBefore = 0, bytesBefore = 0;
        foreach (var file in files)
        {
            aggregator.BeginCapture();
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            var fileProgress = progress is null ? null : new SynchronousProgress<CaptureProgress>(p =>
                progress.Report(new DiscoveryProgress(file, framesBefore + p.Frames, bytesBefore + p.Bytes, total, clock.Elapsed)));
            var summary = PassiveDissection.Run(stream, dissectors, aggregator, file, fileProgress, cancellationToken);
            reports.Add(new CaptureFileReport(file, summary.Frames, summary.Bytes, summary.Problems));
            framesBefore += summary.Frames;
            bytesBefore += summary.Bytes;
            progress?.Report(new DiscoveryProgress(file, framesBefore, bytesBefore, total, clock.Elapsed));
        }

        return new DiscoveryRun(aggregator.Build(oui), reports, clock.Elapsed);
    }

    /// <summary>Reports on the caller's thread, unlike <see cref="Progress{T}"/>, so the last report is never lost.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
