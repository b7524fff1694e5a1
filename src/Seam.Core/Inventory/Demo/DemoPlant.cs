namespace Seam.Inventory.Demo;

/// <summary>A policy smell the demo carries on purpose, so the product has something real to show.</summary>
/// <param name="Code">The validator's smell code, e.g. "conduit-bypasses-dmz".</param>
/// <param name="Why">The story behind it, as a plant would tell it.</param>
public sealed record DeliberateSmell(string Code, InventoryEntity Entity, string EntityId, string Why);

/// <summary>
/// Kestrel Group, a made-up company with two real-looking plants: the Riverside bottling plant and the Eastport
/// chemical batch plant. Built from code with a fixed seed, so the same seed always gives the same model.
/// See docs/demo-plant.md for what is in it and what to look at.
/// </summary>
public static class DemoPlant
{
    /// <summary>The instant the demo's "last seen" times are counted back from; fixed so models do not depend on the clock.</summary>
    public static DateTimeOffset ReferenceInstant { get; } = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);

    public const int DefaultSeed = 2026;

    /// <summary>Largest model <see cref="CreateScaled"/> builds; beyond it the /20-per-zone address plan outgrows 10.0.0.0/8.</summary>
    public const int MaximumScaledAssetCount = 1_000_000;

    // How the demo's assets scale; it does not depend on the seed (only versions, serials, MACs and address gaps do).
    private static readonly Lazy<RoleTally> DemoTally = new(() => BuildDemo(DefaultSeed).Tally);

    /// <summary>The policy smells <see cref="Create"/> puts in on purpose; the validator finds exactly these and no others.</summary>
    public static IReadOnlyList<DeliberateSmell> DeliberateSmells { get; } =
    [
        new("conduit-bypasses-dmz", InventoryEntity.Conduit, "riverside.c.l4-to-l2-packaging",
            "A rule from 2021 lets office PCs reach the packaging operator stations over VNC, straight past the industrial DMZ."),
        new("always-on-vendor-access-without-mfa", InventoryEntity.EntryPoint, "eastport.ep.delta-teamviewer",
            "The integrator's TeamViewer on the PlantPAx engineering workstation is always on and needs only a password."),
        new("asset-without-owner", InventoryEntity.Asset, "DEV-R-101",
            "A serial gateway the CO2 analyser supplier put into the Line 2 cell during commissioning; nobody owns it."),
        new("address-outside-zone-subnets", InventoryEntity.Asset, "HMI-R-119",
            "A Line 1 panel swapped in from Line 2's spares that still has its Line 2 address, so the Line 1 cell firewall does not cover it."),
        new("asset-without-owner", InventoryEntity.Asset, "WS-E-131",
            "The weighbridge contractor's PC in site operations; nobody took it over."),
    ];

    /// <summary>The demo company: two sites, 27 zones on every Purdue level, about 400 assets, conduits, entry points and the <see cref="DeliberateSmells"/>.</summary>
    public static InventoryModel Create(int seed = DefaultSeed) => BuildDemo(seed).Build();

    /// <summary>
    /// A model of the same shape with exactly <paramref name="assetCount"/> assets, for benchmarks and scale tests.
    /// It grows three ways at once, as a real company does: more sites (pairs of Riverside and Eastport copies),
    /// more production areas per site, and more devices per area. Each zone gets /20 subnets so addresses stay
    /// unique and inside their zone. Only the first Riverside and Eastport carry the deliberate smells.
    /// </summary>
    /// <param name="assetCount">From the demo's own asset count up to <see cref="MaximumScaledAssetCount"/>.</param>
    public static InventoryModel CreateScaled(int assetCount, int seed)
    {
        var tally = DemoTally.Value;
        ArgumentOutOfRangeException.ThrowIfLessThan(assetCount, tally.Total);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(assetCount, MaximumScaledAssetCount);

        // Sites and areas each grow with about the cube root of the scale, devices per role take the rest. The device
        // factor is chosen so that rounding can only fall short of the target; the few assets it leaves out are added
        // as field devices, which is where big plants grow anyway. The demo's own size (1 × 1 × 1) always fits.
        var scale = (double)assetCount / tally.Total;
        var sitePairs = Math.Max(1, (int)Math.Cbrt(scale));
        var areaCopies = Math.Max(1, (int)Math.Sqrt(scale / sitePairs));
        double deviceFactor;
        while ((deviceFactor = tally.DeviceFactorFor((double)assetCount / sitePairs, areaCopies)) < 1.0)
        {
            if (areaCopies > 1)
            {
                areaCopies--;
            }
            else
            {
                sitePairs--;
            }
        }

        var model = new DemoBuilder(seed, scaled: true, expectedAssets: assetCount);
        AddGroupTeams(model);
        for (var copy = 0; copy < sitePairs; copy++)
        {
            var shape = new SiteShape(areaCopies, deviceFactor, WithDeliberateSmells: copy == 0);
            RiversideBottlingPlant.Build(model, copy, shape);
            EastportChemicalPlant.Build(model, copy, shape);
        }

        AddPeople(model);
        model.TopUpWithFieldDevices(assetCount);
        return model.Build();
    }

    private static DemoBuilder BuildDemo(int seed)
    {
        var model = new DemoBuilder(seed, scaled: false, expectedAssets: 512);
        AddGroupTeams(model);
        RiversideBottlingPlant.Build(model, copy: 0, SiteShape.Demo);
        EastportChemicalPlant.Build(model, copy: 0, SiteShape.Demo);
        AddPeople(model);
        return model;
    }

    private static void AddGroupTeams(DemoBuilder model)
    {
        model.Team("group.seam", "Group OT security (IT/OT seam)", TeamSide.Joint, "ot-security@kestrel-group.example");
        model.Team("vendor.krones", "Krones service (Line 1 OEM)", TeamSide.Vendor, "service@krones.example");
        model.Team("vendor.triconex", "Schneider Electric – Triconex services", TeamSide.Vendor, "triconex.support@se.example");
        model.Team("vendor.delta", "Delta Process Integration (system integrator)", TeamSide.Vendor, "support@delta-integration.example");
    }

    private static void AddPeople(DemoBuilder model)
    {
        model.Person("anna.keller", "Anna Keller", "riverside.ot", "Plant manager, Riverside");
        model.Person("priya.raman", "Priya Raman", "riverside.ot", "Automation lead, Riverside");
        model.Person("tomas.novak", "Tomáš Novák", "riverside.ot", "Controls engineer, Lines 1–2");
        model.Person("jonas.weber", "Jonas Weber", "riverside.it", "IT administrator, Riverside");
        model.Person("lea.schmidt", "Lea Schmidt", "riverside.it", "Service desk, Riverside");
        model.Person("marcus.oduya", "Marcus Oduya", "eastport.ot", "Operations manager, Eastport");
        model.Person("sofia.martins", "Sofia Martins", "eastport.ot", "Process control engineer, Unit 100");
        model.Person("daniel.kim", "Daniel Kim", "eastport.ot", "Functional safety engineer (SIS)");
        model.Person("helen.brooks", "Helen Brooks", "eastport.it", "IT lead, Eastport");
        model.Person("omar.haddad", "Omar Haddad", "eastport.it", "Network engineer, Eastport");
        model.Person("karin.lund", "Karin Lund", "group.seam", "Head of OT security (seam owner)");
        model.Person("felix.bauer", "Felix Bauer", "group.seam", "OT security analyst");
        model.Person("martin.gruber", "Martin Gruber", "vendor.krones", "Krones remote service engineer", "krones.example");
        model.Person("claire.dubois", "Claire Dubois", "vendor.triconex", "Triconex field service engineer", "se.example");
        model.Person("raj.patel", "Raj Patel", "vendor.delta", "PlantPAx integration engineer", "delta-integration.example");
    }
}
