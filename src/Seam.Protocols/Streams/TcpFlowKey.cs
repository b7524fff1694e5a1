using System.Numerics;
using System.Runtime.CompilerServices;
using Seam.Protocols.Dissection;

namespace Seam.Protocols.Streams;

/// <summary>
/// One TCP connection, the same whichever way a segment travels: the endpoints are held in a fixed order, and
/// the segment's direction is reported separately.
/// </summary>
internal readonly struct TcpFlowKey : IEquatable<TcpFlowKey>
{
    private readonly IpAddr lowIp;
    private readonly IpAddr highIp;
    private readonly ushort lowPort;
    private readonly ushort highPort;

    private TcpFlowKey(IpAddr lowIp, ushort lowPort, IpAddr highIp, ushort highPort)
    {
        this.lowIp = lowIp;
        this.lowPort = lowPort;
        this.highIp = highIp;
        this.highPort = highPort;
    }

    /// <param name="fromLow">True when the segment was sent by the endpoint that sorts first.</param>
    public static TcpFlowKey For(IpAddr source, ushort sourcePort, IpAddr destination, ushort destinationPort, out bool fromLow)
    {
        fromLow = Compare(source, sourcePort, destination, destinationPort) <= 0;
        return fromLow
            ? new TcpFlowKey(source, sourcePort, destination, destinationPort)
            : new TcpFlowKey(destination, destinationPort, source, sourcePort);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Equals(TcpFlowKey other) =>
        lowIp.Low == other.lowIp.Low && highIp.Low == other.highIp.Low && lowPort == other.lowPort && highPort == other.highPort &&
        lowIp.High == other.lowIp.High && highIp.High == other.highIp.High;

    public override bool Equals(object? obj) => obj is TcpFlowKey other && Equals(other);

    /// <summary>One multiply-mix per segment instead of <see cref="HashCode.Combine{T1,T2,T3}"/>'s rounds: looked up for every TCP frame.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override int GetHashCode()
    {
        const ulong golden = 0x9E37_79B9_7F4A_7C15UL;
        var mixed = ((lowIp.Low ^ lowIp.High) * golden) ^ BitOperations.RotateLeft(highIp.Low ^ highIp.High, 29) ^ ((ulong)lowPort << 16) ^ highPort;
        mixed *= golden;
        return (int)(mixed >> 32) ^ (int)mixed;
    }

    public override string ToString() => $"{Endpoint(lowIp, lowPort)} - {Endpoint(highIp, highPort)}";

    private static string Endpoint(IpAddr ip, ushort port) => ip.IsV4 ? $"{ip}:{port}" : $"[{ip}]:{port}";

    private static int Compare(IpAddr a, ushort aPort, IpAddr b, ushort bPort)
    {
        var byHigh = a.High.CompareTo(b.High);
        if (byHigh != 0)
        {
            return byHigh;
        }

        var byLow = a.Low.CompareTo(b.Low);
        return byLow != 0 ? byLow : aPort.CompareTo(bPort);
    }
}
