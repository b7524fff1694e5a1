using System.Buffers.Binary;
using System.Globalization;
using Seam.Protocols.Dissection;
using Seam.Protocols.Modbus;

namespace Seam.Protocols.EtherNetIp;

/// <summary>
/// The Identity object's instance attributes 1–7 (CIP Vol. 1 §5A-2): vendor id, device type, product code,
/// revision (major, minor), status, serial number, product name as a SHORT_STRING. A ListIdentity item carries
/// them after its socket address and a Get_Attributes_All reply on Identity instance 1 starts with them, in
/// attribute order; a Get_Attribute_List reply gives each with its id and status.
/// </summary>
internal static class IdentityAttributes
{
    private const int NameLengthOffset = 14;

    /// <returns>False when the bytes are too short for the fixed attributes and the name they announce.</returns>
    public static bool Report(in FrameInfo frame, ReadOnlySpan<byte> fields, DeviceRef device, IDissectionSink sink)
    {
        if (fields.Length <= NameLengthOffset || NameLengthOffset + 1 + fields[NameLengthOffset] > fields.Length)
        {
            return false;
        }

        // Attribute 5 (status, two bytes at 8) changes with the controller's mode: it is not an identity.
        ReportAttribute(frame, device, sink, 1, fields);
        ReportAttribute(frame, device, sink, 2, fields[2..]);
        ReportAttribute(frame, device, sink, 3, fields[4..]);
        ReportAttribute(frame, device, sink, 4, fields[6..]);
        ReportAttribute(frame, device, sink, 6, fields[10..]);
        ReportAttribute(frame, device, sink, 7, fields[NameLengthOffset..]);
        return true;
    }

    /// <summary>
    /// A Get_Attribute_List reply: count u16, then per attribute its id u16, status u16 and, when the status is
    /// success, its value. Values have no length of their own, so reading stops at an attribute whose size is
    /// not known here (past 10).
    /// </summary>
    /// <returns>False when an attribute runs past the reply.</returns>
    public static bool ReportList(in FrameInfo frame, ReadOnlySpan<byte> data, DeviceRef device, IDissectionSink sink)
    {
        if (data.Length < 2)
        {
            return false;
        }

        var count = BinaryPrimitives.ReadUInt16LittleEndian(data);
        var offset = 2;
        for (var i = 0; i < count; i++)
        {
            if (offset + 4 > data.Length)
            {
                return false;
            }

            var attribute = BinaryPrimitives.ReadUInt16LittleEndian(data[offset..]);
            var status = BinaryPrimitives.ReadUInt16LittleEndian(data[(offset + 2)..]);
            offset += 4;
            if (status != 0)
            {
                continue;
            }

            var size = SizeOf(attribute, data[offset..]);
            if (size < 0)
            {
                // Nothing wrong with the reply; the values after this one just cannot be found.
                return true;
            }

            if (size > data.Length - offset)
            {
                return false;
            }

            ReportAttribute(frame, device, sink, attribute, data[offset..]);
            offset += size;
        }

        return true;
    }

    /// <summary>The size of an attribute's value at the start of <paramref name="value"/>; -1 when unknown.</summary>
    private static int SizeOf(ushort attribute, ReadOnlySpan<byte> value) => attribute switch
    {
        1 or 2 or 3 or 4 or 5 or 9 => 2,
        6 => 4,
        7 => value.IsEmpty ? int.MaxValue : 1 + value[0],
        8 or 10 => 1,
        _ => -1,
    };

    private static void ReportAttribute(in FrameInfo frame, DeviceRef device, IDissectionSink sink, ushort attribute, ReadOnlySpan<byte> value)
    {
        var culture = CultureInfo.InvariantCulture;
        switch (attribute)
        {
            case 1:
                var vendor = BinaryPrimitives.ReadUInt16LittleEndian(value);
                sink.Identity(frame, ProtocolId.EtherNetIp, device, IdentityField.VendorId, vendor.ToString(culture));
                if (CipVendors.Name(vendor) is { } vendorName)
                {
                    sink.Identity(frame, ProtocolId.EtherNetIp, device, IdentityField.Vendor, vendorName);
                }

                break;
            case 2:
                var deviceType = BinaryPrimitives.ReadUInt16LittleEndian(value);
                sink.Identity(frame, ProtocolId.EtherNetIp, device, IdentityField.DeviceType,
                    CipVendors.DeviceTypeName(deviceType) ?? deviceType.ToString(culture));
                break;
            case 3:
                var productCode = BinaryPrimitives.ReadUInt16LittleEndian(value);
                sink.Identity(frame, ProtocolId.EtherNetIp, device, IdentityField.ProductCode, productCode.ToString(culture));
                break;
            case 4:
                // tshark prints the revision as major.minor with two minor digits ("4.03").
                sink.Identity(frame, ProtocolId.EtherNetIp, device, IdentityField.FirmwareVersion,
                    string.Create(culture, $"{value[0]}.{value[1]:D2}"));
                break;
            case 6:
                sink.Identity(frame, ProtocolId.EtherNetIp, device, IdentityField.SerialNumber,
                    IdentityText.Hex32(BinaryPrimitives.ReadUInt32LittleEndian(value)));
                break;
            case 7:
                var name = IdentityText.Decode(value.Slice(1, value[0]));
                if (name.Length > 0)
                {
                    sink.Identity(frame, ProtocolId.EtherNetIp, device, IdentityField.Product, name);
                }

                break;
        }
    }
}
