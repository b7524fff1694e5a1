namespace Seam.Intelligence.Advisories;

/// <summary>
/// An imported CSAF document as Seam stores it: the tracking facts lists and pages need, the verification results,
/// and the document itself, so that details (product tree, remediations) are read from the source and never drift.
/// One row per tracking id; a newer revision replaces the row and updates its findings in place.
/// </summary>
public sealed class Advisory
{
    /// <summary>The tracking id (<c>ICSA-24-016-02</c>), unique within its publisher.</summary>
    public required string Id { get; init; }

    public required string PublisherName { get; set; }

    public required string PublisherNamespace { get; set; }

    public required string Title { get; set; }

    /// <summary>csaf_security_advisory, csaf_vex, csaf_base, …</summary>
    public required string Category { get; set; }

    /// <summary>final, interim or draft.</summary>
    public required string Status { get; set; }

    /// <summary>The tracking version ("1", "1.2.0").</summary>
    public required string Version { get; set; }

    public int RevisionCount { get; set; }

    public DateTimeOffset InitialReleaseDate { get; set; }

    public DateTimeOffset CurrentReleaseDate { get; set; }

    public string? Tlp { get; set; }

    public int VulnerabilityCount { get; set; }

    public int ProductCount { get; set; }

    public int RemediationCount { get; set; }

    /// <summary>The highest CVSS base score stated anywhere in the document.</summary>
    public double? MaxCvssScore { get; set; }

    /// <summary>Vendors named in the product tree, "; "-joined, for filtering the list.</summary>
    public string Vendors { get; set; } = string.Empty;

    /// <summary>CVE ids of the document, "; "-joined, for search.</summary>
    public string Cves { get; set; } = string.Empty;

    /// <summary>SHA-256 of the document bytes: the same bytes imported again are "unchanged".</summary>
    public required string ContentSha256 { get; set; }

    /// <summary>The file or archive entry it came from.</summary>
    public required string SourceName { get; set; }

    /// <summary>Outcome of the .sha512 sidecar check ("verified", "not provided").</summary>
    public required string Sha512Check { get; set; }

    /// <summary>Outcome of the OpenPGP signature check ("verified by …", "unknown key …", "not checked").</summary>
    public required string SignatureCheck { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    public required string ImportedBy { get; set; }

    /// <summary>The CSAF JSON exactly as imported.</summary>
    public required string Document { get; set; }
}

/// <summary>One vulnerability of an advisory, kept apart so that a CVE's page can list every advisory that names it.</summary>
public sealed class AdvisoryVulnerability
{
    public required string AdvisoryId { get; init; }

    /// <summary>The CVE id, or the advisory's own id for a vulnerability without a CVE.</summary>
    public required string VulnerabilityId { get; init; }

    public string? Title { get; set; }

    public string? Cwe { get; set; }

    /// <summary>The highest CVSS v3 score the advisory states for it, and its vector.</summary>
    public string? CvssVector { get; set; }

    public double? CvssScore { get; set; }

    /// <summary>
    /// The details of the vulnerability's <c>threats[category=exploit_status]</c> entries, "; "-joined; null when the
    /// advisory states none (or was stored before this was kept).
    /// </summary>
    public string? ExploitStatus { get; set; }
}
