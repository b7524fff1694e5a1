using Seam.Protocols.Dissection;

namespace Seam.Protocols.Modbus;

/// <summary>Names and process meaning of Modbus function codes (Modbus Application Protocol V1.1b3, §6).</summary>
internal static class ModbusFunctions
{
    public const byte ReadCoils = 1;
    public const byte Diagnostics = 8;
    public const byte ReportServerId = 17;
    public const byte EncapsulatedInterface = 43;
    public const byte Umas = 90;

    /// <summary>MEI type 14 inside function 43.</summary>
    public const byte ReadDeviceIdentification = 14;

    private static readonly string[] Names = BuildNames();

    public static string Name(byte function) => Names[function & 0x7F];

    public static OperationKind Kind(byte function) => function switch
    {
        1 or 2 or 3 or 4 or 20 or 24 => OperationKind.Read,
        5 or 6 or 15 or 16 or 21 or 22 or 23 => OperationKind.Write,
        7 or 8 or 11 or 12 => OperationKind.Diagnostic,
        ReportServerId => OperationKind.Identify,
        _ => OperationKind.Other,
    };

    /// <summary>
    /// Diagnostics sub-functions that change how the device behaves rather than report on it: Restart
    /// Communications Option (0x0001) and Force Listen Only Mode (0x0004), which takes the device off the bus.
    /// </summary>
    public static bool IsControllingDiagnostic(ushort subFunction) => subFunction is 0x0001 or 0x0004;

    public static string ExceptionName(byte code) => code switch
    {
        1 => "Illegal Function",
        2 => "Illegal Data Address",
        3 => "Illegal Data Value",
        4 => "Server Device Failure",
        5 => "Acknowledge",
        6 => "Server Device Busy",
        8 => "Memory Parity Error",
        10 => "Gateway Path Unavailable",
        11 => "Gateway Target Device Failed to Respond",
        _ => "Unknown Exception",
    };

    private static string[] BuildNames()
    {
        var names = new string[128];
        Array.Fill(names, "Unknown Function");
        for (var code = 65; code <= 72; code++)
        {
            names[code] = "User Defined Function";
        }

        for (var code = 100; code <= 110; code++)
        {
            names[code] = "User Defined Function";
        }

        names[1] = "Read Coils";
        names[2] = "Read Discrete Inputs";
        names[3] = "Read Holding Registers";
        names[4] = "Read Input Registers";
        names[5] = "Write Single Coil";
        names[6] = "Write Single Register";
        names[7] = "Read Exception Status";
        names[8] = "Diagnostics";
        names[11] = "Get Comm Event Counter";
        names[12] = "Get Comm Event Log";
        names[15] = "Write Multiple Coils";
        names[16] = "Write Multiple Registers";
        names[17] = "Report Server ID";
        names[20] = "Read File Record";
        names[21] = "Write File Record";
        names[22] = "Mask Write Register";
        names[23] = "Read/Write Multiple Registers";
        names[24] = "Read FIFO Queue";
        names[43] = "Encapsulated Interface Transport";
        names[90] = "UMAS";
        return names;
    }
}

/// <summary>
/// Schneider Electric UMAS, carried in Modbus function 90 as <c>5A &lt;session&gt; &lt;umas function&gt; …</c>.
/// Only the functions whose direction the corpus confirms get a process meaning: in modicon_test.pcap the client
/// sends small 0x34 requests and the PLC answers with up to 250 bytes each, so 0x33/0x34/0x35 read the
/// application out of the PLC (Schneider calls this "download"; for us it is an upload). 0x30–0x32 are the
/// opposite direction; 0x40/0x41 start and stop the PLC.
/// </summary>
internal static class UmasFunctions
{
    public const byte Ok = 0xFE;
    public const byte Failed = 0xFD;

    /// <summary>Operations report UMAS as 0x5A00 plus the UMAS function so they do not collide with Modbus codes.</summary>
    public static ushort Code(byte umasFunction) => (ushort)(0x5A00 | umasFunction);

    public static (string Name, OperationKind Kind) Describe(byte umasFunction) => umasFunction switch
    {
        0x01 => ("UMAS Init Communication", OperationKind.Session),
        0x02 => ("UMAS Read ID", OperationKind.Identify),
        0x03 => ("UMAS Read Project Info", OperationKind.Identify),
        0x04 => ("UMAS Read PLC Info", OperationKind.Identify),
        0x10 => ("UMAS Take PLC Reservation", OperationKind.Session),
        0x11 => ("UMAS Release PLC Reservation", OperationKind.Session),
        0x12 => ("UMAS Keep Alive", OperationKind.Session),
        0x30 => ("UMAS Initialize Program Transfer To PLC", OperationKind.ProgramDownload),
        0x31 => ("UMAS Program Block To PLC", OperationKind.ProgramDownload),
        0x32 => ("UMAS End Program Transfer To PLC", OperationKind.ProgramDownload),
        0x33 => ("UMAS Initialize Program Transfer From PLC", OperationKind.ProgramUpload),
        0x34 => ("UMAS Program Block From PLC", OperationKind.ProgramUpload),
        0x35 => ("UMAS End Program Transfer From PLC", OperationKind.ProgramUpload),
        0x40 => ("UMAS Start PLC", OperationKind.Control),
        0x41 => ("UMAS Stop PLC", OperationKind.Control),
        Ok => ("UMAS OK", OperationKind.Other),
        Failed => ("UMAS Error", OperationKind.Error),
        _ => ("UMAS Other", OperationKind.Other),
    };
}
