namespace Seam.Inventory;

/// <summary>
/// The shape rule for <see cref="Asset.Identifiers"/>: a CPE name in its 2.3 formatted-string or 2.2 URI binding, or a
/// package URL. Only the shape is checked here; the advisory matcher parses each one fully and explains what it
/// cannot use.
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

        if (text.StartsWith("cpe:2.3:", StringComparison.OrdinalIgnoreCase))
        {
            // The formatted string has 13 colon-separated parts; escaped colons ("\:") only add to the count.
            return text.Count(':') >= 12;
        }

        if (text.StartsWith("cpe:/", StringComparison.OrdinalIgnoreCase))
        {
            return text.Length > 6;
        }

        return text.StartsWith("pkg:", StringComparison.OrdinalIgnoreCase) && text[4..].TrimStart('/').Contains('/');
    }
}
