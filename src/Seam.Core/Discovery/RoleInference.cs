using Seam.Inventory;
using Seam.Protocols.Dissection;

namespace Seam.Discovery;

/// <summary>
/// Infers what a device is from how it behaved on the wire. The first rule that holds wins, most telling first:
/// changing a controller's logic says more than polling it. Each answer carries its reason in IT and OT terms.
/// </summary>
internal static class RoleInference
{
    private static readonly ProtocolId[] ServerProtocols =
    [
        ProtocolId.S7Comm, ProtocolId.S7CommPlus, ProtocolId.ModbusTcp, ProtocolId.Cip, ProtocolId.EtherNetIp,
        ProtocolId.Dnp3, ProtocolId.Iec104, ProtocolId.OpcUa, ProtocolId.Bacnet, ProtocolId.BacnetIp,
    ];

    public static (AssetKind? Role, RoleReason? Reason) Infer(DeviceDraft device)
    {
        if (device.Gateway > 0)
        {
            return (AssetKind.Router, new RoleReason(
                $"MAC {device.Key} was the Ethernet sender or receiver for {device.Gateway} different IPv4 addresses: traffic was routed through it.",
                "A router or firewall: the way into this network from other zones runs through it."));
        }

        var changedLogic = device.Issued.FirstOrDefault(i =>
            ProtocolNames.IsIndustrial(i.Protocol) && i.Kind is OperationKind.ProgramDownload or OperationKind.ProgramUpload);
        if (changedLogic != default)
        {
            var verb = changedLogic.Kind == OperationKind.ProgramDownload ? "downloaded a program to" : "uploaded a program from";
            return (AssetKind.EngineeringWorkstation, new RoleReason(
                $"Sent {ProtocolNames.Display(changedLogic.Protocol)} program transfer requests (it {verb} a controller).",
                "An engineering workstation: it changes or reads out controller logic, the most powerful position on the plant floor."));
        }

        foreach (var protocol in ServerProtocols)
        {
            if (device.Serves.Contains(protocol))
            {
                return ServerRole(device, protocol);
            }
        }

        if (device.Layer2.Contains(ProtocolId.ProfinetDcp) && device.Identity.Any(f => f.Field == IdentityField.StationName))
        {
            return (AssetKind.FieldDevice, new RoleReason(
                "Answered a PROFINET DCP Identify with its station name.",
                "A PROFINET device (an I/O device or a controller) on the cell network."));
        }

        var commanded = device.Issued.FirstOrDefault(i =>
            ProtocolNames.IsIndustrial(i.Protocol) && i.Kind is OperationKind.Write or OperationKind.Control);
        if (commanded != default)
        {
            return (AssetKind.Hmi, new RoleReason(
                $"Sent {ProtocolNames.Display(commanded.Protocol)} {(commanded.Kind == OperationKind.Write ? "write" : "control")} requests to controllers.",
                "An HMI or engineering station: it changes set-points and commands equipment."));
        }

        if (device.Uses.Contains(ProtocolId.Dnp3) || device.Uses.Contains(ProtocolId.Iec104))
        {
            var protocol = device.Uses.Contains(ProtocolId.Dnp3) ? ProtocolId.Dnp3 : ProtocolId.Iec104;
            return (AssetKind.ScadaServer, new RoleReason(
                $"Acted as the {ProtocolNames.Display(protocol)} master (controlling station) towards outstations.",
                "A SCADA server or front-end: it polls remote stations and can send them commands."));
        }

        var polled = device.Uses.FirstOrDefault(ProtocolNames.IsIndustrial);
        if (polled != ProtocolId.Unknown)
        {
            return (AssetKind.Hmi, new RoleReason(
                $"Sent {ProtocolNames.Display(polled)} requests to controllers and only read.",
                "An HMI, SCADA or historian: it watches the process without changing it."));
        }

        if (device.Layer2.Contains(ProtocolId.Cdp)
            || (device.Layer2.Contains(ProtocolId.Lldp) && device.Ips.Count == 0 && device.Serves.Count == 0))
        {
            return (AssetKind.Switch, new RoleReason(
                $"Announced itself with {(device.Layer2.Contains(ProtocolId.Cdp) ? "CDP" : "LLDP")} and carried no IP traffic of its own.",
                "A network switch: every device on its ports shares its fate."));
        }

        var itService = device.Serves.FirstOrDefault(p => p is ProtocolId.Http or ProtocolId.Tls or ProtocolId.Smb or ProtocolId.Dns or ProtocolId.Ftp);
        if (itService != ProtocolId.Unknown)
        {
            return (AssetKind.Server, new RoleReason(
                $"Answered {ProtocolNames.Display(itService)} requests.",
                "An IT server on this network: patched and managed on IT's cycle, reachable from where its clients are."));
        }

        return (null, null);
    }

    private static (AssetKind?, RoleReason?) ServerRole(DeviceDraft device, ProtocolId protocol)
    {
        var name = ProtocolNames.Display(protocol);
        var it = $"Answered {name} requests as the server.";
        switch (protocol)
        {
            case ProtocolId.Dnp3:
            case ProtocolId.Iec104:
                return (AssetKind.Rtu, new RoleReason(it,
                    $"A remote station (RTU or IED) answering a control centre over {name}: it switches or measures field equipment."));
            case ProtocolId.OpcUa:
                return (AssetKind.OpcServer, new RoleReason(it,
                    "An OPC UA server: a gateway that exposes process data, and often commands, to other systems."));
            case ProtocolId.Bacnet:
            case ProtocolId.BacnetIp:
                return (AssetKind.Plc, new RoleReason(it,
                    "A building-automation controller: it runs HVAC, access or lighting logic."));
        }

        var deviceType = device.Identity.FirstOrDefault(f => f.Field == IdentityField.DeviceType)?.Value ?? "";
        if (deviceType.Contains("drive", StringComparison.OrdinalIgnoreCase))
        {
            return (AssetKind.Drive, new RoleReason(it + $" It says it is a '{deviceType}'.",
                "A drive: it turns a motor, so a command to it moves machinery."));
        }

        if (deviceType.Contains("adapter", StringComparison.OrdinalIgnoreCase) || deviceType.Contains("I/O", StringComparison.OrdinalIgnoreCase))
        {
            return (AssetKind.FieldDevice, new RoleReason(it + $" It says it is a '{deviceType}'.",
                "An I/O or communications adapter in the field: it connects sensors and actuators to a controller."));
        }

        return (AssetKind.Plc, new RoleReason(it,
            $"A controller: others read and write its {name} data, and it runs the process logic."));
    }
}
