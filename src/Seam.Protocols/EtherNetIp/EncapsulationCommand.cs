using Seam.Protocols.Dissection;

namespace Seam.Protocols.EtherNetIp;

/// <summary>EtherNet/IP encapsulation commands (CIP Vol. 2 §2-3) and what each does for us.</summary>
internal static class EncapsulationCommand
{
    public const ushort Nop = 0x0000;
    public const ushort ListServices = 0x0004;
    public const ushort ListIdentity = 0x0063;
    public const ushort ListInterfaces = 0x0064;
    public const ushort RegisterSession = 0x0065;
    public const ushort UnRegisterSession = 0x0066;
    public const ushort SendRRData = 0x006F;
    public const ushort SendUnitData = 0x0070;
    public const ushort IndicateStatus = 0x0072;
    public const ushort Cancel = 0x0073;

    public static (string Name, OperationKind Kind) Describe(ushort command) => command switch
    {
        Nop => ("NOP", OperationKind.Other),
        ListServices => ("List Services", OperationKind.Other),
        ListIdentity => ("List Identity", OperationKind.Identify),
        ListInterfaces => ("List Interfaces", OperationKind.Other),
        RegisterSession => ("Register Session", OperationKind.Session),
        UnRegisterSession => ("Unregister Session", OperationKind.Session),
        SendRRData => ("Send RR Data", OperationKind.Other),
        SendUnitData => ("Send Unit Data", OperationKind.Other),
        IndicateStatus => ("Indicate Status", OperationKind.Other),
        Cancel => ("Cancel", OperationKind.Other),
        _ => ("Unknown Command", OperationKind.Other),
    };
}
