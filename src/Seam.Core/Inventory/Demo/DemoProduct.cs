using System.Text;

namespace Seam.Inventory.Demo;

/// <summary>
/// A product as it appears in vendor advisories, with what a unit of it looks like on the network:
/// the firmware versions found in the field, the vendor's MAC prefix and the services it listens on.
/// </summary>
/// <param name="Versions">Versions that plants really run side by side; one is drawn per unit so a fleet is not uniform.</param>
/// <param name="Oui">The vendor's IEEE OUI in colon form, or null where the hardware carries a white-label NIC we do not know.</param>
/// <param name="SerialPattern"># digit, X hex digit, ? letter, * letter or digit; anything else is copied.</param>
/// <param name="CpeTemplate">
/// A CPE 2.3 name with <c>{version}</c> where each unit's drawn version goes, for the products the demo advisories
/// identify by CPE; null for the rest, which advisories match by vendor, name and version as most ICS advisories do.
/// </param>
internal sealed record DemoProduct(
    AssetKind Kind,
    string Vendor,
    string Product,
    string? Model,
    IReadOnlyList<string> Versions,
    string? Oui,
    string SerialPattern,
    IReadOnlyList<ServiceEndpoint> Services,
    Patchability Patchability,
    string? CpeTemplate = null)
{
    public const string VersionPlaceholder = "{version}";

    /// <summary>The product identifiers of a unit running <paramref name="version"/>: its CPE name, if the product has one.</summary>
    public IReadOnlyList<string> IdentifiersFor(string? version) =>
        CpeTemplate is null || string.IsNullOrWhiteSpace(version) ? [] : [CpeTemplate.Replace(VersionPlaceholder, CpeValue(version), StringComparison.Ordinal)];

    /// <summary>
    /// A version as a CPE 2.3 formatted-string value: lower case, blanks as '_', and every punctuation character other
    /// than '.', '-' and '_' quoted with a backslash (NISTIR 7695 §6.2), so "V4.7 SP10" cannot break the name's fields.
    /// </summary>
    private static string CpeValue(string version)
    {
        var value = new StringBuilder(version.Length);
        foreach (var c in version.Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
            {
                value.Append(c);
            }
            else if (char.IsWhiteSpace(c))
            {
                value.Append('_');
            }
            else
            {
                value.Append('\\').Append(c);
            }
        }

        return value.ToString();
    }
}
