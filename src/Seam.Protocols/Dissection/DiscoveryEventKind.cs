namespace Seam.Protocols.Dissection;

/// <summary>
/// Things a human should look at that are not operations on a process: who logged in how, and what crossed
/// the wire in clear. Writes, downloads and stops are reported as operations and turned into events by the
/// caller, who knows the roles of both ends.
/// </summary>
public enum DiscoveryEventKind : byte
{
    /// <summary>An RDP, VNC, SSH, Telnet or remote-support session was set up.</summary>
    RemoteAccessSession,
    /// <summary>A user name or password was visible (Telnet, FTP USER/PASS, HTTP Basic, SNMP community…).</summary>
    ClearTextCredential,
    /// <summary>A file or program crossed to or from a device over a file protocol (SMB, FTP, TFTP).</summary>
    FileTransfer,
    /// <summary>Malformed traffic for the protocol: a length that does not fit, a reserved code.</summary>
    Malformed,
}
