using System.Globalization;
using System.Text;

namespace Seam.Inventory.Exchange;

/// <summary>
/// The asset list a plant keeps in Excel, saved as CSV: one row per device, columns named however the plant names them.
/// Columns are recognised by alias (ignoring case, spaces, punctuation and anything in brackets, so "Criticality (1-5)"
/// is "criticality"); unknown columns are ignored with a warning. Without an id column, ids are derived from the tag.
/// </summary>
internal static class AssetListSheet
{
    private static readonly char[] ListSeparators = [';', ',', '|', ' ', '\t', '\r', '\n'];
    // CPE names and package URLs use ',' and ':' themselves, so a sheet separates them by ';', '|' or white space only.
    private static readonly char[] IdentifierSeparators = [';', '|', ' ', '\t', '\r', '\n'];
    private static readonly string[] Placeholders = ["-", "–", "—", "n/a", "na", "?", "tbd", "unknown"];

    private static readonly (Field<Asset> Field, string[] Aliases)[] Columns =
    [
        (Field.Text<Asset>("id", a => a.Id, (a, v) => a.Id = v!), ["id", "asset id", "seam id", "asset number", "asset no"]),
        (Field.Text<Asset>("name", a => a.Name, (a, v) => a.Name = v!),
            ["tag", "asset tag", "tag name", "hostname", "host name", "name", "device name", "asset name", "device"]),
        (Field.Text<Asset>("site", a => a.SiteId, (a, v) => a.SiteId = v!, pooled: true), ["site", "plant", "location", "site id", "factory"]),
        (Field.Text<Asset>("zone", a => a.ZoneId, (a, v) => a.ZoneId = v, pooled: true),
            ["zone", "area", "cell", "network", "zone id", "segment", "network zone", "security zone"]),
        (Field.Of<Asset, AssetKind>("kind", Codecs.Kind, a => a.Kind, (a, v) => a.Kind = v),
            ["type", "kind", "category", "device type", "asset type", "asset kind"]),
        (Field.Text<Asset>("vendor", a => a.Vendor, (a, v) => a.Vendor = v, pooled: true), ["manufacturer", "vendor", "make", "brand", "mfr"]),
        (Field.Text<Asset>("product", a => a.Product, (a, v) => a.Product = v, pooled: true), ["product", "product name", "product family", "series"]),
        (Field.Text<Asset>("model", a => a.Model, (a, v) => a.Model = v, pooled: true),
            ["model", "part number", "order number", "article number", "model number", "part no", "order no"]),
        (Field.Text<Asset>("version", a => a.Version, (a, v) => a.Version = v, pooled: true),
            ["firmware", "fw", "version", "sw version", "software version", "firmware version", "fw version"]),
        (Field.Text<Asset>("serial_number", a => a.SerialNumber, (a, v) => a.SerialNumber = v), ["serial", "serial number", "s/n", "serial no"]),
        (Field.List<Asset, string>("identifiers", Codecs.ProductIdentifier, a => a.Identifiers, (a, v) => a.Identifiers = v, IdentifierSeparators),
            ["identifiers", "cpe", "purl", "cpe name", "package url"]),
        (Field.List<Asset, string>("addresses", Codecs.IpAddress, a => a.Addresses, (a, v) => a.Addresses = v, ListSeparators),
            ["ip", "ip address", "ip addresses", "ipv4", "ipv4 address", "ipv6", "address"]),
        (Field.List<Asset, string>("mac_addresses", Codecs.MacAddress, a => a.MacAddresses, (a, v) => a.MacAddresses = v, ListSeparators),
            ["mac", "mac address", "mac addresses"]),
        (Field.List<Asset, ServiceEndpoint>("services", Codecs.Service, a => a.Services, (a, v) => a.Services = v, ListSeparators),
            ["services", "protocols", "ports", "open ports"]),
        (Field.Text<Asset>("owner", a => a.OwnerTeamId, (a, v) => a.OwnerTeamId = v, pooled: true),
            ["owner", "responsible", "owner team", "responsible team", "owned by"]),
        (Field.Text<Asset>("maintainer", a => a.MaintainerTeamId, (a, v) => a.MaintainerTeamId = v, pooled: true),
            ["maintainer", "maintained by", "service partner"]),
        (Field.Of<Asset, int>("criticality", Codecs.Criticality, a => a.Criticality, (a, v) => a.Criticality = v),
            ["criticality", "operational criticality", "importance"]),
        (Field.Of<Asset, bool>("safety_relevant", Codecs.Bool, a => a.SafetyRelevant, (a, v) => a.SafetyRelevant = v),
            ["safety", "sis", "safety relevant", "safety related", "safety critical"]),
        (Field.Text<Asset>("process_line", a => a.ProcessLine, (a, v) => a.ProcessLine = v, pooled: true),
            ["line", "process", "process line", "production line"]),
        (Field.Of<Asset, decimal?>("downtime_cost_per_hour", Codecs.Money, a => a.DowntimeCostPerHour, (a, v) => a.DowntimeCostPerHour = v),
            ["downtime cost", "downtime costs", "downtime cost per hour", "downtime cost/h", "cost of downtime"]),
        (Field.Of<Asset, Patchability>("patchability", Codecs.Patching, a => a.Patchability, (a, v) => a.Patchability = v),
            ["patching", "patchability", "patchable", "patch policy"]),
        (Field.Of<Asset, bool>("crown_jewel", Codecs.Bool, a => a.IsCrownJewel, (a, v) => a.IsCrownJewel = v), ["crown jewel", "crown jewels"]),
        (Field.Of<Asset, DateTimeOffset?>("last_seen", Codecs.Timestamp, a => a.LastSeen, (a, v) => a.LastSeen = v), ["last seen"]),
        (Field.Text<Asset>("notes", a => a.Notes, (a, v) => a.Notes = v), ["notes", "note", "comments", "comment", "remarks", "description"]),
    ];

