using System.Globalization;
using Seam.Protocols.Dissection;

namespace Seam.Protocols.Bacnet;

/// <summary>
/// The BACnet APDU (ASHRAE 135 §20.1): PDU type, service choice, and the identity a device gives away in I-Am
/// and in acknowledgements of ReadProperty(Multiple) on its Device object.
/// </summary>
internal static class BacnetApplicationLayer
{
    private const byte SegmentedMessage = 0x08;
    private const byte MoreFollows = 0x04;

    public static void Dissect(in FrameInfo frame, ReadOnlySpan<byte> apdu, bool fromRemoteNetwork, BacnetSegments segments, IDissectionSink sink)
    {
        if (apdu.IsEmpty)
        {
            return;
        }

        var segmented = (apdu[0] & SegmentedMessage) != 0;
        switch (apdu[0] >> 4)
        {
            case 0:
                // Confirmed request: flags, max segments/APDU, invoke id, [sequence, window], service choice.
                ReportConfirmed(frame, apdu, segmented ? 5 : 3, isRequest: true, sink);
                if (segmented && apdu.Length >= 6)
                {
                    // Nothing in a request body is read yet; held so that a message's segments stay in step.
                    segments.Add(frame, 0, apdu[2], apdu[5], apdu[3], (apdu[0] & MoreFollows) != 0, apdu[6..]);
                }

                break;
            case 1 when apdu.Length >= 2:
                var unconfirmed = BacnetServices.UnconfirmedService(apdu[1]);
                sink.Operation(frame, ProtocolId.Bacnet, apdu[1], unconfirmed.Name, unconfirmed.Kind, apdu[1] != BacnetServices.IAm);
                if (apdu[1] == BacnetServices.IAm && !fromRemoteNetwork)
                {
                    BacnetIdentity.ReportIAm(frame, apdu[2..], sink);
                }

                break;
            case 2:
                ReportConfirmed(frame, apdu, 2, isRequest: false, sink);
                break;
            case 3:
                var serviceAt = segmented ? 4 : 2;
                ReportConfirmed(frame, apdu, serviceAt, isRequest: false, sink);
                if (!segmented && !fromRemoteNetwork && apdu.Length > serviceAt)
                {
                    BacnetIdentity.ReportPropertyAck(frame, apdu[serviceAt], apdu[(serviceAt + 1)..], sink);
                }
                else if (segmented && apdu.Length > serviceAt
                    && segments.Add(frame, 3, apdu[1], apdu[serviceAt], apdu[2], (apdu[0] & MoreFollows) != 0, apdu[(serviceAt + 1)..]) is { } whole
                    && !fromRemoteNetwork)
                {
                    BacnetIdentity.ReportPropertyAck(frame, apdu[serviceAt], whole, sink);
                }

                break;
            case 4 when apdu.Length >= 4:
                // Segment-ACK: invoke id, the sequence number acknowledged, the window the receiver grants.
                sink.Operation(frame, ProtocolId.Bacnet, 0, (apdu[0] & 0x02) != 0 ? "segmentNak" : "segmentAck", OperationKind.Other, false);
                break;
            case 5 when apdu.Length >= 3:
                sink.Operation(frame, ProtocolId.Bacnet, apdu[2], BacnetServices.ConfirmedService(apdu[2]).Name, OperationKind.Error, false);
                break;
            case 6 when apdu.Length >= 3:
                sink.Operation(frame, ProtocolId.Bacnet, apdu[2], "reject", OperationKind.Error, false);
                break;
            case 7 when apdu.Length >= 3:
                sink.Operation(frame, ProtocolId.Bacnet, apdu[2], "abort", OperationKind.Error, false);
                break;
            default:
                sink.Event(frame, ProtocolId.Bacnet, DiscoveryEventKind.Malformed,
                    $"BACnet APDU of {apdu.Length} bytes with type {apdu[0] >> 4}: too short for its type, or a reserved type");
                break;
        }
    }

    private static void ReportConfirmed(in FrameInfo frame, ReadOnlySpan<byte> apdu, int serviceAt, bool isRequest, IDissectionSink sink)
    {
        if (apdu.Length <= serviceAt)
        {
            return;
        }

        var service = BacnetServices.ConfirmedService(apdu[serviceAt]);
        sink.Operation(frame, ProtocolId.Bacnet, apdu[serviceAt], service.Name, service.Kind, isRequest);
    }
}

