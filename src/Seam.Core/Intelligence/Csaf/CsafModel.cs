namespace Seam.Intelligence.Csaf;

/// <summary>
/// A CSAF 2.0 document as read by <see cref="CsafReader"/>: every value is already checked for type, enum and
/// pattern against the OASIS schema, so consumers need no defensive checks. Cross-reference rules (ids that must
/// resolve, contradicting statuses) are the mandatory tests' business and are not enforced here.
/// </summary>
public sealed record CsafDocument
{
    public required CsafDocumentMetadata Document { get; init; }

    public CsafProductTree? ProductTree
    {
        get => productTree;
        init
        {
            productTree = value;
            definedProductIds = null; // a copy made with `with { ProductTree = … }` must not keep the old ids
        }
    }

    public IReadOnlyList<CsafVulnerability> Vulnerabilities { get; init; } = [];

    /// <summary>
    /// Every product id the tree defines, in document order, each once (branch leaves, then full product names,
    /// then relationships; §1.3). A duplicate definition is a mandatory-test failure and is not repeated here.
    /// </summary>
    public IReadOnlyList<string> DefinedProductIds => definedProductIds ??= CollectDefinedProductIds();

    public int RemediationCount
    {
        get
        {
            var count = 0;
            foreach (var vulnerability in Vulnerabilities)
            {
                count += vulnerability.Remediations.Count;
            }

            return count;
        }
    }

    public int ScoreCount
    {
        get
        {
            var count = 0;
            foreach (var vulnerability in Vulnerabilities)
            {
                count += vulnerability.Scores.Count;
            }

            return count;
        }
    }

    private readonly CsafProductTree? productTree;
    private IReadOnlyList<string>? definedProductIds;

    private List<string> CollectDefinedProductIds()
    {
        var ids = new List<string>();
        if (ProductTree is not { } tree)
        {
            return ids;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<CsafBranch>();
        for (var i = tree.Branches.Count - 1; i >= 0; i--)
        {
            pending.Push(tree.Branches[i]);
        }

        while (pending.TryPop(out var branch))
        {
            if (branch.Product is { } product && seen.Add(product.ProductId))
            {
                ids.Add(product.ProductId);
            }

            for (var i = branch.Branches.Count - 1; i >= 0; i--)
            {
                pending.Push(branch.Branches[i]);
            }
        }

        foreach (var product in tree.FullProductNames)
        {
            if (seen.Add(product.ProductId))
            {
                ids.Add(product.ProductId);
            }
        }

        foreach (var relationship in tree.Relationships)
        {
            if (seen.Add(relationship.FullProductName.ProductId))
            {
                ids.Add(relationship.FullProductName.ProductId);
            }
        }

        return ids;
    }
}

/// <summary>The <c>document</c> object: what the advisory is, who published it and its revision state.</summary>
public sealed record CsafDocumentMetadata
{
    /// <summary>The profile (<c>csaf_security_advisory</c>, <c>csaf_vex</c>, …); any other value is treated as <c>csaf_base</c>.</summary>
    public required string Category { get; init; }

    /// <summary>Always <c>2.0</c>: the reader refuses anything else.</summary>
    public required string CsafVersion { get; init; }

    public required string Title { get; init; }

    public string? Lang { get; init; }

    public string? SourceLang { get; init; }

    public required CsafPublisher Publisher { get; init; }

    public required CsafTracking Tracking { get; init; }

    public IReadOnlyList<CsafNote> Notes { get; init; } = [];

    public IReadOnlyList<CsafReference> References { get; init; } = [];

    public IReadOnlyList<CsafAcknowledgment> Acknowledgments { get; init; } = [];

    public CsafAggregateSeverity? AggregateSeverity { get; init; }

    public CsafDistribution? Distribution { get; init; }
}

public sealed record CsafPublisher
{
    public required string Name { get; init; }

    /// <summary>The publisher's namespace URI; together with the tracking id it identifies the document.</summary>
    public required string Namespace { get; init; }

    public required CsafPublisherCategory Category { get; init; }

    public string? ContactDetails { get; init; }

    public string? IssuingAuthority { get; init; }
}

public sealed record CsafTracking
{
    public required string Id { get; init; }

    /// <summary>An integer (<c>3</c>) or a SemVer (<c>1.2.0</c>) version string.</summary>
    public required string Version { get; init; }

    public required CsafTrackingStatus Status { get; init; }

    public required DateTimeOffset InitialReleaseDate { get; init; }

    public required DateTimeOffset CurrentReleaseDate { get; init; }

