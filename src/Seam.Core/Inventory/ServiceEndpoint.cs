using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Seam.Inventory;

public enum Transport
{
    Tcp,
    Udp,

    /// <summary>Layer-2 protocols such as PROFINET DCP that have no port.</summary>
    Ethernet,
}

/// <summary>
/// A network service: an optional protocol name, a transport and a port range.
/// Written as <c>modbus:tcp/502</c>, <c>tcp/1024-65535</c>, <c>profinet-dcp:eth</c> or just a known name such as <c>s7</c>.
/// </summary>
public readonly record struct ServiceEndpoint(string? Protocol, Transport Transport, int FirstPort, int LastPort)
{
    public bool IsSinglePort => FirstPort == LastPort;

    public bool Covers(Transport transport, int port) =>
        Transport == transport && (Transport == Transport.Ethernet || (port >= FirstPort && port <= LastPort));

    /// <summary>True when this service allows everything <paramref name="other"/> does.</summary>
    public bool Covers(ServiceEndpoint other) =>
        Transport == other.Transport
        && (Transport == Transport.Ethernet || (other.FirstPort >= FirstPort && other.LastPort <= LastPort));

    public override string ToString()
    {
        var transport = Transport switch
        {
            Transport.Tcp => "tcp",
            Transport.Udp => "udp",
            _ => "eth",
        };
        var port = Transport == Transport.Ethernet ? string.Empty
            : IsSinglePort ? "/" + FirstPort.ToString(CultureInfo.InvariantCulture)
            : "/" + FirstPort.ToString(CultureInfo.InvariantCulture) + "-" + LastPort.ToString(CultureInfo.InvariantCulture);
        return Protocol is null ? transport + port : Protocol + ":" + transport + port;
    }

    public const string Expected = "a service such as modbus:tcp/502, tcp/1024-65535, udp/47808, profinet-dcp:eth or a known protocol name (modbus, s7, enip, dnp3, opcua, https …)";

    public static bool TryParse(string? text, [NotNullWhen(true)] out ServiceEndpoint? service, out string? error)
    {
        service = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the service is empty";
            return false;
        }

        var t = text.Trim().ToLowerInvariant();
        string? protocol = null;
        var colon = t.IndexOf(':', StringComparison.Ordinal);
        string rest;
        if (colon >= 0)
        {
            protocol = t[..colon].Trim();
            rest = t[(colon + 1)..].Trim();
            if (protocol.Length == 0)
            {
                error = $"'{text}' has an empty protocol name before ':'";
                return false;
            }
        }
        else if (!t.StartsWith("tcp", StringComparison.Ordinal) && !t.StartsWith("udp", StringComparison.Ordinal) && t != "eth")
        {
            if (KnownServices.TryGet(t, out var known))
            {
                service = known;
                return true;
            }

            error = $"'{text}' is not a known protocol name and has no transport/port";
            return false;
        }
        else
        {
            rest = t;
        }

        if (rest == "eth")
        {
            service = new ServiceEndpoint(protocol, Transport.Ethernet, 0, 0);
            return true;
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            error = $"'{text}' has no port: expected tcp/PORT or udp/PORT";
            return false;
        }

        var transportText = rest[..slash];
        Transport transport;
        if (transportText == "tcp")
        {
            transport = Transport.Tcp;
        }
        else if (transportText == "udp")
        {
            transport = Transport.Udp;
        }
        else
        {
            error = $"'{text}' has transport '{transportText}': expected tcp, udp or eth";
            return false;
        }

        var ports = rest[(slash + 1)..];
        var dash = ports.IndexOf('-', StringComparison.Ordinal);
        var firstText = dash < 0 ? ports : ports[..dash];
        var lastText = dash < 0 ? ports : ports[(dash + 1)..];
        if (!TryPort(firstText, out var first) || !TryPort(lastText, out var last))
        {
            error = $"'{text}' has port '{ports}': expected a port 0–65535 or a range such as 1024-65535";
            return false;
        }

        if (last < first)
        {
            error = $"'{text}' has a port range that ends before it starts";
            return false;
        }

        service = new ServiceEndpoint(protocol, transport, first, last);
        return true;
    }

    public static ServiceEndpoint Parse(string text) =>
        TryParse(text, out var s, out var error) ? s.Value : throw new FormatException(error);

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 0 and <= 65535;
}