    private static readonly Dictionary<string, Field<Asset>> ByAlias = BuildAliases();

    /// <summary>The canonical column names and their aliases, for documentation and messages.</summary>
    public static IEnumerable<(string Column, IReadOnlyList<string> Aliases)> Aliases => Columns.Select(c => (c.Field.Name, (IReadOnlyList<string>)c.Aliases));

    /// <summary>A sheet has a column naming the asset (tag, name, hostname or asset id) and at least one other known column.</summary>
    public static bool Recognises(IReadOnlyList<string> headers)
    {
        var known = headers.Select(h => ByAlias.GetValueOrDefault(NormaliseHeader(h))).OfType<Field<Asset>>().Select(f => f.Name).ToHashSet();
        return (known.Contains("name") || known.Contains("id")) && known.Count >= 2;
    }

    /// <summary>
    /// For a file named assets.csv: true when a header is a spreadsheet word that is not a column of Seam's assets.csv
    /// ("Tag", "IP address", "Manufacturer"), so the file is a plant's sheet rather than Seam's table with a typo.
    /// </summary>
    public static bool LooksLikeSheet(IReadOnlyList<string> headers) =>
        Recognises(headers) && headers.Any(h => ByAlias.ContainsKey(NormaliseHeader(h)) && Tables.Assets.Find(h) is null);

