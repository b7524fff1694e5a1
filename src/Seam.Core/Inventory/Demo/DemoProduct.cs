namespace Seam.Inventory.Demo;

/// <summary>
/// A product as it appears in vendor advisories, with what a unit of it looks like on the network:
/// the firmware versions found in the field, the vendor's MAC prefix and the services it listens on.
/// </summary>
/// <param name="Versions">Versions that plants really run side by side; one is drawn per unit so a fleet is not uniform.</param>
/// <param name="Oui">The vendor's IEEE OUI in colon form, or null where the hardware carries a white-label NIC we do not know.</param>
/// <param name="SerialPattern"># digit, X hex digit, ? letter, * letter or digit; anything else is copied.</param>
internal sealed record DemoProduct(
    AssetKind Kind,
    string Vendor,
    string Product,
    string? Model,
    IReadOnlyList<string> Versions,
    string? Oui,
    string SerialPattern,
    IReadOnlyList<ServiceEndpoint> Services,
    Patchability Patchability);
