using System.Buffers.Binary;
using Seam.Protocols.Dissection;

namespace Seam.Protocols.Tests.Capture;

/// <summary>
/// A dissector for a made-up protocol, to watch what the pipeline hands over: PDUs start with the magic byte
/// 0x5A and a big-endian 16-bit total length. It keeps every PDU it was given with the frame it came in.
/// </summary>
internal sealed class ProbeDissector(ProtocolId protocol, DissectorBinding binding, bool recognises = false) : IDissector
{
    public const byte Magic = 0x5A;

    public ProtocolId Protocol => protocol;

    public DissectorBinding Binding => binding;

    public List<(long Frame, byte[] Pdu, FrameInfo Info)> Seen { get; } = [];

    /// <summary>A PDU of the probe protocol: magic, length, then <paramref name="body"/>.</summary>
    public static byte[] Pdu(params byte[] body)
    {
        var pdu = new byte[3 + body.Length];
        pdu[0] = Magic;
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(1), (ushort)pdu.Length);
        body.CopyTo(pdu, 3);
        return pdu;
    }

    public int PduLength(ReadOnlySpan<byte> stream)
    {
        if (stream.Length < 3)
        {
            return stream.Length > 0 && stream[0] != Magic ? -1 : 0;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(stream[1..]);
        return stream[0] == Magic && length >= 3 ? length : -1;
    }

    public void Dissect(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink)
    {
        Seen.Add((frame.Number, pdu.ToArray(), frame));
        if (!pdu.IsEmpty && pdu[0] == Magic)
        {
            sink.Pdu(frame, protocol);
        }
    }

    public bool RecognisesStreamStart(ReadOnlySpan<byte> firstPayload) => recognises && PduLength(firstPayload) > 0;
}

/// <summary>A dissector with a bug, to show that one dissector's exception does not end the run.</summary>
internal sealed class ThrowingDissector(DissectorBinding binding) : IDissector
{
    public ProtocolId Protocol => ProtocolId.Dnp3;

    public DissectorBinding Binding => binding;

    public int PduLength(ReadOnlySpan<byte> stream) => throw new InvalidOperationException("length bug");

    public void Dissect(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink) =>
        throw new InvalidOperationException("dissect bug");
}
