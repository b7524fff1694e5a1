using Seam.Protocols.Dissection;

namespace Seam.Protocols.Capture;

/// <summary>
/// Reads a pcap, pcapng or gzip-compressed capture from start to end and feeds every frame to the dissectors,
/// in constant memory whatever the file's size.
/// </summary>
public static class PassiveDissection
{
    private const int ProgressEveryFrames = 65_536;
    private const int CancellationCheckEveryFrames = 1024;

    /// <summary>
    /// Dissects the whole capture, reporting observations to <paramref name="sink"/> on the calling thread in
    /// frame order. Damaged records are skipped and listed in <see cref="CaptureSummary.Problems"/>.
    /// </summary>
    /// <param name="capture">Read from its current position; not closed.</param>
    /// <param name="sourceName">Names the capture in problems and errors; defaults to a file stream's path.</param>
    /// <exception cref="CaptureFormatException">The stream is not a capture Seam can read.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static CaptureSummary Run(
        Stream capture,
        IReadOnlyList<IDissector> dissectors,
        IDissectionSink sink,
        string? sourceName = null,
        IProgress<CaptureProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        Run(capture, dissectors, sink, CaptureLimits.Default, sourceName, progress, cancellationToken, out _);

    internal static CaptureSummary Run(
        Stream capture,
        IReadOnlyList<IDissector> dissectors,
        IDissectionSink sink,
        CaptureLimits limits,
        string? sourceName,
        IProgress<CaptureProgress>? progress,
        CancellationToken cancellationToken,
        out DissectionPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(capture);
        ArgumentNullException.ThrowIfNull(dissectors);
        ArgumentNullException.ThrowIfNull(sink);

        var source = sourceName ?? (capture as FileStream)?.Name ?? "capture";
        long? totalBytes = capture.CanSeek ? capture.Length - capture.Position : null;
        var problems = new ProblemLog(limits.MaxListedProblems);
        using var input = CaptureInput.Open(capture, source, readAhead: true);
        if (input.IsCompressed)
        {
            totalBytes = null;
        }

        var reader = CaptureRecordReader.Open(input, problems);
        pipeline = new DissectionPipeline(dissectors, sink, problems, limits);
        var linkTypes = new List<uint>();
        var lastLinkType = uint.MaxValue;
        long? first = null;
        long last = 0;
        try
        {
            while (reader.MoveNext())
            {
                var number = reader.Records;
                if (reader.LinkType != lastLinkType)
                {
                    lastLinkType = reader.LinkType;
                    if (!linkTypes.Contains(lastLinkType))
                    {
                        linkTypes.Add(lastLinkType);
                    }
                }

                first ??= reader.TimestampNanos;
                last = reader.TimestampNanos;
                pipeline.Process(number, reader.TimestampNanos, reader.LinkType, reader.Data, reader.OriginalLength, reader.RecordOffset);
                if (number % CancellationCheckEveryFrames == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (progress is not null && number % ProgressEveryFrames == 0)
                    {
                        progress.Report(new CaptureProgress(number, input.Position, totalBytes));
                    }
                }
            }
        }
        finally
        {
            pipeline.Finish();
        }

        if (input.ReadFailure is { } failure)
        {
            problems.Add(input.Position, null, failure);
        }

        progress?.Report(new CaptureProgress(reader.Records, input.Position, totalBytes));
        return new CaptureSummary(
            source,
            reader.Records,
            input.Position,
            pipeline.FramesByProtocol(),
            first,
            first is null ? null : last,
            linkTypes,
            problems.Problems,
            problems.NotListed,
            pipeline.Tcp.Statistics);
    }
}