/// <summary>
/// Identity from I-Am and from Device-object property acknowledgements. Only frames that started on the local
/// network are used: a routed frame's IP source is the router, not the device the values describe.
/// </summary>
internal static class BacnetIdentity
{
    private const uint DeviceObjectType = 8;
    private const int InstanceBits = 22;

    public static void ReportIAm(in FrameInfo frame, ReadOnlySpan<byte> request, IDissectionSink sink)
    {
        var reader = new BacnetTagReader(request);
        if (!reader.TryRead(out var objectId) || !objectId.IsApplication(BacnetTag.ObjectIdentifier) || objectId.Length != 4
            || !reader.TryRead(out _) || !reader.TryRead(out _)
            || !reader.TryRead(out var vendor) || !vendor.IsApplication(BacnetTag.UnsignedInteger))
        {
            return;
        }

        var device = DeviceRef.Source(frame);
        var identifier = objectId.Unsigned();
        if (identifier >> InstanceBits == DeviceObjectType)
        {
            sink.Identity(frame, ProtocolId.Bacnet, device, IdentityField.DeviceAddress, Instance(identifier));
        }

        var vendorId = vendor.Unsigned();
        sink.Identity(frame, ProtocolId.Bacnet, device, IdentityField.VendorId, vendorId.ToString(CultureInfo.InvariantCulture));
        if (BacnetVendors.NameOf(vendorId) is { } name)
        {
            sink.Identity(frame, ProtocolId.Bacnet, device, IdentityField.Vendor, name);
        }
    }

    public static void ReportPropertyAck(in FrameInfo frame, byte service, ReadOnlySpan<byte> ack, IDissectionSink sink)
    {
        var reader = new BacnetTagReader(ack);
        if (service == BacnetServices.ReadProperty)
        {
            ReportReadPropertyAck(frame, ref reader, sink);
        }
        else if (service == BacnetServices.ReadPropertyMultiple)
        {
            ReportReadPropertyMultipleAck(frame, ref reader, sink);
        }
    }

    private static void ReportReadPropertyAck(in FrameInfo frame, ref BacnetTagReader reader, IDissectionSink sink)
    {
        if (!reader.TryRead(out var objectId) || !objectId.IsContextValue(0)
            || !reader.TryRead(out var property) || !property.IsContextValue(1)
            || !reader.TryRead(out var next))
        {
            return;
        }

        if (next.IsContextValue(2) && !reader.TryRead(out next))
        {
            return;
        }

        if (next.IsOpening && next.Number == 3 && reader.TryRead(out var value))
        {
            ReportProperty(frame, objectId.Unsigned(), property.Unsigned(), value, sink);
        }
    }

    /// <summary>ReadAccessResult list: object id [0], then [1]{ property [2], index [3]?, value [4]{…} or error [5]{…} }.</summary>
    private static void ReportReadPropertyMultipleAck(in FrameInfo frame, ref BacnetTagReader reader, IDissectionSink sink)
    {
        uint objectId = 0;
        uint property = 0;
        while (reader.TryRead(out var tag))
        {
            if (tag.IsContextValue(0))
            {
                objectId = tag.Unsigned();
            }
            else if (tag.IsContextValue(2))
            {
                property = tag.Unsigned();
            }
            else if (tag.IsOpening && tag.Number is 4 or 5)
            {
                // Past the result to its closing tag: one level, or two when the value is itself constructed.
                var levels = 1;
                if (tag.Number == 4 && reader.TryRead(out var value))
                {
                    ReportProperty(frame, objectId, property, value, sink);
                    levels = value.IsClosing ? 0 : value.IsOpening ? 2 : 1;
                }

                for (var i = 0; i < levels; i++)
                {
                    if (!reader.SkipConstructed())
                    {
                        return;
                    }
                }
            }
        }
    }

    private static void ReportProperty(in FrameInfo frame, uint objectId, uint property, BacnetTag value, IDissectionSink sink)
    {
        if (objectId >> InstanceBits != DeviceObjectType || !value.IsApplication(BacnetTag.CharacterString))
        {
            return;
        }

        IdentityField? field = property switch
        {
            121 => IdentityField.Vendor,
            70 => IdentityField.Model,
            44 => IdentityField.FirmwareVersion,
            12 => IdentityField.Software,
            77 => IdentityField.HostName,
            _ => null,
        };
        if (field is { } known && value.Text() is { Length: > 0 } text)
        {
            sink.Identity(frame, ProtocolId.Bacnet, DeviceRef.Source(frame), known, text);
        }
    }

    private static string Instance(uint identifier) =>
        (identifier & ((1u << InstanceBits) - 1)).ToString(CultureInfo.InvariantCulture);
}
