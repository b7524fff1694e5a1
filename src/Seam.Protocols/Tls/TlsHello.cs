using Seam.Protocols.Http;

namespace Seam.Protocols.Tls;

/// <summary>What Seam keeps from a ClientHello: the server name asked for and the application protocols offered.</summary>
internal readonly record struct ClientHelloSummary(string ServerName, string Alpn);

/// <summary>Readers for the ClientHello and ServerHello bodies (after the 4-byte handshake header).</summary>
internal static class TlsHello
{
    private const ushort ExtensionServerName = 0;
    private const ushort ExtensionAlpn = 16;
    private const ushort ExtensionSupportedVersions = 43;

    public static bool TryReadClientHello(ReadOnlySpan<byte> message, out ClientHelloSummary hello)
    {
        hello = default;
        var reader = new BigEndianReader(message);
        reader.Skip(2 + 32);            // legacy_version, random
        reader.Skip(reader.U8());       // legacy_session_id
        reader.Skip(reader.U16());      // cipher_suites
        reader.Skip(reader.U8());       // legacy_compression_methods
        if (!reader.Ok)
        {
            return false;
        }

        var serverName = "";
        var alpn = "";
        if (reader.Remaining >= 2)
        {
            var extensions = new BigEndianReader(reader.Take(Math.Min(reader.U16(), reader.Remaining)));
            while (extensions.Remaining >= 4)
            {
                var type = extensions.U16();
                var data = extensions.Take(extensions.U16());
                if (type == ExtensionServerName)
                {
                    serverName = ReadHostName(data);
                }
                else if (type == ExtensionAlpn)
                {
                    alpn = ReadAlpn(data);
                }
            }
        }

        hello = new ClientHelloSummary(serverName, alpn);
        return true;
    }

    /// <summary>The version the server chose: supported_versions when present (TLS 1.3 hides it there), else legacy_version.</summary>
    public static bool TryReadServerVersion(ReadOnlySpan<byte> message, out ushort version)
    {
        var reader = new BigEndianReader(message);
        version = reader.U16();
        reader.Skip(32);
        reader.Skip(reader.U8());   // legacy_session_id_echo
        reader.Skip(2 + 1);         // cipher_suite, legacy_compression_method
        if (!reader.Ok)
        {
            return false;
        }

        if (reader.Remaining >= 2)
        {
            var extensions = new BigEndianReader(reader.Take(Math.Min(reader.U16(), reader.Remaining)));
            while (extensions.Remaining >= 4)
            {
                var type = extensions.U16();
                var data = extensions.Take(extensions.U16());
                if (type == ExtensionSupportedVersions && data.Length == 2)
                {
                    version = (ushort)((data[0] << 8) | data[1]);
                }
            }
        }

        return true;
    }

    public static string VersionName(ushort version) => version switch
    {
        0x0300 => "SSL 3.0",
        0x0301 => "TLS 1.0",
        0x0302 => "TLS 1.1",
        0x0303 => "TLS 1.2",
        0x0304 => "TLS 1.3",
        _ => "TLS version 0x" + version.ToString("x4", System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>RFC 6066 §3: a list of (type, length, name); only type 0 (host_name) is defined.</summary>
    private static string ReadHostName(ReadOnlySpan<byte> data)
    {
        var reader = new BigEndianReader(data);
        var list = new BigEndianReader(reader.Take(Math.Min(reader.U16(), reader.Remaining)));
        while (list.Remaining >= 3)
        {
            var type = list.U8();
            var name = list.Take(list.U16());
            if (type == 0 && list.Ok && name.Length > 0)
            {
                return AsciiText.ToPrintable(name);
            }
        }

        return "";
    }

    /// <summary>RFC 7301 §3.1: a list of length-prefixed protocol names, joined with commas for display.</summary>
    private static string ReadAlpn(ReadOnlySpan<byte> data)
    {
        var reader = new BigEndianReader(data);
        var list = new BigEndianReader(reader.Take(Math.Min(reader.U16(), reader.Remaining)));
        var names = new List<string>();
        while (list.Remaining >= 1 && names.Count < 16)
        {
            var name = list.Take(list.U8());
            if (!list.Ok)
            {
                break;
            }

            names.Add(AsciiText.ToPrintable(name));
        }

        return string.Join(",", names);
    }
}
