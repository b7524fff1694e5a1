namespace Seam.Intelligence.Matching;

/// <summary>What matching needs from one advisory: its products, flattened, and per vulnerability who is in which status.</summary>
public sealed record AdvisoryFacts(
    string AdvisoryId,
    string Version,
    string Title,
    IReadOnlyDictionary<string, AdvisoryProduct> Products,
    IReadOnlyList<VulnerabilityFacts> Vulnerabilities);

/// <summary>One vulnerability of an advisory, with its product statements already expanded from product groups.</summary>
public sealed record VulnerabilityFacts(
    string VulnerabilityId,
    string? Title,
    IReadOnlyList<ProductStatement> Statements,
    IReadOnlyDictionary<string, ProductScore> Scores,
    IReadOnlyDictionary<string, string> Remediations);

public sealed record ProductStatement(string ProductId, ProductStatusKind Status);

public sealed record ProductScore(string Vector, double Score);
