namespace Seam.Protocols.Frames;

/// <summary>The LINKTYPE_ values (tcpdump.org link-layer header types) Seam decodes.</summary>
internal static class LinkTypes
{
    /// <summary>BSD loopback: a 4-byte address family in the byte order of the machine that captured.</summary>
    public const uint Null = 0;
    public const uint Ethernet = 1;

    /// <summary>DLT_RAW as written by some systems before LINKTYPE_RAW existed.</summary>
    public const uint RawLegacy12 = 12;
    public const uint RawLegacy14 = 14;
    public const uint Raw = 101;

    /// <summary>OpenBSD loopback: like <see cref="Null"/> but the family is in network byte order.</summary>
    public const uint Loop = 108;
    public const uint LinuxSll = 113;
    public const uint Ipv4 = 228;
    public const uint Ipv6 = 229;
    public const uint LinuxSll2 = 276;
}

/// <summary>EtherTypes the frame decoder itself looks at.</summary>
internal static class EtherTypes
{
    public const ushort Ipv4 = 0x0800;
    public const ushort Ipv6 = 0x86DD;
    public const ushort Vlan = 0x8100;
    public const ushort ProviderBridging = 0x88A8;
    public const ushort LegacyQinQ = 0x9100;

    /// <summary>Values below this in the EtherType field are IEEE 802.3 lengths.</summary>
    public const ushort MinimumEtherType = 0x0600;
}
