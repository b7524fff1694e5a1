namespace Seam.Intelligence.Feeds;

/// <summary>An NVD CVE API 2.0 response or data-feed file (<c>"format": "NVD_CVE", "version": "2.0"</c>).</summary>
/// <param name="ResultsPerPage">As stated; for a data-feed file, the number of CVEs in it.</param>
/// <param name="StartIndex">Where this page starts in the whole result (0 for a data-feed file).</param>
/// <param name="TotalResults">The size of the whole result across all pages.</param>
/// <param name="Timestamp">When NVD produced the file (UTC).</param>
public sealed record NvdFeed(
    int ResultsPerPage,
    int StartIndex,
    int TotalResults,
    string Version,
    DateTimeOffset Timestamp,
    IReadOnlyList<NvdCve> Vulnerabilities);

/// <summary>What NVD says about one CVE, reduced to what matching and prioritising need.</summary>
/// <param name="Published">When the CVE was published (NVD writes UTC without an offset).</param>
/// <param name="Status">NVD's <c>vulnStatus</c>, e.g. <c>Analyzed</c>, <c>Modified</c>, <c>Awaiting Analysis</c>, <c>Rejected</c>.</param>
/// <param name="Description">The English description, or the first one when there is none in English.</param>
/// <param name="Metrics">CVSS scores in the order v4.0, v3.1, v3.0, v2, each version in file order.</param>
/// <param name="Cwes">Distinct CWE ids from all weakness sources; NVD's placeholders NVD-CWE-Other and NVD-CWE-noinfo are left out.</param>
/// <param name="CpeMatches">
/// Every cpeMatch of every configuration node, flattened: the AND/OR/negate structure is not kept, so a platform
/// that is only a precondition shows up with <see cref="NvdCpeMatch.Vulnerable"/> false.
/// </param>
public sealed record NvdCve(
    CveId CveId,
    DateTimeOffset Published,
    DateTimeOffset LastModified,
    string? Status,
    string Description,
    IReadOnlyList<NvdCvssMetric> Metrics,
    IReadOnlyList<string> Cwes,
    IReadOnlyList<NvdCpeMatch> CpeMatches,
    IReadOnlyList<NvdReference> References);

/// <summary>One CVSS score as NVD lists it.</summary>
/// <param name="Version">"4.0", "3.1", "3.0" or "2.0".</param>
/// <param name="Source">Who scored it: <c>nvd@nist.gov</c> or a CNA's identifier.</param>
/// <param name="IsPrimary">True for the score NVD itself assigned ("Primary"); false for a CNA's ("Secondary").</param>
/// <param name="VectorString">As written, e.g. <c>CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H</c>; v2 vectors have no prefix.</param>
/// <param name="BaseScore">0 to 10, as stated (not recomputed here).</param>
public sealed record NvdCvssMetric(string Version, string Source, bool IsPrimary, string VectorString, double BaseScore);

/// <summary>A CPE 2.3 match criterion, optionally bounded by a version range.</summary>
public sealed record NvdCpeMatch(
    string Criteria,
    bool Vulnerable,
    string? StartIncluding,
    string? StartExcluding,
    string? EndIncluding,
    string? EndExcluding);

/// <summary>A reference URL with NVD's tags (e.g. <c>Exploit</c>, <c>Patch</c>, <c>Vendor Advisory</c>).</summary>
public sealed record NvdReference(string Url, string? Source, IReadOnlyList<string> Tags);
