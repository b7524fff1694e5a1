using Seam.Protocols.Dissection;
using Seam.Protocols.Modbus;

namespace Seam.Protocols.Dnp3;

/// <summary>
/// Group 0 device attributes in a response: each object header <c>00 variation qualifier start stop</c> (qualifier
/// 0x00, one-byte range, or 0x01, two-byte range) is followed by data type u8, length u8 and the value. Stops at
/// the first object of another group or qualifier, because skipping it would need every group's object size.
/// </summary>
internal static class DeviceAttributes
{
    private const byte VisibleString = 1;

    public static void Report(in FrameInfo frame, ReadOnlySpan<byte> objects, IDissectionSink sink)
    {
        var device = DeviceRef.Source(frame);
        var offset = 0;
        while (offset + 3 <= objects.Length && objects[offset] == 0)
        {
            var variation = objects[offset + 1];
            var qualifier = objects[offset + 2];
            var rangeWidth = qualifier switch
            {
                0x00 => 1,
                0x01 => 2,
                _ => 0,
            };
            if (rangeWidth == 0 || offset + 3 + (2 * rangeWidth) > objects.Length)
            {
                return;
            }

            var range = objects[(offset + 3)..];
            int start = rangeWidth == 1 ? range[0] : range[0] | (range[1] << 8);
            int stop = rangeWidth == 1 ? range[1] : range[2] | (range[3] << 8);
            offset += 3 + (2 * rangeWidth);
            for (var point = start; point <= stop; point++)
            {
                if (offset + 2 > objects.Length || offset + 2 + objects[offset + 1] > objects.Length)
                {
                    return;
                }

                var type = objects[offset];
                var value = objects.Slice(offset + 2, objects[offset + 1]);
                offset += 2 + value.Length;
                if (type == VisibleString && FieldFor(variation) is { } field && IdentityText.Decode(value) is { Length: > 0 } text)
                {
                    sink.Identity(frame, ProtocolId.Dnp3, device, field, text);
                }
            }
        }
    }

    private static IdentityField? FieldFor(byte variation) => variation switch
    {
        252 => IdentityField.Vendor,
        250 => IdentityField.Product,
        248 => IdentityField.SerialNumber,
        247 => IdentityField.StationName,
        243 => IdentityField.HardwareVersion,
        242 => IdentityField.FirmwareVersion,
        _ => null,
    };
}
