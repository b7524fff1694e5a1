using Seam.Protocols.Dissection;
using Seam.Protocols.Http;

namespace Seam.Protocols.Snmp;

/// <summary>
/// SNMP v1 and v2c (RFC 1157, RFC 3416) on the agent port 161 and the trap port 162, BER-encoded. The community
/// string is a password sent in clear; responses about the system group (sysDescr, sysObjectID, sysName)
/// describe the agent. SNMPv3 messages are counted but not opened: their PDU may be encrypted.
/// </summary>
public sealed class SnmpDissector : IDissector
{
    private const byte Sequence = 0x30;
    private const byte Integer = 0x02;
    private const byte OctetString = 0x04;
    private const byte ObjectId = 0x06;

    private const byte GetResponse = 0xA2;
    private const byte SetRequest = 0xA3;
    private const byte TrapV1 = 0xA4;

    private const string SysDescr = "1.3.6.1.2.1.1.1.0";
    private const string SysObjectId = "1.3.6.1.2.1.1.2.0";
    private const string SysName = "1.3.6.1.2.1.1.5.0";
    private const string EnterprisesPrefix = "1.3.6.1.4.1.";

    /// <summary>Variable bindings read per message; a walk response has a few dozen.</summary>
    private const int MaxBindings = 256;

    private static readonly string[] PduNames =
        ["GetRequest", "GetNextRequest", "GetResponse", "SetRequest", "Trap", "GetBulkRequest", "InformRequest", "SNMPv2-Trap", "Report"];

    public ProtocolId Protocol => ProtocolId.Snmp;

    public DissectorBinding Binding { get; } = DissectorBinding.Udp(161, 162);

    public int PduLength(ReadOnlySpan<byte> stream) => -1;

    public void Dissect(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink)
    {
        var outer = new BerReader(pdu);
        if (!outer.TryRead(Sequence, out var message))
        {
            return;
        }

        var fields = new BerReader(message.Contents);
        if (!fields.TryRead(Integer, out var versionElement) || !BerReader.TryInteger(versionElement.Contents, out var version) || version > 3)
        {
            return;
        }

        if (version == 3)
        {
            sink.Pdu(frame, ProtocolId.Snmp);
            return;
        }

        if (!fields.TryRead(OctetString, out var community) || !fields.TryRead(out var body) || body.Tag is < 0xA0 or > 0xA8)
        {
            return;
        }

        sink.Pdu(frame, ProtocolId.Snmp);
        var pduType = body.Tag & 0x1F;
        var isRequest = body.Tag is not (GetResponse or 0xA8);
        var kind = body.Tag switch
        {
            SetRequest => OperationKind.Write,
            GetResponse or 0xA8 => OperationKind.Other,
            TrapV1 or 0xA7 or 0xA6 => OperationKind.Other,
            _ => OperationKind.Read,
        };
        sink.Operation(frame, ProtocolId.Snmp, (ushort)pduType, PduNames[pduType], kind, isRequest);

        if (isRequest)
        {
            var versionName = version == 0 ? "SNMPv1" : "SNMPv2c";
            sink.Event(frame, ProtocolId.Snmp, DiscoveryEventKind.ClearTextCredential,
                versionName + " community " + AsciiText.Redacted(community.Contents) + " sent in clear from " + frame.SourceIp
                + " to " + frame.DestinationIp + " (" + PduNames[pduType] + ")");
        }

        if (body.Tag == GetResponse)
        {
            ReportSystemGroup(frame, body.Contents, sink);
        }
    }

    /// <summary>request-id, error-status, error-index, then the variable bindings (RFC 3416 §3).</summary>
    private static void ReportSystemGroup(in FrameInfo frame, ReadOnlySpan<byte> pduContents, IDissectionSink sink)
    {
        var reader = new BerReader(pduContents);
        if (!reader.TryRead(Integer, out _) || !reader.TryRead(Integer, out var errorStatus) || !reader.TryRead(Integer, out _)
            || !reader.TryRead(Sequence, out var bindings))
        {
            return;
        }

        if (!BerReader.TryInteger(errorStatus.Contents, out var error) || error != 0)
        {
            return;
        }

        var agent = DeviceRef.Source(frame);
        var list = new BerReader(bindings.Contents);
        for (var i = 0; i < MaxBindings && list.TryRead(Sequence, out var binding); i++)
        {
            var pair = new BerReader(binding.Contents);
            if (!pair.TryRead(ObjectId, out var name) || !pair.TryRead(out var value))
            {
                continue;
            }

            var oid = BerReader.ObjectIdentifier(name.Contents);
            if (oid == SysDescr && value.Tag == OctetString && !value.Contents.IsEmpty)
            {
                sink.Identity(frame, ProtocolId.Snmp, agent, IdentityField.Software, AsciiText.ToPrintable(value.Contents));
            }
            else if (oid == SysName && value.Tag == OctetString && !value.Contents.IsEmpty)
            {
                sink.Identity(frame, ProtocolId.Snmp, agent, IdentityField.HostName, AsciiText.ToPrintable(value.Contents));
            }
            else if (oid == SysObjectId && value.Tag == ObjectId)
            {
                // 1.3.6.1.4.1.<enterprise>.… : the IANA private enterprise number names the vendor.
                var objectId = BerReader.ObjectIdentifier(value.Contents);
                if (objectId.StartsWith(EnterprisesPrefix, StringComparison.Ordinal))
                {
                    sink.Identity(frame, ProtocolId.Snmp, agent, IdentityField.ProductCode, objectId);
                    var enterprise = objectId[EnterprisesPrefix.Length..].Split('.')[0];
                    sink.Identity(frame, ProtocolId.Snmp, agent, IdentityField.VendorId,
                        "IANA enterprise " + enterprise);
                }
            }
        }
    }
}
