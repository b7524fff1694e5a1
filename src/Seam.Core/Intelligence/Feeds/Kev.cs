namespace Seam.Intelligence.Feeds;

/// <summary>
/// CISA's Known Exploited Vulnerabilities catalog: membership means a CVE is being exploited in the wild
/// (SSVC Exploitation = active).
/// </summary>
/// <param name="Title">The catalog's title; optional in the schema, absent from the CSV.</param>
/// <param name="CatalogVersion">E.g. <c>2025.08.25</c>; null when read from the CSV, which does not carry it.</param>
/// <param name="DateReleased">When CISA released this version; null when read from the CSV.</param>
/// <param name="Count">The number of entries (checked against the stated <c>count</c> in the JSON).</param>
/// <param name="Vulnerabilities">Entries in file order; each CVE appears once.</param>
public sealed record KevCatalog(
    string? Title,
    string? CatalogVersion,
    DateTimeOffset? DateReleased,
    int Count,
    IReadOnlyList<KevEntry> Vulnerabilities);

/// <summary>Whether CISA knows of ransomware campaigns using the vulnerability.</summary>
public enum RansomwareCampaignUse
{
    /// <summary>CISA lacks confirmation either way; also what an entry without the field means.</summary>
    Unknown,
    Known,
}

/// <summary>One catalog entry, with the values exactly as CISA wrote them (some carry stray spaces).</summary>
/// <param name="DueDate">The remediation deadline for US federal civilian agencies (BOD 22-01).</param>
/// <param name="Notes">Free text, usually reference URLs separated by " ; "; empty when absent.</param>
/// <param name="Cwes">CWE ids such as <c>CWE-79</c>, in the catalog's order; empty when absent.</param>
public sealed record KevEntry(
    CveId CveId,
    string VendorProject,
    string Product,
    string VulnerabilityName,
    DateOnly DateAdded,
    string ShortDescription,
    string RequiredAction,
    DateOnly DueDate,
    RansomwareCampaignUse KnownRansomwareCampaignUse,
    string Notes,
    IReadOnlyList<string> Cwes)
{
    /// <summary>Value equality including the CWE list, so two catalog versions can be compared entry by entry.</summary>
    public bool Equals(KevEntry? other) =>
        other is not null
        && CveId == other.CveId
        && VendorProject == other.VendorProject
        && Product == other.Product
        && VulnerabilityName == other.VulnerabilityName
        && DateAdded == other.DateAdded
        && ShortDescription == other.ShortDescription
        && RequiredAction == other.RequiredAction
        && DueDate == other.DueDate
        && KnownRansomwareCampaignUse == other.KnownRansomwareCampaignUse
        && Notes == other.Notes
        && Cwes.SequenceEqual(other.Cwes);

    public override int GetHashCode() => HashCode.Combine(CveId, DateAdded, DueDate, VulnerabilityName);
}
