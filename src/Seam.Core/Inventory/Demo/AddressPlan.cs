using System.Globalization;

namespace Seam.Inventory.Demo;

/// <summary>
/// Hands out zone subnets and host addresses so that every address is unique and inside its zone.
/// The demo uses readable /24s (10.&lt;site&gt;.&lt;zone&gt;.0/24, the way plants number VLANs);
/// scaled models take consecutive /20 blocks from 10.0.0.0/8 and give a zone another block when it fills up.
/// </summary>
internal sealed class AddressPlan
{
    private const int ScaledPrefix = 20;
    private const uint TenSlashEight = 10u << 24;
    private const uint TenSlashEightSize = 1u << 24;

    private readonly bool scaled;
    private readonly Random random;
    private uint nextScaledBlock;

    public AddressPlan(bool scaled, Random random)
    {
        this.scaled = scaled;
        this.random = random;
    }

    public ZoneAddresses ForZone(int siteOctet, int zoneOctet)
    {
        var pool = new ZoneAddresses(this);
        if (scaled)
        {
            pool.AddBlock(NextScaledBlock(), ScaledPrefix);
        }
        else
        {
            pool.AddBlock(TenSlashEight | ((uint)siteOctet << 16) | ((uint)zoneOctet << 8), 24);
        }

        return pool;
    }

    private uint NextScaledBlock()
    {
        var size = 1u << (32 - ScaledPrefix);
        if (nextScaledBlock + size > TenSlashEightSize)
        {
            throw new InvalidOperationException("The scaled model needs more address space than 10.0.0.0/8 holds; ask for fewer assets.");
        }

        var block = TenSlashEight + nextScaledBlock;
        nextScaledBlock += size;
        return block;
    }

    internal static string Format(uint address) => string.Create(CultureInfo.InvariantCulture,
        $"{address >> 24}.{(address >> 16) & 0xff}.{(address >> 8) & 0xff}.{address & 0xff}");

    /// <summary>The subnets of one zone and the next free host in them.</summary>
    internal sealed class ZoneAddresses(AddressPlan plan)
    {
        // .0 is the network, .1 the gateway on the zone's firewall or L3 switch; the demo starts hosts at .10
        // because plants keep the first addresses for network gear they add later.
        private const uint FirstDemoHost = 10;
        private const uint FirstScaledHost = 2;

        private readonly List<string> subnets = [];
        private uint network;
        private uint size;
        private uint nextHost;

        public IReadOnlyList<string> Subnets => subnets;

        public string Next()
        {
            // Demo addresses leave the odd gap, as real address plans do after years of moves and changes.
            var step = plan.scaled ? 0u : (uint)plan.random.Next(0, 3);
            if (nextHost + step >= size - 1)
            {
                if (!plan.scaled)
                {
                    throw new InvalidOperationException($"Zone subnet {subnets[^1]} is full; the demo plan puts too many assets in one /24.");
                }

                AddBlock(plan.NextScaledBlock(), ScaledPrefix);
                step = 0;
            }

            nextHost += step;
            return Format(network + nextHost++);
        }

        internal void AddBlock(uint block, int prefix)
        {
            network = block;
            size = 1u << (32 - prefix);
            nextHost = plan.scaled ? FirstScaledHost : FirstDemoHost;
            subnets.Add(Format(block) + "/" + prefix.ToString(CultureInfo.InvariantCulture));
        }
    }
}
