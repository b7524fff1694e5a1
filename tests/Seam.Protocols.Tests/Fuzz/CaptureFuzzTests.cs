using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using Seam.Protocols.Capture;
using Seam.Protocols.Dissection;
using Seam.Protocols.Tests.Capture;

namespace Seam.Protocols.Tests.Fuzz;

/// <summary>
/// Damaged captures, made by seeded mutation of real corpus captures, through the whole pipeline with every
/// shipped dissector: only <see cref="CaptureFormatException"/> may escape, every run ends, and memory stays
/// within the pipeline's bounds. Deterministic: a failure names the seed and mutation that reproduce it.
/// SEAM_FUZZ_ITERATIONS raises the number of mutants per test (default 200).
/// </summary>
public sealed class CaptureFuzzTests
{
    private const int DefaultIterations = 200;
    private const int MaxSeedBytes = 48 * 1024;
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(3);

    private static readonly CaptureLimits Limits = CaptureLimits.Default with
    {
        MaxTcpStreams = 64,
        StreamBufferBytes = 8 * 1024,
        TotalBufferBytes = 128 * 1024,
    };

    private static readonly Lazy<IReadOnlyList<(string Name, byte[] Bytes)>> Seeds = new(LoadSeeds);

    private static int Iterations =>
        int.TryParse(Environment.GetEnvironmentVariable("SEAM_FUZZ_ITERATIONS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : DefaultIterations;

    [Fact]
    public Task Bit_flips_never_crash_or_hang_the_pipeline() => Fuzz(1, (random, seed) =>
    {
        var mutant = (byte[])seed.Clone();
        var flips = random.Next(1, 17);
        for (var i = 0; i < flips; i++)
        {
            mutant[random.Next(mutant.Length)] ^= (byte)(1 << random.Next(8));
        }

        return (mutant, $"{flips} bit flips");
    });

    [Fact]
    public Task Runs_of_zero_or_ff_bytes_never_crash_or_hang_the_pipeline() => Fuzz(2, (random, seed) =>
    {
        var mutant = (byte[])seed.Clone();
        var at = random.Next(mutant.Length);
        var length = Math.Min(random.Next(1, 9), mutant.Length - at);
        var value = random.Next(2) == 0 ? (byte)0x00 : (byte)0xFF;
        mutant.AsSpan(at, length).Fill(value);
        return (mutant, $"{length} bytes of {value:x2} at {at}");
    });

    [Fact]
    public Task Truncation_anywhere_never_crashes_and_keeps_the_whole_records_before_it()
    {
        var step = 0;
        return Fuzz(3, (_, seed) =>
        {
            // Walk the cut point through the file in strides, so every region is cut somewhere.
            var at = (int)((long)step++ * 7919 % seed.Length);
            return (seed[..at], $"truncated at {at}");
        });
    }

    [Fact]
    public Task Absurd_length_fields_in_record_and_block_headers_are_reported_not_obeyed() => Fuzz(4, (random, seed) =>
    {
        var mutant = (byte[])seed.Clone();
        var fields = LengthFieldOffsets(mutant);
        if (fields.Count == 0)
        {
            return (mutant, "no length fields");
        }

        var (offset, bigEndian) = fields[random.Next(fields.Count)];
        uint[] absurd = [0xFFFF_FFFF, 0x7FFF_FFFF, 0x1000_0001, 0x0FFF_FFFC, 13, 0, (uint)random.Next()];
        var value = absurd[random.Next(absurd.Length)];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(mutant.AsSpan(offset), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(mutant.AsSpan(offset), value);
        }

        return (mutant, $"length field at {offset} set to {value}");
    });

    [Fact]
    public Task Damaged_gzip_compression_is_reported_not_thrown() => Fuzz(5, (random, seed) =>
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(seed);
        }

        var mutant = compressed.ToArray();
        var at = random.Next(10, mutant.Length);
        mutant[at] ^= (byte)random.Next(1, 256);
        return (mutant, $"gzip byte {at} changed");
    });

    private static async Task Fuzz(int testSeed, Func<Random, byte[], (byte[] Mutant, string What)> mutate)
    {
        using var hang = new CancellationTokenSource(HangGuard);
        var work = Task.Run(() => FuzzAll(testSeed, mutate, hang.Token), hang.Token);
        try
        {
            await work.WaitAsync(hang.Token);
        }
        catch (OperationCanceledException) when (hang.IsCancellationRequested)
        {
            Assert.Fail($"the fuzz run did not finish within {HangGuard}: the pipeline hangs on some mutant");
        }
    }

