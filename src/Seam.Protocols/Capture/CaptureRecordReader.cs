using System.Buffers.Binary;
using System.Globalization;

namespace Seam.Protocols.Capture;

/// <summary>
/// Walks the packet records of a capture file. The current record's bytes are a span into the input's buffer,
/// valid until the next <see cref="MoveNext"/>. Damage after the file header is logged as a problem and reading
/// goes on where the format allows it (pcapng skips a bad block) or stops (pcap has no way to resynchronise).
/// </summary>
internal abstract class CaptureRecordReader
{
    /// <summary>No capture format needs records this large; a length beyond it is damage, not data.</summary>
    public const int MaxRecordLength = 256 * 1024 * 1024;

    private int dataIndex;
    private int dataLength;

    protected CaptureRecordReader(CaptureInput input, ProblemLog problems)
    {
        Input = input;
        Problems = problems;
    }

    public uint LinkType { get; protected set; }

    public long TimestampNanos { get; protected set; }

    /// <summary>The frame's length on the wire; more than the captured bytes when the snapshot length cut it.</summary>
    public int OriginalLength { get; protected set; }

    /// <summary>Byte offset of the current record's header.</summary>
    public long RecordOffset { get; protected set; }

    /// <summary>Records returned so far.</summary>
    public long Records { get; private set; }

    public ReadOnlySpan<byte> Data => Input.Window(dataIndex, dataLength);

    protected CaptureInput Input { get; }

    protected ProblemLog Problems { get; }

    /// <summary>Reads the file header and returns the reader for the format it announces.</summary>
    public static CaptureRecordReader Open(CaptureInput input, ProblemLog problems)
    {
        if (!input.Ensure(4))
        {
            throw new CaptureFormatException(input.Source, 0, ExpectedHeader, $"a file of {input.Available} bytes");
        }

        var magic = BinaryPrimitives.ReadUInt32LittleEndian(input.Peek(4));
        if (magic == PcapngReader.SectionHeaderType)
        {
            return new PcapngReader(input, problems);
        }

        if (PcapReader.IsMagic(magic))
        {
            return new PcapReader(input, problems);
        }

        var found = input.IsCompressed
            ? $"gzip-compressed data starting {Hex(input.Peek(4))}"
            : Hex(input.Peek(4));
        throw new CaptureFormatException(input.Source, 0, ExpectedHeader, found);
    }

    public bool MoveNext()
    {
        if (!ReadRecord())
        {
            return false;
        }

        Records++;
        return true;
    }

    internal static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLower(CultureInfo.InvariantCulture);

    /// <summary>Reads the next packet record, skipping blocks that carry none; false at the end or when reading must stop.</summary>
    protected abstract bool ReadRecord();

    /// <summary>Points <see cref="Data"/> at bytes of the input buffer (a <see cref="CaptureInput.Mark"/>-relative place).</summary>
    protected void SetData(int index, int length)
    {
        dataIndex = index;
        dataLength = length;
    }

    /// <summary>The frame number a problem in the record being read belongs to.</summary>
    protected long NextFrame => Records + 1;

    private const string ExpectedHeader =
        "a pcap magic (a1b2c3d4 or a1b23c4d, either byte order), a pcapng section header (0a0d0d0a) or gzip (1f8b)";
}
