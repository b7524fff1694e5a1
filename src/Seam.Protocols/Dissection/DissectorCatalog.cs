namespace Seam.Protocols.Dissection;

/// <summary>Every dissector Seam ships, in one list the capture pipeline, the CLI and the server share.</summary>
public static class DissectorCatalog
{
    /// <summary>
    /// A new set of instances, one per run: a few dissectors keep bounded state between PDUs (OPC UA chunks,
    /// BACnet segments, CIP requests awaiting their reply), so a set must not be shared by runs on several threads.
    /// </summary>
    public static IReadOnlyList<IDissector> All() =>
    [
        // One line per dissector, kept in ProtocolId order.
        new Modbus.ModbusTcpDissector(),
        new EtherNetIp.EtherNetIpDissector(),
        new S7.S7Dissector(),
        new Dnp3.Dnp3Dissector(),
        new OpcUa.OpcUaDissector(),
        new Bacnet.BacnetIpDissector(),
        new Bacnet.BacnetEthernetDissector(),
        new Iec104.Iec104Dissector(),
        new Profinet.ProfinetDcpDissector(),
        new Profinet.ProfinetRtDissector(),
        new Profinet.ProfinetCmDissector(),
        new Lldp.LldpDissector(),
        new Cdp.CdpDissector(),
        new Tls.TlsDissector(),
        new Http.HttpDissector(),
        new Dns.DnsDissector(),
        new Dhcp.DhcpDissector(),
        new RemoteAccess.SshDissector(),
        new RemoteAccess.RdpDissector(),
        new RemoteAccess.VncDissector(),
        new FileTransfer.SmbDissector(),
        new RemoteAccess.TelnetDissector(),
        new FileTransfer.FtpDissector(),
        new FileTransfer.TftpDissector(),
        new Snmp.SnmpDissector(),
        new RemoteAccess.RemoteSupportDissector(),
    ];
}
