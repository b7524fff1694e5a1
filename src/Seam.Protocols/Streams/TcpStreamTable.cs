using System.Numerics;
using System.Runtime.CompilerServices;
using Seam.Protocols.Frames;

namespace Seam.Protocols.Streams;

/// <summary>
/// The tracked connections, found once per TCP segment. Connections between two IPv4 addresses, nearly all of a
/// plant's, are keyed by 16 bytes that are passed and compared in registers; the rest by the full
/// <see cref="TcpFlowKey"/>, which every lookup copies through memory.
/// </summary>
internal sealed class TcpStreamTable
{
    private readonly Dictionary<Ipv4Connection, TcpStream> ipv4 = [];
    private readonly Dictionary<TcpFlowKey, TcpStream> other = [];

    public int Count => ipv4.Count + other.Count;

    /// <param name="fromLow">True when the segment was sent by the endpoint that sorts first.</param>
    public TcpStream? Find(in DecodedFrame segment, out bool fromLow) =>
        IsIpv4(segment)
            ? ipv4.GetValueOrDefault(Ipv4Connection.For(segment, out fromLow))
            : other.GetValueOrDefault(TcpFlowKey.For(segment.SourceIp, segment.SourcePort, segment.DestinationIp, segment.DestinationPort, out fromLow));

    public void Add(in DecodedFrame segment, TcpStream stream)
    {
        if (IsIpv4(segment))
        {
            stream.Ipv4Key = Ipv4Connection.For(segment, out _);
            stream.IsIpv4 = true;
            ipv4.Add(stream.Ipv4Key, stream);
        }
        else
        {
            stream.Key = TcpFlowKey.For(segment.SourceIp, segment.SourcePort, segment.DestinationIp, segment.DestinationPort, out _);
            other.Add(stream.Key, stream);
        }
    }

    public void Remove(TcpStream stream)
    {
        if (stream.IsIpv4)
        {
            ipv4.Remove(stream.Ipv4Key);
        }
        else
        {
            other.Remove(stream.Key);
        }
    }

    /// <summary>Every stream, for sweeps that may remove some of them.</summary>
    public void CopyTo(List<TcpStream> streams)
    {
        streams.AddRange(ipv4.Values);
        streams.AddRange(other.Values);
    }

    public void Clear()
    {
        ipv4.Clear();
        other.Clear();
    }

    private static bool IsIpv4(in DecodedFrame segment) => segment.SourceIp.IsV4 && segment.DestinationIp.IsV4;
}

/// <summary>A TCP connection between two IPv4 endpoints, the same whichever way a segment travels.</summary>
internal readonly record struct Ipv4Connection(ulong Addresses, uint Ports)
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Ipv4Connection For(in DecodedFrame segment, out bool fromLow)
    {
        var source = (uint)segment.SourceIp.Low;
        var destination = (uint)segment.DestinationIp.Low;
        fromLow = source != destination ? source < destination : segment.SourcePort <= segment.DestinationPort;
        return fromLow
            ? new(((ulong)source << 32) | destination, ((uint)segment.SourcePort << 16) | segment.DestinationPort)
            : new(((ulong)destination << 32) | source, ((uint)segment.DestinationPort << 16) | segment.SourcePort);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Equals(Ipv4Connection other) => Addresses == other.Addresses && Ports == other.Ports;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override int GetHashCode()
    {
        var mixed = (Addresses ^ BitOperations.RotateLeft((ulong)Ports, 24)) * 0x9E37_79B9_7F4A_7C15UL;
        return (int)(mixed >> 32) ^ (int)mixed;
    }
}
