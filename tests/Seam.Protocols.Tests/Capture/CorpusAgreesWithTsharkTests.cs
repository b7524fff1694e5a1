using System.Globalization;
using Seam.Protocols.Capture;
using Seam.Protocols.Dissection;

namespace Seam.Protocols.Tests.Capture;

/// <summary>Every corpus capture reads as tshark reads it: the same frames, at the same times.</summary>
public sealed class CorpusAgreesWithTsharkTests
{
    public static TheoryData<string> Captures => CorpusCaptures.Theory();

    [Fact]
    public void The_corpus_has_captures_of_every_container_format_seam_reads()
    {
        var captures = CorpusCaptures.All();

        Assert.True(captures.Count >= 50, $"expected the corpus's pcaps, found {captures.Count}");
        Assert.Contains(captures, c => c.EndsWith(".pcapng", StringComparison.Ordinal));
        Assert.Contains(captures, c => c.EndsWith(".pcap", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Frame_count_and_first_and_last_times_equal_tsharks(string capture)
    {
        var path = CorpusCaptures.Full(capture);
        var expected = Tshark.Fields(path, "frame.number", "frame.time_epoch");

        using var file = File.OpenRead(path);
        var summary = PassiveDissection.Run(file, [], new RecordingSink(), capture);

        Assert.Equal(expected.Count, summary.Frames);
        Assert.Empty(summary.Problems);
        Assert.Equal(EpochNanos(expected[0][1]), summary.FirstTimestampNanos);
        Assert.Equal(EpochNanos(expected[^1][1]), summary.LastTimestampNanos);
        Assert.Equal(new FileInfo(path).Length, summary.Bytes);
    }

    /// <summary>tshark prints seconds with nine decimals; exact in nanoseconds, no floating point.</summary>
    internal static long EpochNanos(string text)
    {
        var parts = text.Split('.');
        var seconds = long.Parse(parts[0], CultureInfo.InvariantCulture);
        var fraction = parts.Length > 1 ? parts[1].PadRight(9, '0')[..9] : "0";
        return (seconds * 1_000_000_000) + long.Parse(fraction, CultureInfo.InvariantCulture);
    }
}
