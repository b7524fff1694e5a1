namespace Seam.Protocols.Dissection;

/// <summary>
/// The protocols Seam recognises in a capture. A frame counts once per protocol it carries, which is how the
/// accuracy tests compare Seam with tshark's <c>frame.protocols</c> (the comment on each member names tshark's
/// filter name where one exists).
/// </summary>
public enum ProtocolId : byte
{
    Unknown = 0,

    // Industrial protocols.
    ModbusTcp,      // mbtcp (and modbus for the PDU)
    EtherNetIp,     // enip
    Cip,            // cip
    S7Comm,         // s7comm
    S7CommPlus,     // s7comm-plus (tshark needs a plugin; without it only tpkt/cotp)
    Dnp3,           // dnp3
    OpcUa,          // opcua
    BacnetIp,       // bvlc (BACnet virtual link control over UDP)
    Bacnet,         // bacnet (NPDU) / bacapp (APDU)
    Iec104,         // iec60870_104
    ProfinetDcp,    // pn_dcp
    ProfinetRt,     // pn_rt
    ProfinetCm,     // pn_io over DCE/RPC on UDP 34964

    // The IT protocols that matter at the seam between IT and OT.
    Lldp,           // lldp
    Cdp,            // cdp
    Tls,            // tls
    Http,           // http
    Dns,            // dns
    Dhcp,           // dhcp
    Ssh,            // ssh
    Rdp,            // rdp
    Vnc,            // vnc
    Smb,            // smb / smb2
    Telnet,         // telnet
    Ftp,            // ftp
    Tftp,           // tftp
    Snmp,           // snmp
    RemoteSupport,  // TeamViewer, AnyDesk and similar tools, told apart by IdentityField.Software
    Ip,             // the IP layer itself: named by events about it (fragments that overlap), never counted as a frame's protocol
}
