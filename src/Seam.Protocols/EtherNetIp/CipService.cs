using Seam.Protocols.Dissection;

namespace Seam.Protocols.EtherNetIp;

/// <summary>
/// CIP service codes and what they do to the process. Codes 0x01–0x1C mean the same on every object; codes from
/// 0x4B up belong to the object the request path names, so the same byte is Forward_Close on the Connection
/// Manager and Read-Modify-Write on a Logix tag.
/// </summary>
internal static class CipService
{
    public const byte ReplyBit = 0x80;
    public const byte GetAttributesAll = 0x01;
    public const byte GetAttributeList = 0x03;
    public const byte MultipleServicePacket = 0x0A;
    public const byte UnconnectedSend = 0x52;
    public const byte ConnectionManagerClass = 0x06;
    public const byte LogixSymbolClass = 0x6B;
    public const byte IdentityClass = 0x01;

    /// <summary>
    /// The Logix controller object, vendor-specific: not in the ODVA library nor in Wireshark's class table. What
    /// is known of it comes from AdvancedHMI's public notes ("Class Codes for ControlLogix"), which give Stop (0x07)
    /// on instance 1 as the request that puts the controller in Program mode.
    /// </summary>
    public const byte LogixControllerClass = 0x8E;

    /// <summary>Who a request is addressed to, read from the first segment of its path.</summary>
    public enum Target : byte
    {
        OtherObject,
        ConnectionManager,
        /// <summary>A Logix controller tag: a symbolic (0x91) path or the Symbol object.</summary>
        LogixTag,
        /// <summary>Identity object instance 1: the device itself, whose Get_Attributes_All reply says who it is.</summary>
        IdentityInstance,
        LogixController,
    }

    /// <summary>Codes from 0x4B up mean what the addressed object says they mean (CIP Vol. 1 Appendix A).</summary>
    public static bool IsObjectSpecific(byte service) => service >= 0x4B;

    public static (string Name, OperationKind Kind) Describe(byte service, Target target) => (service, target) switch
    {
        (0x01, _) => ("Get Attributes All", OperationKind.Read),
        (0x02, _) => ("Set Attributes All", OperationKind.Write),
        (0x03, _) => ("Get Attribute List", OperationKind.Read),
        (0x04, _) => ("Set Attribute List", OperationKind.Write),
        (0x05, _) => ("Reset", OperationKind.Control),
        (0x06, _) => ("Start", OperationKind.Control),
        // Only the change to Program mode is documented for Logix. Rockwell's XM module manuals give Start (0x06)
        // as "to Run" on their own Device Mode object, which hints at, but does not show, the same on 0x8E: Start
        // keeps its generic name, and is a control operation either way. Logix program download and upload are
        // not classified at all: Logix Designer uses vendor-specific classes (the corpus shows 0x4B on 0xAC and
        // 0x4F on 0x6A in an upload) that no public source documents, and a guess would either cry wolf on
        // routine online sessions or miss real downloads.
        (0x07, Target.LogixController) => ("Change To Program Mode", OperationKind.Control),
        (0x07, _) => ("Stop", OperationKind.Control),
        (0x08, _) => ("Create", OperationKind.Other),
        (0x09, _) => ("Delete", OperationKind.Other),
        (MultipleServicePacket, _) => ("Multiple Service Packet", OperationKind.Other),
        (0x0D, _) => ("Apply Attributes", OperationKind.Write),
        (0x0E, _) => ("Get Attribute Single", OperationKind.Read),
        (0x10, _) => ("Set Attribute Single", OperationKind.Write),
        (0x11, _) => ("Find Next Object Instance", OperationKind.Read),
        (0x4E, Target.ConnectionManager) => ("Forward Close", OperationKind.Session),
        (UnconnectedSend, Target.ConnectionManager) => ("Unconnected Send", OperationKind.Other),
        (0x54, Target.ConnectionManager) => ("Forward Open", OperationKind.Session),
        (0x5B, Target.ConnectionManager) => ("Large Forward Open", OperationKind.Session),
        (0x4C, Target.LogixTag) => ("Read Tag", OperationKind.Read),
        (0x4D, Target.LogixTag) => ("Write Tag", OperationKind.Write),
        (0x4E, Target.LogixTag) => ("Read Modify Write Tag", OperationKind.Write),
        (0x52, Target.LogixTag) => ("Read Tag Fragmented", OperationKind.Read),
        (0x53, Target.LogixTag) => ("Write Tag Fragmented", OperationKind.Write),
        (0x55, Target.LogixTag) => ("Get Instance Attribute List", OperationKind.Read),
        // Replies carry no path; these two codes are only used by the Connection Manager in practice.
        (0x54, _) => ("Forward Open", OperationKind.Session),
        (0x5B, _) => ("Large Forward Open", OperationKind.Session),
        ( >= 0x4B, _) => ("Object-Specific Service", OperationKind.Other),
        _ => ("Unknown Service", OperationKind.Other),
    };
}
