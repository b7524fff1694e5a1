namespace Seam.Protocols.Dissection;

/// <summary>
/// One fact about a device's identity, good enough for advisory matching (vendor, product, firmware) or for a
/// human to recognise it (names, serials).
/// </summary>
public enum IdentityField : byte
{
    Vendor,
    VendorId,
    Product,
    ProductCode,
    DeviceType,
    /// <summary>Order number or model, e.g. an S7 MLFB "6ES7 315-2AG10-0AB0".</summary>
    Model,
    FirmwareVersion,
    HardwareVersion,
    SerialNumber,
    HostName,
    /// <summary>PROFINET NameOfStation.</summary>
    StationName,
    /// <summary>BACnet device instance, DNP3 outstation address, IEC 104 common address, Modbus unit id.</summary>
    DeviceAddress,
    /// <summary>OPC UA application URI or product URI.</summary>
    ApplicationUri,
    EndpointUrl,
    SecurityPolicy,
    SecurityMode,
    /// <summary>A TLS server name (SNI), said by the client about the server.</summary>
    ServerName,
    /// <summary>A software banner: SSH version string, HTTP Server header, remote-support tool name.</summary>
    Software,
    OperatingSystem,
    DomainName,
    /// <summary>LLDP/CDP: the switch port this device's neighbour is on.</summary>
    SwitchPort,
    IpAddress,
}
