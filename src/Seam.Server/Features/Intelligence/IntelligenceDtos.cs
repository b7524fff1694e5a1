using Seam.Intelligence;
using Seam.Intelligence.Advisories;
using Seam.Intelligence.Findings;

namespace Seam.Server.Features.Intelligence;

public sealed record AdvisorySummary(
    string Id, string Title, string Publisher, string Category, string Version, string Status, DateTimeOffset InitialReleaseDate,
    DateTimeOffset CurrentReleaseDate, int Vulnerabilities, int Products, int Remediations, double? MaxCvssScore, string Vendors, string Cves);

public sealed record AdvisoryDetail(
    AdvisorySummary Summary,
    string PublisherNamespace,
    string? Tlp,
    string SourceName,
    string Sha512Check,
    string SignatureCheck,
    DateTimeOffset ImportedAt,
    string ImportedBy,
    IReadOnlyList<RevisionDto> Revisions,
    IReadOnlyList<string> Notes,
    IReadOnlyList<AdvisoryProduct> Products,
    IReadOnlyList<AdvisoryVulnerabilityDto> Vulnerabilities);

public sealed record RevisionDto(string Number, DateTimeOffset Date, string Summary);

public sealed record AdvisoryVulnerabilityDto(
    string Id, string? Cve, string? Title, string? Cwe, IReadOnlyList<ScoreDto> Scores,
    IReadOnlyDictionary<string, IReadOnlyList<string>> ProductStatus,
    IReadOnlyList<RemediationDto> Remediations, IReadOnlyList<ThreatDto> Threats, IReadOnlyList<string> Notes);

public sealed record ScoreDto(string Version, string Vector, double? BaseScore, IReadOnlyList<string> Products);

public sealed record RemediationDto(string Category, string Details, string? Url, DateTimeOffset? Date, IReadOnlyList<string> Products);

public sealed record ThreatDto(string Category, string Details, DateTimeOffset? Date, IReadOnlyList<string> Products);

public sealed record FindingDecisionInput(string? State, string? Reason, DateTimeOffset? AcceptedUntil);

public sealed record FindingDetail(Storage.Intelligence.FindingRow Finding, IReadOnlyList<FindingHistoryDto> History);

public sealed record FindingHistoryDto(string? From, string To, string By, DateTimeOffset At, string Reason, DateTimeOffset? AcceptedUntil);

public sealed record VendorAliasInput(string? Canonical, string? Relation);

internal static class IntelligenceDtoMapping
{
    public static AdvisorySummary ToSummary(this Advisory a) =>
        new(a.Id, a.Title, a.PublisherName, a.Category, a.Version, a.Status, a.InitialReleaseDate, a.CurrentReleaseDate,
            a.VulnerabilityCount, a.ProductCount, a.RemediationCount, a.MaxCvssScore, a.Vendors, a.Cves);

    public static FindingHistoryDto ToDto(this FindingStateChange c) =>
        new(c.From is { } from ? FindingStates.Format(from) : null, FindingStates.Format(c.To), c.By, c.At, c.Reason, c.AcceptedUntil);
}
