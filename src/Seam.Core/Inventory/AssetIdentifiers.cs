using Seam.Intelligence.Identifiers;

namespace Seam.Inventory;

/// <summary>
/// The rule for <see cref="Asset.Identifiers"/>: a CPE name in its 2.3 formatted-string or 2.2 URI binding, or a
/// package URL — read by the same parsers the advisory matcher uses, so an identifier the inventory accepts is one
/// matching can use.
/// </summary>
public static class AssetIdentifiers
{
    public const string Expected =
        "a CPE name (cpe:2.3:h:vendor:product:version:…, cpe:/h:vendor:product) or a package URL (pkg:type/name@version)";

    public static bool IsWellFormed(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text.ContainsAny(' ', '\t') || text.ContainsAny('\r', '\n'))
        {
            return false;
        }

        var value = text.ToString();
        return value.StartsWith("cpe:", StringComparison.OrdinalIgnoreCase)
            ? Cpe.Parse(value).Success
            : value.StartsWith("pkg:", StringComparison.OrdinalIgnoreCase) && PackageUrl.Parse(value).Success;
    }
}
