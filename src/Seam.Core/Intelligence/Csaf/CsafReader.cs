using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace Seam.Intelligence.Csaf;

/// <summary>
/// Reads a CSAF 2.0 document into <see cref="CsafDocument"/>, checking what the OASIS JSON schema checks (required
/// properties, types, enum values, patterns, minimum item counts, unique product ids) and collecting every problem
/// with its JSON pointer instead of stopping at the first. Cross-reference rules are left to the mandatory tests.
/// Thread-safe: all state lives in one call.
/// </summary>
public static partial class CsafReader
{
    /// <summary>Deeper nesting than this is refused while parsing; real advisories stay below 20.</summary>
    public const int MaxDepth = 64;

    /// <summary>Parses UTF-8 bytes (a BOM is skipped) and reads the document; the result owns the parsed JSON.</summary>
    public static CsafReadResult Read(ReadOnlySpan<byte> utf8, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        if (!Utf8.IsValid(utf8))
        {
            return Failed(sourceName, DescribeInvalidUtf8(utf8, sourceName));
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        JsonDocument json;
        try
        {
            json = JsonDocument.ParseValue(ref reader);
            // ParseValue stops after the first value; anything but whitespace after it makes the file something else.
            if (reader.Read())
            {
                json.Dispose();
                return Failed(sourceName, $"{sourceName}: unexpected content after the JSON document at byte offset {reader.TokenStartIndex}");
            }
        }
        catch (JsonException ex)
        {
            return Failed(sourceName, DescribeSyntaxError(ex, utf8, sourceName));
        }

        var root = json.RootElement;
        var walk = new Walk();
        var document = walk.Document(root);
        return new CsafReadResult(sourceName, walk.Errors.Count == 0 ? document : null, walk.Errors, json, root);
    }

    /// <summary>Reads an already parsed document; the caller keeps ownership of the JSON.</summary>
    public static CsafReadResult Read(JsonElement root)
    {
        var walk = new Walk();
        var document = walk.Document(root);
        return new CsafReadResult(string.Empty, walk.Errors.Count == 0 ? document : null, walk.Errors, null, root);
    }

    private static CsafReadResult Failed(string sourceName, string message) =>
        new(sourceName, null, [new CsafError(string.Empty, message)], null, null);

    private static string DescribeSyntaxError(JsonException ex, ReadOnlySpan<byte> utf8, string sourceName)
    {
        var line = (ex.LineNumber ?? 0) + 1;
        var byteInLine = (ex.BytePositionInLine ?? 0) + 1;
        var offset = OffsetOf(utf8, ex.LineNumber ?? 0, ex.BytePositionInLine ?? 0);
        var what = ex.Message;
        var cut = what.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            what = what[..cut];
        }

        if (what.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            what = $"the JSON nests deeper than {MaxDepth} levels, which no CSAF document needs ({what})";
        }
        else if (utf8.TrimEnd(" \t\r\n"u8).Length == 0)
        {
            what = "the file is empty";
        }
        else if (offset >= utf8.TrimEnd(" \t\r\n"u8).Length)
        {
            what = $"the JSON ends before the document is complete; the file looks truncated ({what})";
        }

        return $"{sourceName}: invalid JSON at line {line}, byte {byteInLine} of the line (offset {offset} of {utf8.Length}): {what}";
    }

    private static long OffsetOf(ReadOnlySpan<byte> utf8, long lineIndex, long byteInLine)
    {
        long offset = 0;
        for (long line = 0; line < lineIndex; line++)
        {
            var next = utf8[(int)offset..].IndexOf((byte)'\n');
            if (next < 0)
            {
                return utf8.Length;
            }

            offset += next + 1;
        }

        return Math.Min(offset + byteInLine, utf8.Length);
    }

    private static string DescribeInvalidUtf8(ReadOnlySpan<byte> utf8, string sourceName)
    {
        var offset = 0;
        var line = 1;
        var lineStart = 0;
        while (offset < utf8.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(utf8[offset..], out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                break;
            }

            if (rune.Value == '\n')
            {
                line++;
                lineStart = offset + 1;
            }

            offset += consumed;
        }

        var bad = offset < utf8.Length ? utf8[offset].ToString("X2", CultureInfo.InvariantCulture) : "end";
        return $"{sourceName}: invalid UTF-8 at line {line}, byte {offset - lineStart + 1} of the line (offset {offset}, byte 0x{bad}); CSAF documents must be UTF-8";
    }

