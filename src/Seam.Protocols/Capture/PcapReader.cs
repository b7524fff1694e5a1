using System.Buffers.Binary;

namespace Seam.Protocols.Capture;

/// <summary>
/// Classic libpcap files: microsecond or nanosecond magic in either byte order, and the "modified" variant
/// whose records carry eight more bytes. Records have no resynchronisation marker, so damage stops the walk.
/// </summary>
internal sealed class PcapReader : CaptureRecordReader
{
    private const uint MicrosecondMagic = 0xA1B2C3D4;
    private const uint NanosecondMagic = 0xA1B23C4D;
    private const uint ModifiedMagic = 0xA1B2CD34;
    private const int FileHeaderLength = 24;

    /// <summary>tshark accepts records up to this size whatever the header's snapshot length says.</summary>
    private const int StandardMaxPacket = 262_144;

    private readonly bool bigEndian;
    private readonly long fractionToNanos;
    private readonly int recordHeaderLength;
    private readonly int maxCapturedLength;

    public PcapReader(CaptureInput input, ProblemLog problems)
        : base(input, problems)
    {
        if (!input.Ensure(FileHeaderLength))
        {
            throw new CaptureFormatException(input.Source, 0, "a 24-byte pcap file header", $"only {input.Available} bytes");
        }

        var header = input.Peek(FileHeaderLength);
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
        bigEndian = !IsLittleEndianMagic(magic);
        var native = bigEndian ? BinaryPrimitives.ReverseEndianness(magic) : magic;
        fractionToNanos = native == NanosecondMagic ? 1 : 1000;
        recordHeaderLength = native == ModifiedMagic ? 24 : 16;
        var snapLength = ReadUInt32(header[16..]);
        maxCapturedLength = (int)Math.Min(Math.Max(snapLength, StandardMaxPacket), MaxRecordLength);

        // The upper bits of the link-type field carry FCS information, not the link type.
        LinkType = ReadUInt32(header[20..]) & 0xFFFF;
        input.Advance(FileHeaderLength);
    }

    public int RecordHeaderLength => recordHeaderLength;

    public bool IsBigEndian => bigEndian;

    public static bool IsMagic(uint littleEndianRead) =>
        IsLittleEndianMagic(littleEndianRead) || IsLittleEndianMagic(BinaryPrimitives.ReverseEndianness(littleEndianRead));

    protected override bool ReadRecord()
    {
        var offset = Input.Position;
        if (!Input.Ensure(recordHeaderLength))
        {
            if (Input.Available > 0)
            {
                Problems.Add(offset, NextFrame, $"the file ends inside a record header ({Input.Available} of {recordHeaderLength} bytes)");
            }

            return false;
        }

        var header = Input.Peek(recordHeaderLength);
        var seconds = ReadUInt32(header);
        var fraction = ReadUInt32(header[4..]);
        var captured = ReadUInt32(header[8..]);
        var original = ReadUInt32(header[12..]);
        if (captured > maxCapturedLength)
        {
            Problems.Add(offset, NextFrame,
                $"the record header says {captured} captured bytes, more than the {maxCapturedLength} this file allows; " +
                "a pcap file cannot be resynchronised after a damaged record, so reading stopped here");
            return false;
        }

        var total = recordHeaderLength + (int)captured;
        if (!Input.Ensure(total))
        {
            Problems.Add(offset, NextFrame,
                $"the file ends inside the record: its header says {captured} captured bytes, only {Input.Available - recordHeaderLength} remain");
            return false;
        }

        RecordOffset = offset;
        TimestampNanos = (seconds * 1_000_000_000L) + (fraction * fractionToNanos);
        OriginalLength = (int)Math.Min(original, int.MaxValue);
        SetData(Input.Mark + recordHeaderLength, (int)captured);
        Input.Advance(total);
        return true;
    }

    private static bool IsLittleEndianMagic(uint magic) =>
        magic is MicrosecondMagic or NanosecondMagic or ModifiedMagic;

    private uint ReadUInt32(ReadOnlySpan<byte> bytes) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);
}
