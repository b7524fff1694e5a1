using System.Buffers.Binary;
using Seam.Protocols.Dissection;

namespace Seam.Protocols.EtherNetIp;

/// <summary>
/// The CIP Identity item (type 0x000C) of a ListIdentity reply. <c>data</c> starts after the encapsulation
/// header: item count, then items. Fields are little-endian except the socket address, which is big-endian.
/// </summary>
internal static class ListIdentityReply
{
    private const ushort CipIdentityItem = 0x000C;

    /// <summary>Offsets inside the identity item's data (after its type and length).</summary>
    private const int SocketAddressOffset = 2;
    private const int VendorOffset = 18;
    private const int FixedLength = 33;

    /// <returns>False when the reply does not hold a well-formed identity item.</returns>
    public static bool Report(in FrameInfo frame, ReadOnlySpan<byte> data, IDissectionSink sink)
    {
        if (data.Length < 6)
        {
            return false;
        }

        var itemCount = BinaryPrimitives.ReadUInt16LittleEndian(data);
        var offset = 2;
        for (var i = 0; i < itemCount && offset + 4 <= data.Length; i++)
        {
            var type = BinaryPrimitives.ReadUInt16LittleEndian(data[offset..]);
            var length = BinaryPrimitives.ReadUInt16LittleEndian(data[(offset + 2)..]);
            var item = data[(offset + 4)..];
            if (length > item.Length)
            {
                return false;
            }

            if (type == CipIdentityItem)
            {
                return ReportItem(frame, item[..length], sink);
            }

            offset += 4 + length;
        }

        return false;
    }

    private static bool ReportItem(in FrameInfo frame, ReadOnlySpan<byte> item, IDissectionSink sink)
    {
        if (item.Length < FixedLength || FixedLength + item[FixedLength - 1] > item.Length)
        {
            return false;
        }

        var device = DeviceRef.Source(frame);
        var family = BinaryPrimitives.ReadUInt16BigEndian(item[SocketAddressOffset..]);
        if (family == 2)
        {
            var address = IpAddr.ReadV4(item[(SocketAddressOffset + 4)..]);
            sink.Identity(frame, ProtocolId.EtherNetIp, device, IdentityField.IpAddress, address.ToString());
        }

        return IdentityAttributes.Report(frame, item[VendorOffset..], device, sink);
    }
}