    public required IReadOnlyList<CsafRevision> RevisionHistory { get; init; }

    public IReadOnlyList<string> Aliases { get; init; } = [];

    public CsafGenerator? Generator { get; init; }
}

public sealed record CsafRevision(string Number, DateTimeOffset Date, string Summary, string? LegacyVersion);

public sealed record CsafGenerator(string EngineName, string? EngineVersion, DateTimeOffset? Date);

public sealed record CsafNote(CsafNoteCategory Category, string Text, string? Title, string? Audience);

public sealed record CsafReference(string Url, string Summary, CsafReferenceCategory Category);

public sealed record CsafAcknowledgment
{
    public IReadOnlyList<string> Names { get; init; } = [];

    public string? Organization { get; init; }

    public string? Summary { get; init; }

    public IReadOnlyList<string> Urls { get; init; } = [];
}

public sealed record CsafAggregateSeverity(string Text, string? Namespace);

public sealed record CsafDistribution(string? Text, CsafTlp? Tlp);

/// <summary>Traffic Light Protocol marking; <see cref="Url"/> defaults to FIRST's TLP page when the document omits it.</summary>
public sealed record CsafTlp(TlpLabel Label, string Url);

/// <summary>The <c>product_tree</c>: where products are defined (§1.2).</summary>
public sealed record CsafProductTree
{
    public IReadOnlyList<CsafBranch> Branches { get; init; } = [];

    public IReadOnlyList<CsafFullProductName> FullProductNames { get; init; } = [];

    public IReadOnlyList<CsafRelationship> Relationships { get; init; } = [];

    public IReadOnlyList<CsafProductGroup> ProductGroups { get; init; } = [];
}

/// <summary>A branch: either an inner node (<see cref="Branches"/> non-empty) or a leaf carrying <see cref="Product"/>.</summary>
public sealed record CsafBranch
{
    public required CsafBranchCategory Category { get; init; }

    public required string Name { get; init; }

    public IReadOnlyList<CsafBranch> Branches { get; init; } = [];

    public CsafFullProductName? Product { get; init; }
}

public sealed record CsafFullProductName
{
    public required string Name { get; init; }

    public required string ProductId { get; init; }

    public CsafProductIdentificationHelper? Helper { get; init; }
}

/// <summary>Machine-matchable identifiers of a product; model numbers, serial numbers and SKUs may hold <c>?</c>/<c>*</c> wildcards.</summary>
public sealed record CsafProductIdentificationHelper
{
    public string? Cpe { get; init; }

    public string? Purl { get; init; }

    public IReadOnlyList<string> ModelNumbers { get; init; } = [];

    public IReadOnlyList<string> SerialNumbers { get; init; } = [];

    public IReadOnlyList<string> Skus { get; init; } = [];

    public IReadOnlyList<CsafFileHashes> Hashes { get; init; } = [];

    public IReadOnlyList<string> SbomUrls { get; init; } = [];

    public IReadOnlyList<CsafGenericUri> XGenericUris { get; init; } = [];
}

public sealed record CsafFileHashes(string FileName, IReadOnlyList<CsafFileHash> FileHashes);

/// <summary>A file hash; <see cref="Algorithm"/> is an OpenSSL digest name (<c>sha256</c> when the document omits it).</summary>
public sealed record CsafFileHash(string Algorithm, string Value);

public sealed record CsafGenericUri(string Namespace, string Uri);

/// <summary>
/// <see cref="ProductReference"/> (the component) relates to <see cref="RelatesToProductReference"/> (the platform)
/// as <see cref="Category"/> says, and the combination is a new product, <see cref="FullProductName"/>.
/// </summary>
public sealed record CsafRelationship
{
    public required CsafRelationshipCategory Category { get; init; }

    public required string ProductReference { get; init; }

    public required string RelatesToProductReference { get; init; }

    public required CsafFullProductName FullProductName { get; init; }
}

public sealed record CsafProductGroup(string GroupId, IReadOnlyList<string> ProductIds, string? Summary);

public sealed record CsafVulnerability
{
    public string? Cve { get; init; }

    public CsafCwe? Cwe { get; init; }

    public IReadOnlyList<CsafVulnerabilityId> Ids { get; init; } = [];

    public string? Title { get; init; }

    public IReadOnlyList<CsafNote> Notes { get; init; } = [];

    public DateTimeOffset? DiscoveryDate { get; init; }

    public DateTimeOffset? ReleaseDate { get; init; }

    public CsafProductStatus ProductStatus { get; init; } = CsafProductStatus.Empty;

    public IReadOnlyList<CsafScore> Scores { get; init; } = [];

