using Seam.Protocols.Dissection;

namespace Seam.Protocols.OpcUa;

/// <summary>
/// What the clear-text discovery and session services say about a server: the bodies of OpenSecureChannel,
/// GetEndpoints, FindServers and ActivateSession (OPC 10000-4 §5.4–5.6, encoded per OPC 10000-6 §5.2).
/// </summary>
internal static class OpcUaDiscovery
{
    // A response with more endpoints than this is not worth walking for identity; it is not an error.
    private const int MaxEndpoints = 64;

    public static void ReportRequestedSecurityMode(in FrameInfo frame, ReadOnlySpan<byte> body, IDissectionSink sink)
    {
        var reader = new UaBinaryReader(body);
        reader.SkipRequestHeader();
        reader.UInt32();
        reader.UInt32();
        var mode = reader.UInt32();
        if (!reader.Failed)
        {
            OpcUaDissector.Report(frame, sink, DeviceRef.Destination(frame), IdentityField.SecurityMode, SecurityModeName(mode));
        }
    }

    public static void ReportEndpoints(in FrameInfo frame, ReadOnlySpan<byte> body, IDissectionSink sink)
    {
        var reader = new UaBinaryReader(body);
        reader.SkipResponseHeader();
        var count = reader.ArrayLength();
        var server = DeviceRef.Source(frame);
        for (var i = 0; i < Math.Min(count, MaxEndpoints) && !reader.Failed; i++)
        {
            var endpointUrl = reader.String();
            var application = ReadApplication(ref reader);
            reader.SkipString();
            var mode = reader.UInt32();
            var policy = reader.String();
            SkipUserTokenPolicies(ref reader);
            reader.SkipString();
            reader.Byte();
            if (reader.Failed)
            {
                return;
            }

            OpcUaDissector.Report(frame, sink, server, IdentityField.EndpointUrl, endpointUrl);
            OpcUaDissector.Report(frame, sink, server, IdentityField.SecurityMode, SecurityModeName(mode));
            OpcUaDissector.Report(frame, sink, server, IdentityField.SecurityPolicy, policy);
            application.Report(frame, sink, server);
        }
    }

    /// <summary>
    /// A discovery server lists other servers too, so the answer says something about its sender only when it
    /// lists exactly one server: the sender itself.
    /// </summary>
    public static void ReportServers(in FrameInfo frame, ReadOnlySpan<byte> body, IDissectionSink sink)
    {
        var reader = new UaBinaryReader(body);
        reader.SkipResponseHeader();
        if (reader.ArrayLength() != 1)
        {
            return;
        }

        var application = ReadApplication(ref reader);
        if (!reader.Failed)
        {
            application.Report(frame, sink, DeviceRef.Source(frame));
        }
    }

    /// <summary>
    /// A UserNameIdentityToken whose EncryptionAlgorithm is empty carries its password as plain bytes; with a
    /// token policy that names an algorithm the password is encrypted for the server's certificate even on a
    /// channel with security policy None, which is why the algorithm, not the channel, decides.
    /// </summary>
    public static void ReportClearTextPassword(in FrameInfo frame, ReadOnlySpan<byte> body, IDissectionSink sink)
    {
        var reader = new UaBinaryReader(body);
        reader.SkipRequestHeader();
        reader.SkipString();
        reader.SkipString();
        var certificates = reader.ArrayLength(smallestElement: 8);
        for (var i = 0; i < certificates && !reader.Failed; i++)
        {
            reader.SkipString();
            reader.SkipString();
        }

        reader.SkipStringArray();
        var tokenType = reader.NodeId();
        var bodyEncoding = reader.Byte();
        reader.Int32();
        if (reader.Failed || tokenType != OpcUaServices.UserNameIdentityToken || bodyEncoding != 0x01)
        {
            return;
        }

        reader.SkipString();
        var userName = reader.String();
        var password = reader.Bytes();
        var algorithm = reader.String();
        if (reader.Failed || password.IsEmpty || !string.IsNullOrEmpty(algorithm))
        {
            return;
        }

        sink.Event(frame, ProtocolId.OpcUa, DiscoveryEventKind.ClearTextCredential,
            $"OPC UA ActivateSession sent the password of user '{userName}' unencrypted: the message is not encrypted "
            + "and the UserNameIdentityToken names no EncryptionAlgorithm, so the password bytes are the password itself");
    }

    private static ApplicationDescription ReadApplication(ref UaBinaryReader reader)
    {
        var applicationUri = reader.String();
        var productUri = reader.String();
        var name = reader.LocalizedText();
        reader.UInt32();
        reader.SkipString();
        reader.SkipString();
        reader.SkipStringArray();
        return new ApplicationDescription(applicationUri, productUri, name);
    }

    private static void SkipUserTokenPolicies(ref UaBinaryReader reader)
    {
        var count = reader.ArrayLength(smallestElement: 20);
        for (var i = 0; i < count && !reader.Failed; i++)
        {
            reader.SkipString();
            reader.UInt32();
            reader.SkipString();
            reader.SkipString();
            reader.SkipString();
        }
    }

    private static string? SecurityModeName(uint mode) => mode switch
    {
        1 => "None",
        2 => "Sign",
        3 => "SignAndEncrypt",
        _ => null,
    };

    private readonly record struct ApplicationDescription(string? ApplicationUri, string? ProductUri, string? Name)
    {
        public void Report(in FrameInfo frame, IDissectionSink sink, DeviceRef server)
        {
            OpcUaDissector.Report(frame, sink, server, IdentityField.ApplicationUri, ApplicationUri);
            OpcUaDissector.Report(frame, sink, server, IdentityField.Product, string.IsNullOrEmpty(ProductUri) ? Name : ProductUri);
        }
    }
}
