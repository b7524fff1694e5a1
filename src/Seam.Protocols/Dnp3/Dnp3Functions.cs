using Seam.Protocols.Dissection;

namespace Seam.Protocols.Dnp3;

/// <summary>DNP3 application-layer function codes (IEEE 1815 §4.2.2.5) and their process meaning.</summary>
internal static class Dnp3Functions
{
    public const byte OpenFile = 0x19;
    public const byte FirstResponse = 0x81;

    public static (string Name, OperationKind Kind) Describe(byte function) => function switch
    {
        0x00 => ("Confirm", OperationKind.Other),
        0x01 => ("Read", OperationKind.Read),
        0x02 => ("Write", OperationKind.Write),
        0x03 => ("Select", OperationKind.Write),
        0x04 => ("Operate", OperationKind.Write),
        0x05 => ("Direct Operate", OperationKind.Write),
        0x06 => ("Direct Operate No Ack", OperationKind.Write),
        0x07 => ("Immediate Freeze", OperationKind.Write),
        0x08 => ("Immediate Freeze No Ack", OperationKind.Write),
        0x09 => ("Freeze and Clear", OperationKind.Write),
        0x0A => ("Freeze and Clear No Ack", OperationKind.Write),
        0x0B => ("Freeze at Time", OperationKind.Write),
        0x0C => ("Freeze at Time No Ack", OperationKind.Write),
        0x0D => ("Cold Restart", OperationKind.Control),
        0x0E => ("Warm Restart", OperationKind.Control),
        0x0F => ("Initialize Data", OperationKind.Control),
        0x10 => ("Initialize Application", OperationKind.Control),
        0x11 => ("Start Application", OperationKind.Control),
        0x12 => ("Stop Application", OperationKind.Control),
        0x13 => ("Save Configuration", OperationKind.Write),
        0x14 => ("Enable Unsolicited", OperationKind.Other),
        0x15 => ("Disable Unsolicited", OperationKind.Other),
        0x16 => ("Assign Class", OperationKind.Write),
        0x17 => ("Delay Measurement", OperationKind.Other),
        0x18 => ("Record Current Time", OperationKind.Other),
        OpenFile => ("Open File", OperationKind.Other),
        0x1A => ("Close File", OperationKind.Other),
        0x1B => ("Delete File", OperationKind.Write),
        0x1C => ("Get File Info", OperationKind.Read),
        0x1D => ("Authenticate File", OperationKind.Session),
        0x1E => ("Abort File", OperationKind.Other),
        0x1F => ("Activate Configuration", OperationKind.Write),
        0x20 => ("Authentication Request", OperationKind.Session),
        0x21 => ("Authentication Request No Ack", OperationKind.Session),
        0x81 => ("Response", OperationKind.Other),
        0x82 => ("Unsolicited Response", OperationKind.Other),
        0x83 => ("Authentication Response", OperationKind.Session),
        _ => ("Unknown Function", OperationKind.Other),
    };
}