/// <summary>Well-known services by the names plants use. ICS protocols that carry no authentication are marked.</summary>
public static class KnownServices
{
    private static readonly Dictionary<string, (ServiceEndpoint Service, bool Unauthenticated)> Table = new(StringComparer.OrdinalIgnoreCase)
    {
        ["modbus"] = (new("modbus", Transport.Tcp, 502, 502), true),
        ["s7"] = (new("s7", Transport.Tcp, 102, 102), true),
        ["s7comm"] = (new("s7", Transport.Tcp, 102, 102), true),
        ["enip"] = (new("enip", Transport.Tcp, 44818, 44818), true),
        ["ethernet/ip"] = (new("enip", Transport.Tcp, 44818, 44818), true),
        ["cip-io"] = (new("cip-io", Transport.Udp, 2222, 2222), true),
        ["dnp3"] = (new("dnp3", Transport.Tcp, 20000, 20000), true),
        ["iec104"] = (new("iec104", Transport.Tcp, 2404, 2404), true),
        ["bacnet"] = (new("bacnet", Transport.Udp, 47808, 47808), true),
        ["profinet-dcp"] = (new("profinet-dcp", Transport.Ethernet, 0, 0), true),
        ["opcua"] = (new("opcua", Transport.Tcp, 4840, 4840), false),
        ["mqtt"] = (new("mqtt", Transport.Tcp, 1883, 1883), false),
        ["mqtts"] = (new("mqtts", Transport.Tcp, 8883, 8883), false),
        ["http"] = (new("http", Transport.Tcp, 80, 80), false),
        ["https"] = (new("https", Transport.Tcp, 443, 443), false),
        ["ssh"] = (new("ssh", Transport.Tcp, 22, 22), false),
        ["rdp"] = (new("rdp", Transport.Tcp, 3389, 3389), false),
        ["vnc"] = (new("vnc", Transport.Tcp, 5900, 5900), false),
        ["smb"] = (new("smb", Transport.Tcp, 445, 445), false),
        ["mssql"] = (new("mssql", Transport.Tcp, 1433, 1433), false),
        ["ntp"] = (new("ntp", Transport.Udp, 123, 123), false),
        ["dns"] = (new("dns", Transport.Udp, 53, 53), false),
        ["snmp"] = (new("snmp", Transport.Udp, 161, 161), false),
        ["syslog"] = (new("syslog", Transport.Udp, 514, 514), false),
        ["ipsec"] = (new("ipsec", Transport.Udp, 500, 500), false),
        ["ldap"] = (new("ldap", Transport.Tcp, 389, 389), false),
        ["kerberos"] = (new("kerberos", Transport.Tcp, 88, 88), false),
        ["pi"] = (new("pi", Transport.Tcp, 5450, 5450), false),
    };

    public static bool TryGet(string name, [NotNullWhen(true)] out ServiceEndpoint? service)
    {
        service = null;
        if (Table.TryGetValue(name.Trim(), out var entry))
        {
            service = entry.Service;
            return true;
        }

        return false;
    }

    /// <summary>
    /// True for ICS protocols that accept commands from anyone who can reach them (Modbus/TCP, S7, EtherNet/IP,
    /// DNP3 without secure authentication, IEC 104, BACnet, PROFINET DCP).
    /// </summary>
    public static bool IsUnauthenticatedIcsProtocol(ServiceEndpoint service)
    {
        if (service.Protocol is not null && Table.TryGetValue(service.Protocol, out var byName))
        {
            return byName.Unauthenticated;
        }

        return Table.Values.Any(e => e.Unauthenticated && e.Service.Transport == service.Transport
            && service.Transport != Transport.Ethernet && e.Service.FirstPort >= service.FirstPort && e.Service.FirstPort <= service.LastPort
            && service.IsSinglePort);
    }
}