    [GeneratedRegex(@"^[^\s\-_\.](.*[^\s\-_\.])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DocumentCategoryPattern();

    [GeneratedRegex(@"^[\S](.*[\S])?$", RegexOptions.CultureInvariant)]
    private static partial Regex TrackingIdPattern();

    [GeneratedRegex(@"^(0|[1-9][0-9]*)$|^((0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:-((?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?)$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"^(([A-Za-z]{2,3}(-[A-Za-z]{3}(-[A-Za-z]{3}){0,2})?|[A-Za-z]{4,8})(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*(-[A-WY-Za-wy-z0-9](-[A-Za-z0-9]{2,8})+)*(-[Xx](-[A-Za-z0-9]{1,8})+)?|[Xx](-[A-Za-z0-9]{1,8})+|[Ii]-[Dd][Ee][Ff][Aa][Uu][Ll][Tt]|[Ii]-[Mm][Ii][Nn][Gg][Oo])$", RegexOptions.CultureInvariant)]
    private static partial Regex LangPattern();

    [GeneratedRegex(@"^(cpe:2\.3:[aho\*\-](:(((\?*|\*?)([a-zA-Z0-9\-\._]|(\\[\\\*\?!""#\$%&'\(\)\+,/:;<=>@\[\]\^`\{\|\}~]))+(\?*|\*?))|[\*\-])){5}(:(([a-zA-Z]{2,3}(-([a-zA-Z]{2}|[0-9]{3}))?)|[\*\-]))(:(((\?*|\*?)([a-zA-Z0-9\-\._]|(\\[\\\*\?!""#\$%&'\(\)\+,/:;<=>@\[\]\^`\{\|\}~]))+(\?*|\*?))|[\*\-])){4})|([c][pP][eE]:/[AHOaho]?(:[A-Za-z0-9\._\-~%]*){0,6})$", RegexOptions.CultureInvariant)]
    private static partial Regex CpePattern();

    [GeneratedRegex(@"^pkg:[A-Za-z\.\-\+][A-Za-z0-9\.\-\+]*/.+", RegexOptions.CultureInvariant)]
    private static partial Regex PurlPattern();

    [GeneratedRegex(@"^[0-9a-fA-F]{32,}$", RegexOptions.CultureInvariant)]
    private static partial Regex HashValuePattern();

    [GeneratedRegex(@"^CVE-[0-9]{4}-[0-9]{4,}$", RegexOptions.CultureInvariant)]
    private static partial Regex CvePattern();

    [GeneratedRegex(@"^CWE-[1-9][0-9]{0,5}$", RegexOptions.CultureInvariant)]
    private static partial Regex CwePattern();

    /// <summary>The state of one read: the errors found so far. Every method returns what it could read.</summary>
    private sealed class Walk
    {
        private static readonly string[] CvssSeverities = ["NONE", "LOW", "MEDIUM", "HIGH", "CRITICAL"];

        public List<CsafError> Errors { get; } = [];

        public CsafDocument Document(JsonElement root)
        {
            var at = JsonPointer.Root;
            if (!IsObject(root, at))
            {
                return new CsafDocument { Document = EmptyMetadata() };
            }

            CsafDocumentMetadata metadata;
            if (root.TryGetProperty("document", out var document))
            {
                metadata = Metadata(document, at.Property("document"));
            }
            else
            {
                Missing(at, "document");
                metadata = EmptyMetadata();
            }

            CsafProductTree? tree = null;
            if (root.TryGetProperty("product_tree", out var productTree))
            {
                tree = ProductTree(productTree, at.Property("product_tree"));
            }

            return new CsafDocument
            {
                Document = metadata,
                ProductTree = tree,
                Vulnerabilities = Array(root, "vulnerabilities", at, required: false, minItems: 1, Vulnerability),
            };
        }

        private static CsafDocumentMetadata EmptyMetadata() => new()
        {
            Category = string.Empty,
            CsafVersion = string.Empty,
            Title = string.Empty,
            Publisher = new CsafPublisher { Name = string.Empty, Namespace = string.Empty, Category = default },
            Tracking = new CsafTracking
            {
                Id = string.Empty,
                Version = string.Empty,
                Status = default,
                InitialReleaseDate = default,
                CurrentReleaseDate = default,
                RevisionHistory = [],
            },
        };

        private CsafDocumentMetadata Metadata(JsonElement e, JsonPointer at)
        {
            if (!IsObject(e, at))
            {
                return EmptyMetadata();
            }

            var version = String(e, "csaf_version", at, required: true);
            if (version is not null && version != "2.0")
            {
                Error(at.Property("csaf_version"), $"expected one of 2.0, found '{Clip(version)}' (this reader handles CSAF 2.0)");
            }

            var publisher = Object(e, "publisher", at, required: true, Publisher);
            var tracking = Object(e, "tracking", at, required: true, Tracking);
            return new CsafDocumentMetadata
            {
                Category = String(e, "category", at, required: true, DocumentCategoryPattern()) ?? string.Empty,
                CsafVersion = version ?? string.Empty,
                Title = String(e, "title", at, required: true) ?? string.Empty,
                Lang = String(e, "lang", at, required: false, LangPattern()),
                SourceLang = String(e, "source_lang", at, required: false, LangPattern()),
                Publisher = publisher ?? EmptyMetadata().Publisher,
                Tracking = tracking ?? EmptyMetadata().Tracking,
                Notes = Array(e, "notes", at, required: false, minItems: 1, Note),
                References = Array(e, "references", at, required: false, minItems: 1, Reference),
                Acknowledgments = Array(e, "acknowledgments", at, required: false, minItems: 1, Acknowledgment),
                AggregateSeverity = Object(e, "aggregate_severity", at, required: false, (s, p) =>
                    new CsafAggregateSeverity(String(s, "text", p, required: true) ?? string.Empty, Uri(s, "namespace", p, required: false))),
                Distribution = Object(e, "distribution", at, required: false, Distribution),
            };
        }

        private CsafPublisher Publisher(JsonElement e, JsonPointer at) => new()
        {
            Name = String(e, "name", at, required: true) ?? string.Empty,
            Namespace = Uri(e, "namespace", at, required: true) ?? string.Empty,
            Category = Enum<CsafPublisherCategory>(e, "category", at, required: true) ?? default,
            ContactDetails = String(e, "contact_details", at, required: false),
            IssuingAuthority = String(e, "issuing_authority", at, required: false),
        };

        private CsafTracking Tracking(JsonElement e, JsonPointer at) => new()
        {
            Id = String(e, "id", at, required: true, TrackingIdPattern()) ?? string.Empty,
            Version = String(e, "version", at, required: true, VersionPattern()) ?? string.Empty,
            Status = Enum<CsafTrackingStatus>(e, "status", at, required: true) ?? default,
            InitialReleaseDate = Date(e, "initial_release_date", at, required: true) ?? default,
            CurrentReleaseDate = Date(e, "current_release_date", at, required: true) ?? default,
            RevisionHistory = Array(e, "revision_history", at, required: true, minItems: 1, (r, p) => new CsafRevision(
                String(r, "number", p, required: true, VersionPattern()) ?? string.Empty,
                Date(r, "date", p, required: true) ?? default,
                String(r, "summary", p, required: true) ?? string.Empty,
                String(r, "legacy_version", p, required: false))),
            Aliases = Strings(e, "aliases", at, required: false, minItems: 1, unique: true),
            Generator = Object(e, "generator", at, required: false, (g, p) =>
            {
                var engine = Object(g, "engine", p, required: true, (n, q) =>
                    (Name: String(n, "name", q, required: true) ?? string.Empty, Version: String(n, "version", q, required: false)));
                return new CsafGenerator(engine.Name ?? string.Empty, engine.Version, Date(g, "date", p, required: false));
            }),
        };

        private CsafDistribution Distribution(JsonElement e, JsonPointer at)
        {
            MinProperties(e, at, 1);
            return new CsafDistribution(
                String(e, "text", at, required: false),
                Object(e, "tlp", at, required: false, (t, p) => new CsafTlp(
                    Enum<TlpLabel>(t, "label", p, required: true) ?? default,
                    Uri(t, "url", p, required: false) ?? "https://www.first.org/tlp/")));
        }

        private CsafNote Note(JsonElement e, JsonPointer at) => new(
            Enum<CsafNoteCategory>(e, "category", at, required: true) ?? default,
            String(e, "text", at, required: true) ?? string.Empty,
            String(e, "title", at, required: false),
            String(e, "audience", at, required: false));

        private CsafReference Reference(JsonElement e, JsonPointer at) => new(
            Uri(e, "url", at, required: true) ?? string.Empty,
            String(e, "summary", at, required: true) ?? string.Empty,
            Enum<CsafReferenceCategory>(e, "category", at, required: false) ?? CsafReferenceCategory.External);

        private CsafAcknowledgment Acknowledgment(JsonElement e, JsonPointer at)
        {
            MinProperties(e, at, 1);
            return new CsafAcknowledgment
            {
                Names = Strings(e, "names", at, required: false, minItems: 1, unique: false),
                Organization = String(e, "organization", at, required: false),
                Summary = String(e, "summary", at, required: false),
                Urls = Strings(e, "urls", at, required: false, minItems: 1, unique: false, uri: true),
            };
        }

        private CsafProductTree ProductTree(JsonElement e, JsonPointer at)
        {
            if (!IsObject(e, at))
            {
                return new CsafProductTree();
            }

            MinProperties(e, at, 1);
            return new CsafProductTree
            {
                Branches = Array(e, "branches", at, required: false, minItems: 1, Branch),
                FullProductNames = Array(e, "full_product_names", at, required: false, minItems: 1, FullProductName),
                Relationships = Array(e, "relationships", at, required: false, minItems: 1, Relationship),
                ProductGroups = Array(e, "product_groups", at, required: false, minItems: 1, (g, p) => new CsafProductGroup(
                    String(g, "group_id", p, required: true) ?? string.Empty,
                    Strings(g, "product_ids", p, required: true, minItems: 2, unique: true),
                    String(g, "summary", p, required: false))),
            };
        }

        private CsafBranch Branch(JsonElement e, JsonPointer at)
        {
            var hasBranches = e.TryGetProperty("branches", out _);
            var hasProduct = e.TryGetProperty("product", out _);
            if (hasBranches == hasProduct)
            {
                Error(at, hasBranches
                    ? "expected either 'branches' or 'product', not both"
                    : "expected either 'branches' (an inner branch) or 'product' (a leaf)");
            }
            else if (CountProperties(e) != 3)
            {
                Error(at, "expected exactly the properties category, name and branches or product");
            }

            return new CsafBranch
            {
                Category = Enum<CsafBranchCategory>(e, "category", at, required: true) ?? default,
                Name = String(e, "name", at, required: true) ?? string.Empty,
                Branches = Array(e, "branches", at, required: false, minItems: 1, Branch),
                Product = Object(e, "product", at, required: false, FullProductName),
            };
        }

        private CsafFullProductName FullProductName(JsonElement e, JsonPointer at) => new()
        {
            Name = String(e, "name", at, required: true) ?? string.Empty,
            ProductId = String(e, "product_id", at, required: true) ?? string.Empty,
            Helper = Object(e, "product_identification_helper", at, required: false, Helper),
        };

        private CsafProductIdentificationHelper Helper(JsonElement e, JsonPointer at)
        {
            MinProperties(e, at, 1);
            return new CsafProductIdentificationHelper
            {
                Cpe = String(e, "cpe", at, required: false, CpePattern()),
                Purl = String(e, "purl", at, required: false, PurlPattern()),
                ModelNumbers = Strings(e, "model_numbers", at, required: false, minItems: 1, unique: true),
                SerialNumbers = Strings(e, "serial_numbers", at, required: false, minItems: 1, unique: true),
                Skus = Strings(e, "skus", at, required: false, minItems: 1, unique: false),
                SbomUrls = Strings(e, "sbom_urls", at, required: false, minItems: 1, unique: false, uri: true),
                Hashes = Array(e, "hashes", at, required: false, minItems: 1, (h, p) => new CsafFileHashes(
                    String(h, "filename", p, required: true) ?? string.Empty,
                    Array(h, "file_hashes", p, required: true, minItems: 1, (f, q) => new CsafFileHash(
                        String(f, "algorithm", q, required: true) ?? string.Empty,
                        String(f, "value", q, required: true, HashValuePattern()) ?? string.Empty)))),
                XGenericUris = Array(e, "x_generic_uris", at, required: false, minItems: 1, (x, p) => new CsafGenericUri(
                    Uri(x, "namespace", p, required: true) ?? string.Empty,
                    Uri(x, "uri", p, required: true) ?? string.Empty)),
            };
        }

        private CsafRelationship Relationship(JsonElement e, JsonPointer at) => new()
        {
            Category = Enum<CsafRelationshipCategory>(e, "category", at, required: true) ?? default,
            ProductReference = String(e, "product_reference", at, required: true) ?? string.Empty,
            RelatesToProductReference = String(e, "relates_to_product_reference", at, required: true) ?? string.Empty,
            FullProductName = Object(e, "full_product_name", at, required: true, FullProductName)
                ?? new CsafFullProductName { Name = string.Empty, ProductId = string.Empty },
        };

        private CsafVulnerability Vulnerability(JsonElement e, JsonPointer at)
        {
            MinProperties(e, at, 1);
            return new CsafVulnerability
            {
                Cve = String(e, "cve", at, required: false, CvePattern()),
                Cwe = Object(e, "cwe", at, required: false, (c, p) => new CsafCwe(
                    String(c, "id", p, required: true, CwePattern()) ?? string.Empty,
                    String(c, "name", p, required: true) ?? string.Empty)),
                Ids = Array(e, "ids", at, required: false, minItems: 1, (i, p) => new CsafVulnerabilityId(
                    String(i, "system_name", p, required: true) ?? string.Empty,
                    String(i, "text", p, required: true) ?? string.Empty)),
                Title = String(e, "title", at, required: false),
                Notes = Array(e, "notes", at, required: false, minItems: 1, Note),
                DiscoveryDate = Date(e, "discovery_date", at, required: false),
                ReleaseDate = Date(e, "release_date", at, required: false),
                ProductStatus = Object(e, "product_status", at, required: false, ProductStatus) ?? CsafProductStatus.Empty,
                Scores = Array(e, "scores", at, required: false, minItems: 1, Score),
                Threats = Array(e, "threats", at, required: false, minItems: 1, (t, p) => new CsafThreat
                {
                    Category = Enum<CsafThreatCategory>(t, "category", p, required: true) ?? default,
                    Details = String(t, "details", p, required: true) ?? string.Empty,
                    Date = Date(t, "date", p, required: false),
                    ProductIds = Strings(t, "product_ids", p, required: false, minItems: 1, unique: true),
                    GroupIds = Strings(t, "group_ids", p, required: false, minItems: 1, unique: true),
                }),
                Flags = Array(e, "flags", at, required: false, minItems: 1, (f, p) => new CsafFlag
                {
                    Label = Enum<CsafFlagLabel>(f, "label", p, required: true) ?? default,
                    Date = Date(f, "date", p, required: false),
                    ProductIds = Strings(f, "product_ids", p, required: false, minItems: 1, unique: true),
                    GroupIds = Strings(f, "group_ids", p, required: false, minItems: 1, unique: true),
                }),
                Involvements = Array(e, "involvements", at, required: false, minItems: 1, (i, p) => new CsafInvolvement(
                    Enum<CsafInvolvementParty>(i, "party", p, required: true) ?? default,
                    Enum<CsafInvolvementStatus>(i, "status", p, required: true) ?? default,
                    Date(i, "date", p, required: false),
                    String(i, "summary", p, required: false))),
                Remediations = Array(e, "remediations", at, required: false, minItems: 1, Remediation),
                References = Array(e, "references", at, required: false, minItems: 1, Reference),
                Acknowledgments = Array(e, "acknowledgments", at, required: false, minItems: 1, Acknowledgment),
            };
        }

        private CsafProductStatus ProductStatus(JsonElement e, JsonPointer at)
        {
            MinProperties(e, at, 1);
            return new CsafProductStatus
            {
                FirstAffected = Strings(e, "first_affected", at, required: false, minItems: 1, unique: true),
                KnownAffected = Strings(e, "known_affected", at, required: false, minItems: 1, unique: true),
                LastAffected = Strings(e, "last_affected", at, required: false, minItems: 1, unique: true),
                FirstFixed = Strings(e, "first_fixed", at, required: false, minItems: 1, unique: true),
                Fixed = Strings(e, "fixed", at, required: false, minItems: 1, unique: true),
                KnownNotAffected = Strings(e, "known_not_affected", at, required: false, minItems: 1, unique: true),
                Recommended = Strings(e, "recommended", at, required: false, minItems: 1, unique: true),
                UnderInvestigation = Strings(e, "under_investigation", at, required: false, minItems: 1, unique: true),
            };
        }

        private CsafScore Score(JsonElement e, JsonPointer at)
        {
            if (CountProperties(e) < 2)
            {
                Error(at, "expected 'products' and at least one of cvss_v2, cvss_v3");
            }

            return new CsafScore
            {
                Products = Strings(e, "products", at, required: true, minItems: 1, unique: true),
                CvssV2 = Object(e, "cvss_v2", at, required: false, (c, p) => Cvss(c, p, ["2.0"], "", hasSeverity: false)),
                CvssV3 = Object(e, "cvss_v3", at, required: false, (c, p) => Cvss(c, p, ["3.0", "3.1"], "CVSS:", hasSeverity: true)),
                CvssV4 = e.TryGetProperty("cvss_v4", out var v4) ? TolerateCvssV4(v4) : null,
            };
        }

        private CsafCvss Cvss(JsonElement e, JsonPointer at, string[] versions, string vectorPrefix, bool hasSeverity)
        {
            var version = String(e, "version", at, required: true);
            if (version is not null && System.Array.IndexOf(versions, version) < 0)
            {
                Error(at.Property("version"), $"expected one of {string.Join(", ", versions)}, found '{Clip(version)}'");
                version = null;
            }

            var vector = String(e, "vectorString", at, required: true);
            if (vector is not null && version is not null && vectorPrefix.Length > 0 && !vector.StartsWith($"{vectorPrefix}{version}/", StringComparison.Ordinal))
            {
                Error(at.Property("vectorString"), $"expected a vector starting with '{vectorPrefix}{version}/' to match version {version}, found '{Clip(vector)}'");
            }

            decimal? score = null;
            if (e.TryGetProperty("baseScore", out var baseScore))
            {
                if (baseScore.ValueKind != JsonValueKind.Number || !baseScore.TryGetDecimal(out var value) || value < 0 || value > 10)
                {
                    Error(at.Property("baseScore"), $"expected a number from 0 to 10, found {Found(baseScore)}");
                }
                else
                {
                    score = value;
                }
            }
            else
            {
                Missing(at, "baseScore");
            }

            string? severity = null;
            if (hasSeverity)
            {
                severity = String(e, "baseSeverity", at, required: true);
                if (severity is not null && System.Array.IndexOf(CvssSeverities, severity) < 0)
                {
                    Error(at.Property("baseSeverity"), $"expected one of {string.Join(", ", CvssSeverities)}, found '{Clip(severity)}'");
                }
            }

            return new CsafCvss(version ?? string.Empty, vector ?? string.Empty, score, severity, e.GetRawText());
        }

        /// <summary>CSAF 2.0 has no v4 slot; a 2.1-style object is kept when it has a vector and otherwise ignored.</summary>
        private static CsafCvss? TolerateCvssV4(JsonElement e)
        {
            if (e.ValueKind != JsonValueKind.Object
                || !e.TryGetProperty("vectorString", out var vector)
                || vector.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var version = e.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "4.0";
            decimal? score = e.TryGetProperty("baseScore", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetDecimal(out var d) ? d : null;
            var severity = e.TryGetProperty("baseSeverity", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString() : null;
            return new CsafCvss(version, vector.GetString()!, score, severity, e.GetRawText());
        }

        private CsafRemediation Remediation(JsonElement e, JsonPointer at) => new()
        {
            Category = Enum<CsafRemediationCategory>(e, "category", at, required: true) ?? default,
            Details = String(e, "details", at, required: true) ?? string.Empty,
            Url = Uri(e, "url", at, required: false),
            Date = Date(e, "date", at, required: false),
            ProductIds = Strings(e, "product_ids", at, required: false, minItems: 1, unique: true),
            GroupIds = Strings(e, "group_ids", at, required: false, minItems: 1, unique: true),
            Entitlements = Strings(e, "entitlements", at, required: false, minItems: 1, unique: false),
            RestartRequired = Object(e, "restart_required", at, required: false, (r, p) => new CsafRestartRequired(
                Enum<CsafRestartCategory>(r, "category", p, required: true) ?? default,
                String(r, "details", p, required: false))),
        };

        // ---- primitives -------------------------------------------------------------------------------------

        private void Error(JsonPointer at, string message) => Errors.Add(new CsafError(at.ToString(), message));

        private void Missing(JsonPointer parent, string name) =>
            Error(parent.Property(name), $"required property '{name}' is missing");

        private bool IsObject(JsonElement e, JsonPointer at)
        {
            if (e.ValueKind == JsonValueKind.Object)
            {
                return true;
            }

            Error(at, $"expected an object, found {Found(e)}");
            return false;
        }

        private void MinProperties(JsonElement e, JsonPointer at, int minimum)
        {
            if (CountProperties(e) < minimum)
            {
                Error(at, $"expected an object with at least {minimum} propert{(minimum == 1 ? "y" : "ies")}, found an empty object");
            }
        }

        private static int CountProperties(JsonElement e)
        {
            var count = 0;
            foreach (var unused in e.EnumerateObject())
            {
                count++;
            }

            return count;
        }

        private T? Object<T>(JsonElement parent, string name, JsonPointer at, bool required, Func<JsonElement, JsonPointer, T> read)
        {
            if (!parent.TryGetProperty(name, out var value))
            {
                if (required)
                {
                    Missing(at, name);
                }

                return default;
            }

            var here = at.Property(name);
            return IsObject(value, here) ? read(value, here) : default;
        }

        private List<T> Array<T>(JsonElement parent, string name, JsonPointer at, bool required, int minItems, Func<JsonElement, JsonPointer, T> read)
        {
            if (!parent.TryGetProperty(name, out var value))
            {
                if (required)
                {
                    Missing(at, name);
                }

                return [];
            }

            var here = at.Property(name);
            if (!IsArray(value, here, minItems))
            {
                return [];
            }

            var items = new List<T>(value.GetArrayLength());
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                var itemAt = here.Item(index++);
                if (IsObject(item, itemAt))
                {
                    items.Add(read(item, itemAt));
                }
            }

            return items;
        }

        private bool IsArray(JsonElement value, JsonPointer at, int minItems)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                Error(at, $"expected an array, found {Found(value)}");
                return false;
            }

            if (value.GetArrayLength() < minItems)
            {
                Error(at, $"expected an array with at least {minItems} item{(minItems == 1 ? string.Empty : "s")}, found {value.GetArrayLength()}");
            }

            return true;
        }

        private List<string> Strings(JsonElement parent, string name, JsonPointer at, bool required, int minItems, bool unique, bool uri = false)
        {
            if (!parent.TryGetProperty(name, out var value))
            {
                if (required)
                {
                    Missing(at, name);
                }

                return [];
            }

            var here = at.Property(name);
            if (!IsArray(value, here, minItems))
            {
                return [];
            }

            var length = value.GetArrayLength();
            var items = new List<string>(length);
            HashSet<string>? seen = unique && length > 1 ? new HashSet<string>(length, StringComparer.Ordinal) : null;
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                var itemAt = here.Item(index++);
                var text = uri ? UriValue(item, itemAt) : StringValue(item, itemAt, null);
                if (text is null)
                {
                    continue;
                }

                if (seen is not null && !seen.Add(text))
                {
                    Error(itemAt, $"expected unique items, but '{Clip(text)}' appears before in this array");
                    continue;
                }

                items.Add(text);
            }

            return items;
        }

        private string? String(JsonElement parent, string name, JsonPointer at, bool required, Regex? pattern = null)
        {
            if (parent.TryGetProperty(name, out var value))
            {
                return StringValue(value, at.Property(name), pattern);
            }

            if (required)
            {
                Missing(at, name);
            }

            return null;
        }

        private string? StringValue(JsonElement value, JsonPointer at, Regex? pattern)
        {
            if (value.ValueKind != JsonValueKind.String)
            {
                Error(at, $"expected a string, found {Found(value)}");
                return null;
            }

            var text = value.GetString()!;
            if (text.Length == 0)
            {
                Error(at, "expected a non-empty string");
                return null;
            }

            if (pattern is not null && !pattern.IsMatch(text))
            {
                Error(at, $"expected a string matching {pattern}, found '{Clip(text)}'");
                return null;
            }

            return text;
        }

        private string? Uri(JsonElement parent, string name, JsonPointer at, bool required)
        {
            if (parent.TryGetProperty(name, out var value))
            {
                return UriValue(value, at.Property(name));
            }

            if (required)
            {
                Missing(at, name);
            }

            return null;
        }

        private string? UriValue(JsonElement value, JsonPointer at)
        {
            var text = StringValue(value, at, null);
            if (text is not null && !System.Uri.TryCreate(text, UriKind.Absolute, out _))
            {
                Error(at, $"expected an absolute URI, found '{Clip(text)}'");
                return null;
            }

            return text;
        }

        private T? Enum<T>(JsonElement parent, string name, JsonPointer at, bool required)
            where T : struct, System.Enum
        {
            var text = String(parent, name, at, required);
            if (text is null)
            {
                return null;
            }

            if (CsafEnum<T>.TryParse(text, out var value))
            {
                return value;
            }

            Error(at.Property(name), $"expected one of {CsafEnum<T>.Expected}, found '{Clip(text)}'");
            return null;
        }

        private DateTimeOffset? Date(JsonElement parent, string name, JsonPointer at, bool required)
        {
            if (!parent.TryGetProperty(name, out var value))
            {
                if (required)
                {
                    Missing(at, name);
                }

                return null;
            }

            var here = at.Property(name);
            var text = StringValue(value, here, null);
            if (text is null)
            {
                return null;
            }

            // RFC 3339 date-time: a date, 'T', a time and a zone. Without the zone the instant would silently
            // depend on the server's time zone, so it is refused rather than guessed.
            if (!value.TryGetDateTimeOffset(out var date) || !HasTimeAndZone(text))
            {
                Error(here, $"expected an RFC 3339 date-time with a time zone (2024-01-31T12:00:00Z), found '{Clip(text)}'");
                return null;
            }

            return date;
        }

        private static bool HasTimeAndZone(string text)
        {
            if (text.Length < 20 || (text[10] != 'T' && text[10] != 't'))
            {
                return false;
            }

            var last = text[^1];
            if (last is 'Z' or 'z')
            {
                return true;
            }

            return text.Length >= 25 && text[^6] is '+' or '-' && text[^3] == ':';
        }

        private static string Found(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => $"the string '{Clip(e.GetString()!)}'",
            JsonValueKind.Number => $"the number {Clip(e.GetRawText())}",
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null => "null",
            _ => "nothing",
        };

        private static string Clip(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
    }

    /// <summary>For tests and the importer: a compact text of all errors, one per line.</summary>
    public static string Describe(IReadOnlyList<CsafError> errors)
    {
        var builder = new StringBuilder();
        foreach (var error in errors)
        {
            builder.AppendLine(error.ToString());
        }

        return builder.ToString();
    }
}
