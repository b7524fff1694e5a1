using System.IO.Compression;
using Seam.Protocols.Capture;

namespace Seam.Protocols.Tests.Capture;

/// <summary>
/// Captures of a few megabytes and more are read on a second thread in 1 MB chunks. The records must be exactly
/// those the single-threaded reader sees, including records longer than the space kept for a chunk's carried-over
/// tail, and a dissection that stops early must not leave the reading thread waiting.
/// </summary>
public sealed class ReadAheadTests
{
    private const long T0 = 1_700_000_000_000_000_000;

    [Fact]
    public void Records_read_ahead_are_the_records_read_in_line_including_ones_that_span_chunks()
    {
        var (file, records) = LargeCapture(seed: 1);

        var inLine = Records(file, readAhead: false, out var inLineFailure);
        var ahead = Records(file, readAhead: true, out var aheadFailure);

        Assert.Equal(records.Count, ahead.Count);
        Assert.Equal(inLine.Count, ahead.Count);
        for (var i = 0; i < records.Count; i++)
        {
            Assert.True(records[i].AsSpan().SequenceEqual(ahead[i].Data), $"record {i + 1} differs when read ahead");
            Assert.Equal(inLine[i].Offset, ahead[i].Offset);
        }

        Assert.Contains(records, r => r.Length > ReadAhead.Headroom);
        Assert.Null(inLineFailure);
        Assert.Null(aheadFailure);
    }

    [Fact]
    public void A_gzip_capture_whose_checksum_is_wrong_yields_intact_records_then_reports_the_corruption()
    {
        var (plain, records) = LargeCapture(seed: 2);
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(plain);
        }

        var damaged = compressed.ToArray();
        damaged[^8] ^= 0xFF; // the CRC-32 of the trailer: found only once the last bytes are inflated
        Assert.True(damaged.Length > 4 << 20, "the compressed capture must be large enough to be read ahead");

        var ahead = Records(damaged, readAhead: true, out var failure);

        // The inflater may withhold the bytes of its last read when the check fails, as it does reading in line.
        Assert.InRange(ahead.Count, records.Count - 1, records.Count);
        for (var i = 0; i < ahead.Count; i++)
        {
            Assert.True(records[i].AsSpan().SequenceEqual(ahead[i].Data), $"record {i + 1} differs when read ahead");
        }

        Assert.NotNull(failure);
        Assert.Contains("gzip data is corrupt", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dissection_that_stops_at_a_damaged_record_returns_without_reading_the_rest()
    {
        var (file, records) = LargeCapture(seed: 3);

        // The fifth record's captured length becomes absurd: pcap cannot resynchronise, so reading stops there.
        var offset = 24;
        for (var i = 0; i < 4; i++)
        {
            offset += 16 + records[i].Length;
        }

        PcapFile.Put32(file, offset + 8, 0x7FFF_FFFF, bigEndian: false);
        using var stream = new MemoryStream(file);

        var summary = PassiveDissection.Run(stream, [], new RecordingSink(), "large.pcap");

        Assert.Equal(4, summary.Frames);
        var problem = Assert.Single(summary.Problems);
        Assert.Equal(offset, problem.ByteOffset);
    }

    /// <summary>About 6 MB of records of every size up to pcap's 256 KiB, in an order that puts long ones across chunk ends.</summary>
    private static (byte[] File, List<byte[]> Records) LargeCapture(int seed)
    {
        var random = new Random(seed);
        var pcap = new PcapFile(1, snapLength: 262_144);
        var records = new List<byte[]>();
        var total = 0L;
        for (var i = 0; total < 6 << 20; i++)
        {
            var length = (i % 7) switch
            {
                0 => random.Next(100_000, 262_145),
                1 => random.Next(ReadAhead.Headroom - 100, ReadAhead.Headroom + 100),
                _ => random.Next(14, 1515),
            };
            var data = new byte[length];
            random.NextBytes(data);
            pcap.Add(T0 + (i * 1000L), data);
            records.Add(data);
            total += 16 + length;
        }

        return (pcap.ToArray(), records);
    }

    private static List<(long Offset, byte[] Data)> Records(byte[] file, bool readAhead, out string? failure)
    {
        using var stream = new MemoryStream(file);
        using var input = CaptureInput.Open(stream, "large.pcap", readAhead);
        var reader = CaptureRecordReader.Open(input, new ProblemLog(10));
        var records = new List<(long, byte[])>();
        while (reader.MoveNext())
        {
            records.Add((reader.RecordOffset, reader.Data.ToArray()));
        }

        failure = input.ReadFailure;
        return records;
    }
}
