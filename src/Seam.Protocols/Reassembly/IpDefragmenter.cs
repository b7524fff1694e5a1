using System.Buffers;
using Seam.Protocols.Dissection;
using Seam.Protocols.Frames;

namespace Seam.Protocols.Reassembly;

/// <summary>What adding one fragment did.</summary>
internal enum FragmentOutcome
{
    /// <summary>Kept; the datagram still has holes or its end is not known yet.</summary>
    Pending,
    /// <summary>The datagram is whole: its bytes are handed out.</summary>
    Complete,
    /// <summary>The fragment rewrote bytes an earlier one had given differently; the earlier bytes are kept.</summary>
    ConflictingOverlap,
    /// <summary>The fragment reaches past 65,535 bytes, which no datagram can (the "ping of death"); dropped.</summary>
    TooLong,
    /// <summary>The capture's snapshot length cut the fragment, so the datagram can never be whole; dropped.</summary>
    Cut,
}

/// <summary>
/// Puts IPv4 and IPv6 datagrams back together from their fragments, in whatever order the fragments arrive (RFC 791,
/// RFC 8200 §4.5), so a fragmented UDP message or TCP segment is dissected whole, in the frame of the fragment that
/// completed it, as tshark does. Bounded: at most <see cref="MaxDatagramsInFlight"/> datagrams wait for their
/// missing parts, and adding one more forgets the oldest, so traffic that never completes its datagrams costs a
/// fixed amount of memory.
/// </summary>
internal sealed class IpDefragmenter
{
    internal const int MaxDatagramsInFlight = 128;

    private const int MaxDatagramBytes = 65_535;

    private readonly BoundedTable<DatagramKey, PartialDatagram> _partial = new(MaxDatagramsInFlight);
    private byte[]? _handedOut;

    /// <summary>Datagrams waiting for fragments, for tests of the bound.</summary>
    internal int Pending => _partial.Count;

    /// <summary>
    /// Adds the fragment <paramref name="decoded"/> describes; when it completes its datagram, <paramref name="datagram"/>
    /// holds the whole transport payload (header included), valid until the next call.
    /// </summary>
    public FragmentOutcome Add(in DecodedFrame decoded, ReadOnlySpan<byte> frameBytes, out ReadOnlySpan<byte> datagram)
    {
        datagram = default;
        ReturnHandedOut();
        var bytes = frameBytes.Slice(decoded.PayloadOffset, decoded.PayloadLength);
        if (decoded.PayloadLength < decoded.FragmentLength)
        {
            return FragmentOutcome.Cut;
        }

        var end = decoded.FragmentOffset + bytes.Length;
        if (end > MaxDatagramBytes)
        {
            return FragmentOutcome.TooLong;
        }

        var key = new DatagramKey(decoded.SourceIp, decoded.DestinationIp, decoded.IpProtocol, decoded.FragmentId);
        if (!_partial.TryGet(key, out var partial))
        {
            partial = new PartialDatagram();
            _partial.Set(key, partial);
        }

        var conflicting = partial.Write(decoded.FragmentOffset, bytes);
        if (!decoded.MoreFragments)
        {
            partial.Length = end;
        }

        if (!partial.IsWhole)
        {
            return conflicting ? FragmentOutcome.ConflictingOverlap : FragmentOutcome.Pending;
        }

        _partial.Remove(key, out _);
        _handedOut = partial.Buffer;
        datagram = partial.Buffer.AsSpan(0, partial.Length);
        return conflicting ? FragmentOutcome.ConflictingOverlap : FragmentOutcome.Complete;
    }

    private void ReturnHandedOut()
    {
        if (_handedOut is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            _handedOut = null;
        }
    }

    /// <summary>RFC 791's reassembly key: the two addresses, the protocol and the identification.</summary>
    private readonly record struct DatagramKey(IpAddr Source, IpAddr Destination, byte Protocol, uint Id);

    /// <summary>
    /// One datagram's bytes so far, with which bytes have arrived. A datagram forgotten by the table is left to the
    /// garbage collector rather than returned to the pool. Worst case, every datagram in flight is 64 KB of bytes and
    /// 64 KB of flags: 16 MB at the bound.
    /// </summary>
    private sealed class PartialDatagram
    {
        private bool[] _received;
        private int _extent;

        public PartialDatagram()
        {
            Buffer = ArrayPool<byte>.Shared.Rent(2048);
            _received = new bool[Buffer.Length];
        }

        public byte[] Buffer { get; private set; }

        /// <summary>The datagram's length, known once its last fragment came; -1 before.</summary>
        public int Length { get; set; } = -1;

        public bool IsWhole => Length >= 0 && _extent >= Length && Array.IndexOf(_received, false, 0, Length) < 0;

        /// <returns>True when the fragment disagreed with bytes already received.</returns>
        public bool Write(int offset, ReadOnlySpan<byte> bytes)
        {
            var end = offset + bytes.Length;
            if (end > Buffer.Length)
            {
                Grow(end);
            }

            var conflicting = false;
            for (var i = 0; i < bytes.Length; i++)
            {
                var at = offset + i;
                if (!_received[at])
                {
                    _received[at] = true;
                    Buffer[at] = bytes[i];
                }
                else if (Buffer[at] != bytes[i])
                {
                    conflicting = true;
                }
            }

            _extent = Math.Max(_extent, end);
            return conflicting;
        }

        private void Grow(int needed)
        {
            var size = Math.Min(Math.Max(needed, Buffer.Length * 2), MaxDatagramBytes);
            var larger = ArrayPool<byte>.Shared.Rent(size);
            Buffer.AsSpan(0, _extent).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(Buffer);
            Buffer = larger;
            Array.Resize(ref _received, larger.Length);
        }
    }
}
