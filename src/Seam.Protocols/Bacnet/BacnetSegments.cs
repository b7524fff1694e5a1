using Seam.Protocols.Dissection;
using Seam.Protocols.Reassembly;

namespace Seam.Protocols.Bacnet;

/// <summary>
/// Puts segmented Confirmed-Request and Complex-ACK APDUs back together (ASHRAE 135 §5.2, §20.1.2.4): the
/// segments of one message share the sender, the receiver and the invoke id, are numbered from 0 modulo 256,
/// and the last one has the more-follows bit clear. Only the service data after each segment's header is kept,
/// which is what tshark's reassembled length counts. A segment out of order drops the message: a passive reader
/// cannot ask for the retransmission that the peers will arrange between themselves.
/// </summary>
internal sealed class BacnetSegments
{
    /// <summary>
    /// Far above a Device object's properties, which is what the reassembly is for; a hostile sender may claim up
    /// to 255 segments of 1476 bytes, and this caps what it can make the reader hold per message.
    /// </summary>
    public const int MaxMessageBytes = 64 * 1024;

    /// <summary>Messages being reassembled at once, over every pair of devices of the run.</summary>
    public const int MaxMessagesInFlight = 64;

    private readonly BoundedTable<SegmentedMessageKey, PartialMessage> _partial = new(MaxMessagesInFlight);

    public int InFlight => _partial.Count;

    /// <summary>Messages put back together so far, and their service data in bytes.</summary>
    public int Completed { get; private set; }

    public long CompletedBytes { get; private set; }

    /// <summary>
    /// Takes one segment's service data. Returns the whole message's service data once the last segment came in
    /// order, otherwise nothing.
    /// </summary>
    public byte[]? Add(in FrameInfo frame, byte pduType, byte invokeId, byte service, byte sequence, bool moreFollows, ReadOnlySpan<byte> data)
    {
        var key = new SegmentedMessageKey(frame.SourceMac, frame.SourceIp, frame.SourcePort, frame.DestinationMac,
            frame.DestinationIp, frame.DestinationPort, pduType, invokeId);
        if (sequence == 0)
        {
            // A first segment always starts a message, also when an earlier one with the same invoke id never ended.
            if (!moreFollows)
            {
                _partial.Remove(key, out _);
                return Complete(data.ToArray());
            }

            if (data.Length <= MaxMessageBytes)
            {
                _partial.Set(key, new PartialMessage(service, data));
            }

            return null;
        }

        if (!_partial.TryGet(key, out var message))
        {
            return null;
        }

        if (sequence == (byte)(message.NextSequence - 1))
        {
            // A retransmitted segment the receiver did not acknowledge in time: already held.
            return null;
        }

        if (sequence != message.NextSequence || service != message.Service || !message.TryAppend(data))
        {
            _partial.Remove(key, out _);
            return null;
        }

        if (moreFollows)
        {
            return null;
        }

        _partial.Remove(key, out _);
        return Complete(message.ToArray());
    }

    private byte[] Complete(byte[] whole)
    {
        Completed++;
        CompletedBytes += whole.Length;
        return whole;
    }

    private readonly record struct SegmentedMessageKey(
        MacAddress SourceMac, IpAddr SourceIp, ushort SourcePort, MacAddress DestinationMac, IpAddr DestinationIp, ushort DestinationPort,
        byte PduType, byte InvokeId);

    private sealed class PartialMessage
    {
        private readonly MessageBuffer _data = new(MaxMessageBytes);

        public PartialMessage(byte service, ReadOnlySpan<byte> first)
        {
            Service = service;
            _data.TryAppend(first);
        }

        public byte Service { get; }

        public byte NextSequence { get; private set; } = 1;

        public bool TryAppend(ReadOnlySpan<byte> data)
        {
            if (!_data.TryAppend(data))
            {
                return false;
            }

            NextSequence++;
            return true;
        }

        public byte[] ToArray() => _data.Content.ToArray();
    }
}
