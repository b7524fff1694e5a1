using System.Buffers.Binary;
using System.Globalization;
using Seam.Protocols.Dissection;
using Seam.Protocols.Modbus;

namespace Seam.Protocols.EtherNetIp;

/// <summary>
/// The Identity object's instance attributes 1–7 in attribute order (CIP Vol. 1 §5A-2): vendor id, device type,
/// product code, revision (major, minor), status, serial number, product name as a SHORT_STRING. A ListIdentity
/// item carries them after its socket address; a Get_Attributes_All reply on Identity instance 1 starts with them.
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

        var vendor = BinaryPrimitives.ReadUInt16LittleEndian(fields);
        var deviceType = BinaryPrimitives.ReadUInt16LittleEndian(fields[2..]);
        var productCode = BinaryPrimitives.ReadUInt16LittleEndian(fields[4..]);
        var serial = BinaryPrimitives.ReadUInt32LittleEndian(fields[10..]);
        var name = IdentityText.Decode(fields.Slice(NameLengthOffset + 1, fields[NameLengthOffset]));

        var culture = CultureInfo.InvariantCulture;
        sink.Identity(frame, ProtocolId.EtherNetIp, device, IdentityField.VendorId, vendor.ToString(culture));
        if (CipVendors.Name(vendor) is { } vendorName)
        {
            sink.Identity(frame, ProtocolId.EtherNetIp, device, IdentityField.Vendor, vendorName);
        }

        sink.Identity(frame, ProtocolId.EtherNetIp, device, IdentityField.DeviceType,
            CipVendors.DeviceTypeName(deviceType) ?? deviceType.ToString(culture));
        sink.Identity(frame, ProtocolId.EtherNetIp, device, IdentityField.ProductCode, productCode.ToString(culture));
        // tshark prints the revision as major.minor with two minor digits ("4.03").
        sink.Identity(frame, ProtocolId.EtherNetIp, device, IdentityField.FirmwareVersion,
            string.Create(culture, $"{fields[6]}.{fields[7]:D2}"));
        sink.Identity(frame, ProtocolId.EtherNetIp, device, IdentityField.SerialNumber, IdentityText.Hex32(serial));
        if (name.Length > 0)
        {
            sink.Identity(frame, ProtocolId.EtherNetIp, device, IdentityField.Product, name);
        }

        return true;
    }
}
