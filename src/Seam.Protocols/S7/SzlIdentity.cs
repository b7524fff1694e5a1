using System.Buffers.Binary;
using Seam.Protocols.Dissection;
using Seam.Protocols.Modbus;

namespace Seam.Protocols.S7;

/// <summary>
/// Identity records in a Read SZL response: SZL 0x0011 module identification (order number and firmware) and
/// SZL 0x001C component identification (station name, module type, serial number, copyright). <c>data</c>
/// starts at the SZL-ID: id u16, index u16, record length u16, record count u16, records.
/// </summary>
internal static class SzlIdentity
{
    private const int HeaderLength = 8;
    private const int ModuleRecordLength = 28;
    private const int ComponentRecordLength = 34;

    public static void Report(in FrameInfo frame, ReadOnlySpan<byte> data, IDissectionSink sink)
    {
        if (data.Length < HeaderLength)
        {
            return;
        }

        // The high byte of the SZL-ID selects an extract (all records, one record, header only); the low byte
        // names the list.
        var list = data[1];
        var recordLength = BinaryPrimitives.ReadUInt16BigEndian(data[4..]);
        var count = BinaryPrimitives.ReadUInt16BigEndian(data[6..]);
        var records = data[HeaderLength..];
        var device = DeviceRef.Source(frame);
        for (var i = 0; i < count && (i + 1) * recordLength <= records.Length; i++)
        {
            var record = records.Slice(i * recordLength, recordLength);
            if (list == 0x11 && recordLength == ModuleRecordLength)
            {
                ReportModule(frame, record, device, sink);
            }
            else if (list == 0x1C && recordLength == ComponentRecordLength)
            {
                ReportComponent(frame, record, device, sink);
            }
        }
    }

    private static void ReportModule(in FrameInfo frame, ReadOnlySpan<byte> record, DeviceRef device, IDissectionSink sink)
    {
        var index = BinaryPrimitives.ReadUInt16BigEndian(record);
        if (index == 0x0001)
        {
            Report(frame, device, IdentityField.Model, record.Slice(2, 20), sink);
        }
        else if (index == 0x0007 && record[24] == (byte)'V')
        {
            // Basic firmware: Ausbg = 'V' major, Ausbe = minor patch.
            sink.Identity(frame, ProtocolId.S7Comm, device, IdentityField.FirmwareVersion,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"V{record[25]}.{record[26]}.{record[27]}"));
        }
    }

    private static void ReportComponent(in FrameInfo frame, ReadOnlySpan<byte> record, DeviceRef device, IDissectionSink sink)
    {
        var text = record[2..];
        switch (BinaryPrimitives.ReadUInt16BigEndian(record))
        {
            case 0x0001:
                Report(frame, device, IdentityField.StationName, text[..24], sink);
                break;
            case 0x0004 when IdentityText.Decode(text[..26]) == "Original Siemens Equipment":
                sink.Identity(frame, ProtocolId.S7Comm, device, IdentityField.Vendor, "Siemens");
                break;
            case 0x0005:
                Report(frame, device, IdentityField.SerialNumber, text[..24], sink);
                break;
            case 0x0007:
                Report(frame, device, IdentityField.Product, text, sink);
                break;
        }
    }

    private static void Report(in FrameInfo frame, DeviceRef device, IdentityField field, ReadOnlySpan<byte> text, IDissectionSink sink)
    {
        var value = IdentityText.Decode(text);
        if (value.Length > 0)
        {
            sink.Identity(frame, ProtocolId.S7Comm, device, field, value);
        }
    }
}