    public static void Read(CsvTokenizer csv, string file, ImportState state)
    {
        var fieldAt = new Field<Asset>?[csv.FieldCount];
        var columns = new Dictionary<string, CsvColumn>(StringComparer.Ordinal);
        for (var i = 0; i < csv.FieldCount; i++)
        {
            var header = csv[i].ToString();
            if (header.Length == 0)
            {
                continue;
            }

            if (!ByAlias.TryGetValue(NormaliseHeader(header), out var field))
            {
                state.Errors.Warn(new ImportError(file, csv.RecordLine, i + 1, header, "the column is not used by Seam and was ignored", null));
            }
            else if (columns.TryGetValue(field.Name, out var earlier))
            {
                state.Errors.Warn(new ImportError(file, csv.RecordLine, i + 1, header,
                    $"the column was ignored: '{earlier.Header}' (column {earlier.Number.ToString(CultureInfo.InvariantCulture)}) already gives the {field.Name.Replace('_', ' ')}", null));
            }
            else
            {
                columns[field.Name] = new CsvColumn(i + 1, header);
                fieldAt[i] = field;
            }
        }

        var existingByName = columns.ContainsKey("id") ? null : UniqueNames(state.Existing.Assets);
        while (!state.Errors.IsFull && csv.ReadRecord())
        {
            var asset = Tables.Assets.Create();
            var ok = true;
            var empty = true;
            for (var i = 0; i < Math.Min(csv.FieldCount, fieldAt.Length); i++)
            {
                var text = csv[i].Trim();
                if (fieldAt[i] is not { } field || IsBlank(text))
                {
                    continue;
                }

                empty = false;
                if (!field.TryRead(asset, text, state.Strings, out var problem))
                {
                    state.Errors.Add(new ImportError(file, csv.RecordLine, i + 1, columns[field.Name].Header, problem!, field.Expected));
                    ok = false;
                }
            }

            if (empty)
            {
                continue; // a row of empty cells, as Excel leaves below a table
            }

            if (asset.Name.Length == 0 && asset.Id.Length == 0)
            {
                var nameColumn = columns.GetValueOrDefault("name", columns.GetValueOrDefault("id"));
                state.Errors.Add(new ImportError(file, csv.RecordLine, nameColumn.Number, nameColumn.Header, "the row has no tag or name", "the asset's tag, hostname or name"));
                continue;
            }

            if (asset.Name.Length == 0)
            {
                asset.Name = asset.Id;
            }

            if (asset.Id.Length == 0)
            {
                asset.Id = existingByName?.GetValueOrDefault(asset.Name) ?? DeriveId(asset.Name);
                if (asset.Id.Length == 0)
                {
                    var nameColumn = columns["name"];
                    state.Errors.Add(new ImportError(file, csv.RecordLine, nameColumn.Number, nameColumn.Header,
                        $"no id can be derived from '{asset.Name}'", "a tag with at least one letter or digit, or an Asset ID column"));
                    continue;
                }
            }

            if (ok)
            {
                state.Add(Tables.Assets, asset, RecordOrigin.ForCsv(file, csv.RecordLine, columns));
            }
        }

        if (csv.Error is { } error)
        {
            state.Errors.Add(error);
        }
    }

    /// <summary>
    /// A stable id from a tag: lower case, letters and digits kept, every other run of characters one '-'.
    /// "PLC-101 (Line 2)" becomes "plc-101-line-2"; the same tag always gives the same id.
    /// </summary>
    public static string DeriveId(string tag)
    {
        var id = new StringBuilder(tag.Length);
        foreach (var ch in tag.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(ch))
            {
                id.Append(char.ToLowerInvariant(ch));
            }
            else if (id.Length > 0 && id[^1] != '-')
            {
                id.Append('-');
            }
        }

        return id.ToString().TrimEnd('-');
    }

    /// <summary>"Downtime cost (€/h)" → "downtimecost": bracketed parts are units or hints, not the column's name.</summary>
    private static string NormaliseHeader(string header)
    {
        var text = new StringBuilder(header.Length);
        var depth = 0;
        foreach (var ch in header)
        {
            if (ch is '(' or '[')
            {
                depth++;
            }
            else if (ch is ')' or ']')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0 && char.IsLetterOrDigit(ch))
            {
                text.Append(char.ToLowerInvariant(ch));
            }
        }

        return text.ToString();
    }

    /// <summary>Several spellings normalise alike ("Hostname", "Host name"); one spelling must never mean two columns.</summary>
    private static Dictionary<string, Field<Asset>> BuildAliases()
    {
        var map = new Dictionary<string, Field<Asset>>(StringComparer.Ordinal);
        foreach (var (field, aliases) in Columns)
        {
            foreach (var alias in aliases)
            {
                var key = NormaliseHeader(alias);
                if (map.TryGetValue(key, out var other) && other != field)
                {
                    throw new InvalidOperationException($"The alias '{alias}' is given to both '{other.Name}' and '{field.Name}'.");
                }

                map[key] = field;
            }
        }

        return map;
    }

    private static bool IsBlank(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return true;
        }

        foreach (var placeholder in Placeholders)
        {
            if (text.Equals(placeholder, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static Dictionary<string, string> UniqueNames(IReadOnlyList<Asset> assets) =>
        assets.GroupBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.First().Id, StringComparer.OrdinalIgnoreCase);
}
