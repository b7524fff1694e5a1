using System.Diagnostics.CodeAnalysis;

namespace Seam.Inventory;

public static class AssetKinds
{
    private static readonly Dictionary<string, AssetKind> Aliases = BuildAliases();

    public static string DisplayName(this AssetKind kind) => kind switch
    {
        AssetKind.Plc => "PLC",
        AssetKind.Rtu => "RTU",
        AssetKind.SafetyController => "Safety controller (SIS)",
        AssetKind.Ied => "IED",
        AssetKind.Drive => "Drive",
        AssetKind.FieldDevice => "Field device",
        AssetKind.Hmi => "HMI",
        AssetKind.EngineeringWorkstation => "Engineering workstation",
        AssetKind.Historian => "Historian",
        AssetKind.ScadaServer => "SCADA server",
        AssetKind.OpcServer => "OPC server",
        AssetKind.Switch => "Switch",
        AssetKind.Router => "Router",
        AssetKind.Firewall => "Firewall",
        AssetKind.DataDiode => "Data diode",
        AssetKind.JumpHost => "Jump host",
        AssetKind.VpnGateway => "VPN gateway",
        AssetKind.Server => "Server",
        AssetKind.Workstation => "Workstation",
        AssetKind.Printer => "Printer",
        AssetKind.CloudConnector => "Cloud connector",
        AssetKind.CustomApplication => "Custom application",
        _ => "Other",
    };

    /// <summary>Controllers that act on the physical process directly.</summary>
    public static bool IsController(this AssetKind kind) =>
        kind is AssetKind.Plc or AssetKind.Rtu or AssetKind.SafetyController or AssetKind.Ied or AssetKind.Drive;

    /// <summary>Hosts that hold credentials or sessions into other assets; controlling one extends an attacker's reach.</summary>
    public static bool HoldsTrust(this AssetKind kind) =>
        kind is AssetKind.EngineeringWorkstation or AssetKind.JumpHost or AssetKind.Hmi or AssetKind.ScadaServer;

    /// <summary>Accepts the enum name, the display name and the words plants use in spreadsheets ("SIS", "EWS", "PAC" …).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out AssetKind? kind)
    {
        kind = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (Aliases.TryGetValue(Normalise(text), out var found))
        {
            kind = found;
            return true;
        }

        return false;
    }

    public static string Expected { get; } =
        "an asset kind such as PLC, RTU, Safety controller, HMI, Engineering workstation, Historian, SCADA server, Switch, Firewall, Jump host, VPN gateway, Server, Workstation (see docs/inventory-formats.md for the full list)";

    private static string Normalise(string text) =>
        new string(text.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();

    private static Dictionary<string, AssetKind> BuildAliases()
    {
        var map = new Dictionary<string, AssetKind>(StringComparer.Ordinal);
        foreach (var kind in Enum.GetValues<AssetKind>())
        {
            map[Normalise(kind.ToString())] = kind;
            map[Normalise(kind.DisplayName())] = kind;
        }

        void Alias(AssetKind kind, params string[] words)
        {
            foreach (var w in words)
            {
                map[Normalise(w)] = kind;
            }
        }

        Alias(AssetKind.Plc, "PAC", "controller", "programmable logic controller");
        Alias(AssetKind.SafetyController, "SIS", "safety PLC", "safety instrumented system", "SIS logic solver");
        Alias(AssetKind.Ied, "protection relay", "relay");
        Alias(AssetKind.Drive, "VFD", "variable frequency drive", "servo drive");
        Alias(AssetKind.FieldDevice, "sensor", "actuator", "instrument", "remote IO", "IO module");
        Alias(AssetKind.Hmi, "operator panel", "operator station", "panel PC");
        Alias(AssetKind.EngineeringWorkstation, "EWS", "engineering station", "ES");
        Alias(AssetKind.ScadaServer, "SCADA", "DCS server");
        Alias(AssetKind.OpcServer, "OPC", "OPC UA server");
        Alias(AssetKind.JumpHost, "jump server", "bastion");
        Alias(AssetKind.VpnGateway, "VPN", "remote access gateway");
        Alias(AssetKind.Workstation, "PC", "laptop", "desktop", "office PC");
        Alias(AssetKind.CloudConnector, "IIoT gateway", "edge gateway");
        Alias(AssetKind.CustomApplication, "application", "custom app");
        return map;
    }
}
