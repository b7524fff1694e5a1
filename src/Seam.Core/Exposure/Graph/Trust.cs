using Seam.Inventory;

namespace Seam.Exposure.Graph;

/// <summary>How a host that holds trust is used once an attacker controls it.</summary>
public enum TrustClass : byte
{
    None,

    /// <summary>Engineering workstations: projects, engineering software and sessions to download programs to controllers.</summary>
    Engineering,

    /// <summary>
    /// Safety engineering workstations (engineering workstations marked safety-relevant): the only stations that program
    /// safety controllers, as IEC 61511 practice keeps SIS engineering on dedicated stations.
    /// </summary>
    SafetyEngineering,

    /// <summary>HMIs and SCADA servers: operator sessions that write setpoints and commands to controllers.</summary>
    Operator,

    /// <summary>Jump hosts: stored or cached remote-desktop and shell sessions to the hosts they serve.</summary>
    Admin,
}

/// <summary>The kind-driven facts the graph needs about an asset.</summary>
public static class AssetRoles
{
    public static TrustClass TrustOf(Asset asset) => asset.Kind switch
    {
        AssetKind.EngineeringWorkstation when asset.SafetyRelevant => TrustClass.SafetyEngineering,
        AssetKind.EngineeringWorkstation => TrustClass.Engineering,
        AssetKind.Hmi or AssetKind.ScadaServer => TrustClass.Operator,
        AssetKind.JumpHost => TrustClass.Admin,
        _ => TrustClass.None,
    };

    /// <summary>Assets through which a controlled asset changes the physical process.</summary>
    public static bool IsController(AssetKind kind) => kind is AssetKind.Plc or AssetKind.Rtu or AssetKind.SafetyController or AssetKind.Ied
        or AssetKind.Drive or AssetKind.FieldDevice;

    /// <summary>Control of these assets is manipulation of the process: controllers, and the HMIs and SCADA servers that command them.</summary>
    public static bool ControlMeansManipulation(AssetKind kind) => IsController(kind) || kind is AssetKind.Hmi or AssetKind.ScadaServer;

    private static readonly string[] AdminProtocols = ["rdp", "vnc", "ssh", "smb", "winrm", "telnet"];
    private static readonly int[] AdminPorts = [3389, 5900, 22, 445, 5985, 5986, 23];

    /// <summary>Remote-administration services: a session on one gives control of the host.</summary>
    public static bool IsAdminService(ServiceEndpoint service)
    {
        if (service.Protocol is { } p && AdminProtocols.Contains(p, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        return service.Transport == Transport.Tcp && AdminPorts.Any(port => port >= service.FirstPort && port <= service.LastPort && service.IsSinglePort);
    }

    /// <summary>
    /// Likelihood that a controlled trusted host's own sessions give the attacker the target; 0 when that class of trust
    /// does not extend to the target. Returns what the session gives.
    /// </summary>
    public static (double Likelihood, bool Control, bool Manipulate, string Why) Session(TrustClass trust, Asset target, bool adminServiceReached)
    {
        var controller = IsController(target.Kind);
        var safetyController = target.Kind == AssetKind.SafetyController;
        return trust switch
        {
            TrustClass.SafetyEngineering when controller =>
                (0.9, true, true, "the safety engineering workstation holds the safety projects and the sessions to download them to the safety controllers (90%)"),
            TrustClass.Engineering when controller && !safetyController =>
                (0.9, true, true, "engineering workstations hold the projects and the sessions to download programs to the controllers they program (90%)"),
            TrustClass.Engineering or TrustClass.SafetyEngineering when adminServiceReached =>
                (0.6, true, false, "engineering workstations often keep saved remote sessions to the hosts they maintain (60%)"),
            TrustClass.Operator when controller && !safetyController =>
                (0.9, false, true, "HMIs and SCADA servers write setpoints and commands to their controllers (90%)"),
            TrustClass.Admin when adminServiceReached =>
                (0.8, true, false, "jump hosts hold the remote-desktop and shell sessions to the hosts they serve (80%)"),
            TrustClass.Admin when controller && !safetyController =>
                (0.6, true, true, "a jump host that reaches a controller can run the engineering tools it serves (60%)"),
            _ => (0, false, false, string.Empty),
        };
    }
}

/// <summary>Service matching between what a route allows and what an asset listens on.</summary>
public static class ServiceMatch
{
    /// <summary>True when some port (or layer-2 protocol) is both allowed by <paramref name="allowed"/> and offered by <paramref name="offered"/>.</summary>
    public static bool Overlaps(ServiceEndpoint allowed, ServiceEndpoint offered)
    {
        if (allowed.Transport != offered.Transport)
        {
            return false;
        }

        if (allowed.Transport == Transport.Ethernet)
        {
            return allowed.Protocol is null || offered.Protocol is null || string.Equals(allowed.Protocol, offered.Protocol, StringComparison.OrdinalIgnoreCase);
        }

        return allowed.FirstPort <= offered.LastPort && offered.FirstPort <= allowed.LastPort;
    }
}
