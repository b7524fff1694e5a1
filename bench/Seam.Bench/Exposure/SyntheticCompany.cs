using System.Globalization;
using Seam.Exposure.Model;
using Seam.Inventory;

namespace Seam.Bench.Exposure;

/// <summary>
/// A made-up manufacturing company of any size from 200 to 200,000 assets, for the exposure benchmark: sites of about
/// 5,000 assets, about one zone per 50 assets laid out on the Purdue levels, conduits as real plants have them (and a few
/// they should not have), about five findings per asset and several entry points per site. The same size and seed always
/// give the same company. See <see cref="SyntheticSite"/> for one site's layout and <see cref="SyntheticFindings"/> for
/// the findings.
/// </summary>
public static class SyntheticCompany
{
    public const int AssetsPerSite = 5_000;

    public const int MinimumAssets = 200;

    /// <summary>Every zone gets a /20 out of 10.0.0.0/8, so 4,096 zones (about 200,000 assets) is the ceiling.</summary>
    public const int MaximumAssets = 200_000;

    /// <summary>The moment the model describes; fixed so that runs do not depend on the clock.</summary>
    public static DateTimeOffset At { get; } = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    public static ExposureInput Create(int assetCount, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(assetCount, MinimumAssets);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(assetCount, MaximumAssets);
        var random = new Random(seed);
        var company = new CompanyBuilder();
        company.Teams.Add(new Team { Id = "vendor.integrator", Name = "Northwind Automation (system integrator)", Side = TeamSide.Vendor });
        company.Teams.Add(new Team { Id = "vendor.oem", Name = "Contoso Machines service (OEM)", Side = TeamSide.Vendor });
        company.Teams.Add(new Team { Id = "group.seam", Name = "Group OT security", Side = TeamSide.Joint });

        var sites = Math.Max(1, (int)Math.Round(assetCount / (double)AssetsPerSite, MidpointRounding.AwayFromZero));
        for (var s = 0; s < sites; s++)
        {
            var assets = (assetCount / sites) + (s < assetCount % sites ? 1 : 0);
            new SyntheticSite(company, random, s + 1, assets).Build();
        }

        var inventory = company.Build();
        var findings = new SyntheticFindings(random).For(inventory.Assets, company.Roles);
        return new ExposureInput { Inventory = inventory, Findings = findings, At = At };
    }
}

/// <summary>The lists a company is collected in while sites are built, and the address plan they share.</summary>
internal sealed class CompanyBuilder
{
    private int zoneCount;

    public List<Team> Teams { get; } = [];

    public List<Site> Sites { get; } = [];

    public List<Zone> Zones { get; } = [];

    public List<Conduit> Conduits { get; } = [];

    public List<Asset> Assets { get; } = [];

    /// <summary>The role each asset of <see cref="Assets"/> was made from, in the same order; the findings are drawn by it.</summary>
    public List<SyntheticRole> Roles { get; } = [];

    public List<EntryPoint> EntryPoints { get; } = [];

    /// <summary>The next zone's /20 (4,094 hosts, more than any generated zone holds) and its first three octets' base.</summary>
    public (string Subnet, int Base) NextSubnet()
    {
        var z = zoneCount++;
        if (z >= 4096)
        {
            throw new InvalidOperationException("The address plan has room for 4,096 zones.");
        }

        var value = (10 << 24) | (z << 12);
        return (Address(value) + "/20", value);
    }

    /// <summary>The <paramref name="host"/>-th address of a zone whose /20 starts at <paramref name="subnetBase"/> (host 0 is the first usable).</summary>
    public static string HostAddress(int subnetBase, int host)
    {
        if (host >= 4094)
        {
            throw new InvalidOperationException("A zone's /20 holds 4,094 hosts.");
        }

        return Address(subnetBase + host + 1);
    }

    public InventoryModel Build() => new()
    {
        Teams = Teams,
        Sites = Sites,
        Zones = Zones,
        Conduits = Conduits,
        Assets = Assets,
        EntryPoints = EntryPoints,
    };

    private static string Address(int value) => string.Create(CultureInfo.InvariantCulture,
        $"{(value >> 24) & 255}.{(value >> 16) & 255}.{(value >> 8) & 255}.{value & 255}");
}
