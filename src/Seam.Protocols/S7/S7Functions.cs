using Seam.Protocols.Dissection;

namespace Seam.Protocols.S7;

/// <summary>S7comm Job / Ack_Data function codes and userdata function groups, with their process meaning.</summary>
internal static class S7Functions
{
    public const byte CpuFunctionsGroup = 4;
    public const byte ReadSzl = 0x01;

    public static (string Name, OperationKind Kind) Job(byte function) => function switch
    {
        0x00 => ("CPU Services", OperationKind.Other),
        0x04 => ("Read Var", OperationKind.Read),
        0x05 => ("Write Var", OperationKind.Write),
        0x1A => ("Request Download", OperationKind.ProgramDownload),
        0x1B => ("Download Block", OperationKind.ProgramDownload),
        0x1C => ("Download Ended", OperationKind.ProgramDownload),
        0x1D => ("Start Upload", OperationKind.ProgramUpload),
        0x1E => ("Upload", OperationKind.ProgramUpload),
        0x1F => ("End Upload", OperationKind.ProgramUpload),
        0x28 => ("PLC Control", OperationKind.Control),
        0x29 => ("PLC Stop", OperationKind.Control),
        0xF0 => ("Setup Communication", OperationKind.Session),
        _ => ("Unknown Function", OperationKind.Other),
    };

    /// <summary>
    /// Operations report userdata as 0x7000 | group &lt;&lt; 8 | subfunction, so they never collide with job
    /// function codes (which are below 0x100).
    /// </summary>
    public static ushort UserdataCode(byte group, byte subfunction) => (ushort)(0x7000 | (group << 8) | subfunction);

    public static (string Name, OperationKind Kind) Userdata(byte group, byte subfunction) => (group, subfunction) switch
    {
        (CpuFunctionsGroup, ReadSzl) => ("Read SZL", OperationKind.Identify),
        (CpuFunctionsGroup, _) => ("CPU Functions", OperationKind.Diagnostic),
        (1, _) => ("Programmer Commands", OperationKind.Diagnostic),
        (2, _) => ("Cyclic Data", OperationKind.Read),
        (3, _) => ("Block Functions", OperationKind.Read),
        (5, _) => ("Security", OperationKind.Session),
        (6, _) => ("PBC Block Data", OperationKind.Other),
        (7, 0x01) => ("Read Clock", OperationKind.Read),
        (7, 0x02) => ("Set Clock", OperationKind.Write),
        (7, _) => ("Time Functions", OperationKind.Other),
        (0xF, _) => ("NC Programming", OperationKind.Other),
        _ => ("Unknown Userdata", OperationKind.Other),
    };
}
