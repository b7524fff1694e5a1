using System.Buffers.Binary;

namespace Seam.Protocols.Capture;

/// <summary>What the floor walk saw: records and the bytes it read to find them.</summary>
public readonly record struct CaptureFloorResult(long Records, long Bytes);

/// <summary>
/// The least work any reader of a capture must do: read every byte and step from record header to record
/// header, decoding nothing. The benchmark measures the pipeline against it.
/// </summary>
public static class CaptureFloor
{
    /// <exception cref="CaptureFormatException">The stream is not a capture Seam can read.</exception>
    public static CaptureFloorResult Walk(Stream capture, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(capture);
        var source = sourceName ?? (capture as FileStream)?.Name ?? "capture";
        using var input = CaptureInput.Open(capture, source);
        var reader = CaptureRecordReader.Open(input, new ProblemLog(0));
        return reader switch
        {
            PcapReader pcap => WalkPcap(input, pcap.RecordHeaderLength, pcap.IsBigEndian),
            _ => WalkPcapng(input),
        };
    }

    private static CaptureFloorResult WalkPcap(CaptureInput input, int headerLength, bool bigEndian)
    {
        var records = 0L;
        while (input.Ensure(headerLength))
        {
            var lengthField = input.Peek(headerLength)[8..];
            var captured = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(lengthField) : BinaryPrimitives.ReadUInt32LittleEndian(lengthField);
            input.Advance(headerLength);
            if (input.Skip(captured) < captured)
            {
                break;
            }

            records++;
        }

        return new CaptureFloorResult(records, input.Position);
    }

    private static CaptureFloorResult WalkPcapng(CaptureInput input)
    {
        var records = 0L;
        var bigEndian = false;
        while (input.Ensure(12))
        {
            var header = input.Peek(12);
            var type = BinaryPrimitives.ReadUInt32LittleEndian(header);
            if (type == PcapngReader.SectionHeaderType)
            {
                bigEndian = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]) != 0x1A2B3C4D;
            }

            var length = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(header[4..]) : BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
            type = bigEndian ? BinaryPrimitives.ReverseEndianness(type) : type;
            if (length < 12 || input.Skip(length) < length)
            {
                break;
            }

            if (type is 2 or 3 or 6)
            {
                records++;
            }
        }

        return new CaptureFloorResult(records, input.Position);
    }
}
