using Seam.Protocols.Dissection;

namespace Seam.Discovery;

/// <summary>How protocols are named for people and in the inventory's service notation.</summary>
public static class ProtocolNames
{
    public static string Display(ProtocolId protocol) => protocol switch
    {
        ProtocolId.ModbusTcp => "Modbus/TCP",
        ProtocolId.EtherNetIp => "EtherNet/IP",
        ProtocolId.Cip => "CIP",
        ProtocolId.S7Comm => "S7comm",
        ProtocolId.S7CommPlus => "S7comm-plus",
        ProtocolId.Dnp3 => "DNP3",
        ProtocolId.OpcUa => "OPC UA",
        ProtocolId.BacnetIp => "BACnet/IP",
        ProtocolId.Bacnet => "BACnet",
        ProtocolId.Iec104 => "IEC 60870-5-104",
        ProtocolId.ProfinetDcp => "PROFINET DCP",
        ProtocolId.ProfinetRt => "PROFINET RT",
        ProtocolId.ProfinetCm => "PROFINET CM",
        ProtocolId.RemoteSupport => "remote-support tool",
        _ => protocol.ToString().ToUpperInvariant(),
    };

    /// <summary>The protocol's name in <see cref="Seam.Inventory.ServiceEndpoint"/> notation (<c>modbus</c>, <c>s7</c>, <c>enip</c>…).</summary>
    public static string ServiceName(ProtocolId protocol) => protocol switch
    {
        ProtocolId.ModbusTcp => "modbus",
        ProtocolId.EtherNetIp or ProtocolId.Cip => "enip",
        ProtocolId.S7Comm or ProtocolId.S7CommPlus => "s7",
        ProtocolId.Dnp3 => "dnp3",
        ProtocolId.OpcUa => "opcua",
        ProtocolId.BacnetIp or ProtocolId.Bacnet => "bacnet",
        ProtocolId.Iec104 => "iec104",
        ProtocolId.ProfinetDcp => "profinet-dcp",
        ProtocolId.ProfinetRt => "profinet-rt",
        ProtocolId.ProfinetCm => "profinet-cm",
        ProtocolId.Tls => "https",
        ProtocolId.RemoteSupport => "remote-support",
        _ => protocol.ToString().ToLowerInvariant(),
    };

    /// <summary>Industrial protocols that accept commands from anyone who can reach the device.</summary>
    public static bool IsIndustrial(ProtocolId protocol) => protocol is >= ProtocolId.ModbusTcp and <= ProtocolId.ProfinetCm;
}
