namespace Seam.Protocols.Dissection;

/// <summary>
/// The device an identity observation is about. Usually one end of the frame, but not always: a DNS answer
/// names an address that is neither sender nor receiver, and a DCP response carries the device's own IP.
/// </summary>
public readonly record struct DeviceRef(MacAddress Mac, IpAddr Ip)
{
    public static DeviceRef Source(in FrameInfo frame) => new(frame.SourceMac, frame.SourceIp);

    public static DeviceRef Destination(in FrameInfo frame) => new(frame.DestinationMac, frame.DestinationIp);

    public static DeviceRef ForIp(IpAddr ip) => new(MacAddress.None, ip);

    public static DeviceRef ForMac(MacAddress mac) => new(mac, IpAddr.None);
}
