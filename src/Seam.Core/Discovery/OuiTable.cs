using System.Globalization;
using System.IO.Compression;
using System.Text;
using Seam.Protocols.Dissection;

namespace Seam.Discovery;

/// <summary>
/// The vendor a MAC prefix (OUI) is registered to. Ships with the IEEE MA-L registry generated into the project
/// (tools/generate-oui.py); a newer registry can be loaded from a file, since plants are often air-gapped.
/// </summary>
public sealed class OuiTable
{
    private static readonly Lazy<OuiTable> LazyEmbedded = new(LoadEmbedded);

    private readonly Dictionary<uint, string> vendors;

    private OuiTable(Dictionary<uint, string> vendors) => this.vendors = vendors;

    public static OuiTable Embedded => LazyEmbedded.Value;

    public int Count => vendors.Count;

    public string? Vendor(MacAddress mac) =>
        mac.IsNone || (mac.Value & 0x0200_0000_0000UL) != 0 // locally administered: no registry says who made it
            ? null
            : vendors.GetValueOrDefault(mac.Oui);

    /// <summary>
    /// Reads the IEEE's <c>oui.csv</c> (Registry,Assignment,Organization Name,…), a Wireshark-style <c>manuf</c> file
    /// (<c>00:1B:1B⇥Short⇥Long</c>) or Seam's own TSV (<c>001B1B⇥Name</c>). Lines that are none of these are refused
    /// with their line number.
    /// </summary>
    public static OuiTable Load(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Parse(reader, path);
    }

    internal static OuiTable Parse(TextReader reader, string source)
    {
        var vendors = new Dictionary<uint, string>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#') || text.StartsWith("Registry,", StringComparison.Ordinal))
            {
                continue;
            }

            if (!TryParseLine(text, out var prefix, out var name))
            {
                if (IsOtherBlock(text))
                {
                    continue;
                }

                throw new FormatException(
                    $"{source}, line {lineNumber}: expected 'MA-L,001B1B,Organisation,…', '00:1B:1B<TAB>Short<TAB>Long' or '001B1B<TAB>Organisation', got '{Shorten(text)}'.");
            }

            vendors[prefix] = name;
        }

        return new OuiTable(vendors);
    }

    private static bool TryParseLine(string text, out uint prefix, out string name)
    {
        prefix = 0;
        name = "";
        if (text.StartsWith("MA-L,", StringComparison.Ordinal))
        {
            var fields = SplitCsv(text);
            if (fields.Count < 3 || !TryHex(fields[1], out prefix))
            {
                return false;
            }

            name = fields[2].Trim();
            return name.Length > 0;
        }

        var parts = text.Split('\t');
        if (parts.Length < 2)
        {
            return false;
        }

        var hex = parts[0].Replace(":", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!TryHex(hex, out prefix))
        {
            return false;
        }

        var best = parts.Length > 2 && parts[2].Split('#')[0].Trim().Length > 0 ? parts[2] : parts[1];
        name = best.Split('#')[0].Trim().TrimEnd(',', ' ');
        return name.Length > 0;
    }

    /// <summary>MA-M / MA-S registries and the manuf file's /28 and /36 blocks: valid lines Seam does not use.</summary>
    private static bool IsOtherBlock(string text) =>
        text.StartsWith("MA-M,", StringComparison.Ordinal) || text.StartsWith("MA-S,", StringComparison.Ordinal)
        || text.StartsWith("IAB,", StringComparison.Ordinal) || text.StartsWith("CID,", StringComparison.Ordinal)
        || (text.Contains('/', StringComparison.Ordinal) && text.Split('\t')[0].Contains(':', StringComparison.Ordinal))
        || (text.Split('\t')[0].Count(c => c == ':') > 2);

    private static bool TryHex(string text, out uint prefix) =>
        uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out prefix) && text.Length == 6;

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"')
            {
                if (quoted && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = !quoted;
                }
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";

    private static OuiTable LoadEmbedded()
    {
        using var stream = typeof(OuiTable).Assembly.GetManifestResourceStream("Seam.Discovery.Oui.oui.tsv.gz")
            ?? throw new InvalidOperationException("The embedded OUI table is missing from Seam.Core.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return Parse(reader, "embedded OUI table");
    }
}
