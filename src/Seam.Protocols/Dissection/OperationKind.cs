namespace Seam.Protocols.Dissection;

/// <summary>
/// What an operation does to the process, which is what OT cares about: a read is routine, a write changes
/// the process, a program download changes the controller's logic, a control operation stops or restarts it.
/// </summary>
public enum OperationKind : byte
{
    Other = 0,
    Read,
    Write,
    /// <summary>Asks a device who it is (Modbus 43/14, ListIdentity, SZL, GetEndpoints, Who-Is, DCP Identify).</summary>
    Identify,
    Diagnostic,
    /// <summary>Logic or firmware sent to the controller.</summary>
    ProgramDownload,
    /// <summary>Logic read out of the controller.</summary>
    ProgramUpload,
    /// <summary>Start, stop, restart, change operating mode.</summary>
    Control,
    /// <summary>Connection or session set-up (COTP connect, OPC UA Hello/OpenSecureChannel, ENIP RegisterSession).</summary>
    Session,
    /// <summary>The device answered with an error or exception.</summary>
    Error,
}
