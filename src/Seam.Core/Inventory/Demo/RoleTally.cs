namespace Seam.Inventory.Demo;

/// <summary>
/// Counts the demo's assets by how they scale, so <see cref="DemoPlant.CreateScaled"/> can choose a device factor that
/// lands just under the target: single units in site-wide zones stay single, single units in production areas repeat
/// with each area copy, and repeated roles grow with the device factor too.
/// </summary>
internal sealed class RoleTally
{
    public int SingleSiteWide { get; private set; }

    public int SingleInAreas { get; private set; }

    public int Repeated { get; private set; }

    public void CountSingle(PurdueLevel level)
    {
        if (IsArea(level))
        {
            SingleInAreas++;
        }
        else
        {
            SingleSiteWide++;
        }
    }

    public void CountRepeated(int count) => Repeated += count;

    public int Total => SingleSiteWide + SingleInAreas + Repeated;

    /// <summary>
    /// The device factor at which one pair of sites with <paramref name="areaCopies"/> areas holds at most
    /// <paramref name="assetsPerSitePair"/> assets: each repeated role rounds down, so the model never overshoots.
    /// </summary>
    public double DeviceFactorFor(double assetsPerSitePair, int areaCopies) =>
        (assetsPerSitePair - SingleSiteWide - (areaCopies * SingleInAreas)) / (areaCopies * Repeated);

    // Levels 0–2 belong to a production area and repeat with it; operations and up are site-wide.
    private static bool IsArea(PurdueLevel level) => level <= PurdueLevel.Supervisory;
}