    public IReadOnlyList<CsafThreat> Threats { get; init; } = [];

    public IReadOnlyList<CsafFlag> Flags { get; init; } = [];

    public IReadOnlyList<CsafInvolvement> Involvements { get; init; } = [];

    public IReadOnlyList<CsafRemediation> Remediations { get; init; } = [];

    public IReadOnlyList<CsafReference> References { get; init; } = [];

    public IReadOnlyList<CsafAcknowledgment> Acknowledgments { get; init; } = [];
}

public sealed record CsafCwe(string Id, string Name);

/// <summary>An id in another tracking system (<c>Cisco Bug ID</c> / <c>CSCso66472</c>).</summary>
public sealed record CsafVulnerabilityId(string SystemName, string Text);

/// <summary>The eight product status lists of one vulnerability; a product in none of them has unknown status.</summary>
public sealed record CsafProductStatus
{
    public static readonly CsafProductStatus Empty = new();

    public IReadOnlyList<string> FirstAffected { get; init; } = [];

    public IReadOnlyList<string> KnownAffected { get; init; } = [];

    public IReadOnlyList<string> LastAffected { get; init; } = [];

    public IReadOnlyList<string> FirstFixed { get; init; } = [];

    public IReadOnlyList<string> Fixed { get; init; } = [];

    public IReadOnlyList<string> KnownNotAffected { get; init; } = [];

    public IReadOnlyList<string> Recommended { get; init; } = [];

    public IReadOnlyList<string> UnderInvestigation { get; init; } = [];

    public IReadOnlyList<string> this[ProductStatusKind kind] => kind switch
    {
        ProductStatusKind.FirstAffected => FirstAffected,
        ProductStatusKind.KnownAffected => KnownAffected,
        ProductStatusKind.LastAffected => LastAffected,
        ProductStatusKind.FirstFixed => FirstFixed,
        ProductStatusKind.Fixed => Fixed,
        ProductStatusKind.KnownNotAffected => KnownNotAffected,
        ProductStatusKind.Recommended => Recommended,
        ProductStatusKind.UnderInvestigation => UnderInvestigation,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a product status kind."),
    };
}

/// <summary>
/// One score entry. CSAF 2.0 knows <c>cvss_v2</c> and <c>cvss_v3</c>; a <c>cvss_v4</c> object (CSAF 2.1 drafts) is
/// tolerated and kept so that a newer document does not lose its v4 vector.
/// </summary>
public sealed record CsafScore
{
    public required IReadOnlyList<string> Products { get; init; }

    public CsafCvss? CvssV2 { get; init; }

    public CsafCvss? CvssV3 { get; init; }

    public CsafCvss? CvssV4 { get; init; }
}

/// <summary>
/// A CVSS object. Only the fields matching needs are typed; <see cref="RawJson"/> keeps the object exactly as the
/// document wrote it, so temporal and environmental fields survive for later scoring.
/// </summary>
public sealed record CsafCvss(string Version, string VectorString, decimal? BaseScore, string? BaseSeverity, string RawJson);

public sealed record CsafThreat
{
    public required CsafThreatCategory Category { get; init; }

    public required string Details { get; init; }

    public DateTimeOffset? Date { get; init; }

    public IReadOnlyList<string> ProductIds { get; init; } = [];

    public IReadOnlyList<string> GroupIds { get; init; } = [];
}

/// <summary>A machine-readable VEX justification why products are not affected.</summary>
public sealed record CsafFlag
{
    public required CsafFlagLabel Label { get; init; }

    public DateTimeOffset? Date { get; init; }

    public IReadOnlyList<string> ProductIds { get; init; } = [];

    public IReadOnlyList<string> GroupIds { get; init; } = [];
}

public sealed record CsafInvolvement(CsafInvolvementParty Party, CsafInvolvementStatus Status, DateTimeOffset? Date, string? Summary);

public sealed record CsafRemediation
{
    public required CsafRemediationCategory Category { get; init; }

    public required string Details { get; init; }

    public string? Url { get; init; }

    public DateTimeOffset? Date { get; init; }

    public IReadOnlyList<string> ProductIds { get; init; } = [];

    public IReadOnlyList<string> GroupIds { get; init; } = [];

    public IReadOnlyList<string> Entitlements { get; init; } = [];

    public CsafRestartRequired? RestartRequired { get; init; }
}

/// <summary>What must be restarted to apply a remediation; <c>zone</c> and <c>system</c> matter for outage planning in a plant.</summary>
public sealed record CsafRestartRequired(CsafRestartCategory Category, string? Details);