    private static void FuzzAll(int testSeed, Func<Random, byte[], (byte[] Mutant, string What)> mutate, CancellationToken cancellation)
    {
        var seeds = Seeds.Value;
        Assert.NotEmpty(seeds);
        var random = new Random(testSeed);
        var dissectors = Dissectors();
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var (name, seed) = seeds[iteration % seeds.Count];
            var (mutant, what) = mutate(random, seed);
            var context = $"test seed {testSeed}, iteration {iteration}, {name}: {what}";
            RunOne(mutant, dissectors, context, cancellation);
        }
    }

    private static void RunOne(byte[] mutant, IReadOnlyList<IDissector> dissectors, string context, CancellationToken cancellation)
    {
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        using var stream = new MemoryStream(mutant, writable: false);
        try
        {
            var summary = PassiveDissection.Run(stream, dissectors, new CountingOnlySink(), Limits, "fuzz", null, cancellation, out var pipeline);
            Assert.True(summary.Tcp.PeakStreams <= Limits.MaxTcpStreams, $"{context}: {summary.Tcp.PeakStreams} streams");
            Assert.True(summary.Tcp.PeakBufferedBytes <= Limits.TotalBufferBytes, $"{context}: {summary.Tcp.PeakBufferedBytes} buffered");
            Assert.Equal(0, pipeline.Tcp.BufferedBytes);
            Assert.True(summary.Problems.Count <= Limits.MaxListedProblems, context);
        }
        catch (CaptureFormatException)
        {
            // A mutant whose header no longer says pcap, pcapng or gzip: refused, as it should be.
        }
        catch (Exception escaped) when (escaped is not OperationCanceledException and not Xunit.Sdk.XunitException)
        {
            Assert.Fail($"{context}: {escaped}");
        }

        // The pipeline's fixed cost (dispatch tables, the read buffer) plus a few times the input; never the lengths it was told.
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.True(allocated < (8L * 1024 * 1024) + (8L * mutant.Length), $"{context}: allocated {allocated} bytes");
    }

    private static List<IDissector> Dissectors()
    {
        // The probes make sure TCP reassembly is exercised even on ports no shipped dissector binds.
        var dissectors = new List<IDissector>(DissectorCatalog.All())
        {
            new ProbeDissector(ProtocolId.Unknown, new DissectorBinding([20000, 502, 102, 4840, 44818, 2404, 20000], [47808, 161], [0x88CC, 0x8892]), recognises: true),
        };
        return dissectors;
    }

    /// <summary>Small corpus captures of every container and link type present, smallest first.</summary>
    private static List<(string, byte[])> LoadSeeds()
    {
        var seeds = new List<(string, byte[])>();
        var seenKinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var relative in CorpusCaptures.All().OrderBy(c => new FileInfo(CorpusCaptures.Full(c)).Length))
        {
            var bytes = File.ReadAllBytes(CorpusCaptures.Full(relative));
            if (bytes.Length > MaxSeedBytes || bytes.Length < 64)
            {
                continue;
            }

            // One or two seeds per container and link type, so every decoding path is mutated.
            var kind = Convert.ToHexString(bytes, 0, 4) + (bytes[0] == 0x0A ? "" : Convert.ToHexString(bytes, 20, 2));
            if (seenKinds.Add(kind) || seeds.Count < 12)
            {
                seeds.Add((relative, bytes));
            }
        }

        return seeds;
    }

    /// <summary>Where the record (pcap) or block (pcapng) length fields of a capture are.</summary>
    private static List<(int Offset, bool BigEndian)> LengthFieldOffsets(byte[] file)
    {
        var fields = new List<(int, bool)>();
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(file);
        if (magic == PcapngReader.SectionHeaderType)
        {
            var bigEndian = false;
            for (var at = 0; at + 12 <= file.Length;)
            {
                if (BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at)) == PcapngReader.SectionHeaderType)
                {
                    bigEndian = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 8)) != 0x1A2B3C4D;
                }

                var length = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at + 4)) : BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 4));
                fields.Add((at + 4, bigEndian));
                if (length > 8 && at + length <= file.Length)
                {
                    fields.Add((at + (int)length - 4, bigEndian));
                    fields.Add((at + 20, bigEndian));
                }

                if (length < 12)
                {
                    break;
                }

                at += (int)length;
            }
        }
        else
        {
            var bigEndian = magic is 0xD4C3B2A1 or 0x4D3CB2A1 ? false : true;
            for (var at = 24; at + 16 <= file.Length;)
            {
                var captured = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at + 8)) : BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 8));
                fields.Add((at + 8, bigEndian));
                fields.Add((at + 12, bigEndian));
                at += 16 + (int)captured;
            }
        }

        return fields;
    }

    private sealed class CountingOnlySink : IDissectionSink
    {
        public void Pdu(in FrameInfo frame, ProtocolId protocol)
        {
        }

        public void Operation(in FrameInfo frame, ProtocolId protocol, ushort code, string name, OperationKind kind, bool isRequest)
        {
        }

        public void Identity(in FrameInfo frame, ProtocolId protocol, DeviceRef device, IdentityField field, string value)
        {
        }

        public void Event(in FrameInfo frame, ProtocolId protocol, DiscoveryEventKind kind, string detail)
        {
        }
    }
}
