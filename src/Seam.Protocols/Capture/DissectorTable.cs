using Seam.Protocols.Dissection;

namespace Seam.Protocols.Capture;

/// <summary>
/// The dissectors bound to each TCP port, UDP port and EtherType, built once per run so that dispatch is an
/// array index per frame. Several dissectors may share a key (S7comm and S7comm-plus both on TCP 102): each
/// gets the PDU and reports only when the bytes are its own.
/// </summary>
internal sealed class DissectorTable
{
    private readonly IDissector[]?[] tcp = new IDissector[]?[ushort.MaxValue + 1];
    private readonly IDissector[]?[] udp = new IDissector[]?[ushort.MaxValue + 1];
    private readonly IDissector[]?[] etherTypes = new IDissector[]?[ushort.MaxValue + 1];

    public DissectorTable(IReadOnlyList<IDissector> dissectors)
    {
        All = [.. dissectors];
        Recognisers = [.. All.Where(ImplementsRecognition)];
        foreach (var dissector in All)
        {
            var binding = dissector.Binding;
            Bind(tcp, binding.TcpPorts, dissector);
            Bind(udp, binding.UdpPorts, dissector);
            Bind(etherTypes, binding.EtherTypes, dissector);
        }
    }

    public IDissector[] All { get; }

    /// <summary>
    /// The dissectors that implement <see cref="IDissector.RecognisesStreamStart"/> rather than inherit its "no":
    /// when there are none, streams on unbound ports need not be tracked at all.
    /// </summary>
    public IDissector[] Recognisers { get; }

    public IDissector[]? Tcp(ushort port) => tcp[port];

    public IDissector[]? Udp(ushort port) => udp[port];

    public IDissector[]? EtherType(ushort etherType) => etherTypes[etherType];

    private static bool ImplementsRecognition(IDissector dissector)
    {
        var map = dissector.GetType().GetInterfaceMap(typeof(IDissector));
        var index = Array.FindIndex(map.InterfaceMethods, m => m.Name == nameof(IDissector.RecognisesStreamStart));
        return index < 0 || map.TargetMethods[index].DeclaringType != typeof(IDissector);
    }

    private static void Bind(IDissector[]?[] table, IReadOnlyList<ushort> keys, IDissector dissector)
    {
        foreach (var key in keys)
        {
            var existing = table[key];
            if (existing is null)
            {
                table[key] = [dissector];
            }
            else if (Array.IndexOf(existing, dissector) < 0)
            {
                table[key] = [.. existing, dissector];
            }
        }
    }
}
