namespace Seam.Intelligence.Csaf.Validation;

/// <summary>
/// One failure of a CSAF 2.0 mandatory test (§6.1). A document with any problem is not a valid CSAF document.
/// </summary>
/// <param name="TestId">The section number of the test, e.g. <c>6.1.1</c> or <c>6.1.27.9</c>.</param>
/// <param name="TestName">The test's title in the specification, e.g. <c>Missing Definition of Product ID</c>.</param>
/// <param name="JsonPath">
/// RFC 6901 pointer to the offending value, e.g. <c>/vulnerabilities/0/product_status/known_affected/1</c>. Where the
/// failure is that something is missing, the pointer names where it should be (it then does not resolve).
/// </param>
/// <param name="Message">What is wrong and what was expected, naming the values involved.</param>
public sealed record CsafProblem(string TestId, string TestName, string JsonPath, string Message);

/// <summary>A mandatory test of CSAF 2.0 §6.1: its section number and title.</summary>
public sealed record CsafMandatoryTest(string Id, string Name)
{
    internal CsafProblem At(string jsonPath, string message) => new(Id, Name, jsonPath, message);
}

/// <summary>The CSAF 2.0 mandatory tests this validator implements, in specification order.</summary>
public static class CsafMandatoryTests
{
    public static readonly CsafMandatoryTest MissingProductId = new("6.1.1", "Missing Definition of Product ID");
    public static readonly CsafMandatoryTest MultipleProductId = new("6.1.2", "Multiple Definition of Product ID");
    public static readonly CsafMandatoryTest CircularProductId = new("6.1.3", "Circular Definition of Product ID");
    public static readonly CsafMandatoryTest MissingGroupId = new("6.1.4", "Missing Definition of Product Group ID");
    public static readonly CsafMandatoryTest MultipleGroupId = new("6.1.5", "Multiple Definition of Product Group ID");
    public static readonly CsafMandatoryTest ContradictingStatus = new("6.1.6", "Contradicting Product Status");
    public static readonly CsafMandatoryTest MultipleScores = new("6.1.7", "Multiple Scores with same Version per Product");
    public static readonly CsafMandatoryTest InvalidCvss = new("6.1.8", "Invalid CVSS");
    public static readonly CsafMandatoryTest InvalidCvssComputation = new("6.1.9", "Invalid CVSS computation");
    public static readonly CsafMandatoryTest InconsistentCvss = new("6.1.10", "Inconsistent CVSS");
    public static readonly CsafMandatoryTest Cwe = new("6.1.11", "CWE");
    public static readonly CsafMandatoryTest Language = new("6.1.12", "Language");
    public static readonly CsafMandatoryTest Purl = new("6.1.13", "PURL");
    public static readonly CsafMandatoryTest SortedRevisionHistory = new("6.1.14", "Sorted Revision History");
    public static readonly CsafMandatoryTest Translator = new("6.1.15", "Translator");
    public static readonly CsafMandatoryTest LatestDocumentVersion = new("6.1.16", "Latest Document Version");
    public static readonly CsafMandatoryTest DocumentStatusDraft = new("6.1.17", "Document Status Draft");
    public static readonly CsafMandatoryTest ReleasedRevisionHistory = new("6.1.18", "Released Revision History");
    public static readonly CsafMandatoryTest PreReleaseRevisionHistory = new("6.1.19", "Revision History Entries for Pre-release Versions");
    public static readonly CsafMandatoryTest NonDraftDocumentVersion = new("6.1.20", "Non-draft Document Version");
    public static readonly CsafMandatoryTest MissingRevisionHistoryItem = new("6.1.21", "Missing Item in Revision History");
    public static readonly CsafMandatoryTest MultipleRevisionNumber = new("6.1.22", "Multiple Definition in Revision History");
    public static readonly CsafMandatoryTest MultipleCve = new("6.1.23", "Multiple Use of Same CVE");
    public static readonly CsafMandatoryTest MultipleInvolvement = new("6.1.24", "Multiple Definition in Involvements");
    public static readonly CsafMandatoryTest MultipleHashAlgorithm = new("6.1.25", "Multiple Use of Same Hash Algorithm");
    public static readonly CsafMandatoryTest ProhibitedCategoryName = new("6.1.26", "Prohibited Document Category Name");
    public static readonly CsafMandatoryTest ProfileDocumentNotes = new("6.1.27.1", "Document Notes");
    public static readonly CsafMandatoryTest ProfileDocumentReferences = new("6.1.27.2", "Document References");
    public static readonly CsafMandatoryTest ProfileNoVulnerabilities = new("6.1.27.3", "Vulnerabilities");
    public static readonly CsafMandatoryTest ProfileProductTree = new("6.1.27.4", "Product Tree");
    public static readonly CsafMandatoryTest ProfileVulnerabilityNotes = new("6.1.27.5", "Vulnerability Notes");
    public static readonly CsafMandatoryTest ProfileProductStatus = new("6.1.27.6", "Product Status");
    public static readonly CsafMandatoryTest ProfileVexProductStatus = new("6.1.27.7", "VEX Product Status");
    public static readonly CsafMandatoryTest ProfileVulnerabilityId = new("6.1.27.8", "Vulnerability ID");
    public static readonly CsafMandatoryTest ProfileImpactStatement = new("6.1.27.9", "Impact Statement");
    public static readonly CsafMandatoryTest ProfileActionStatement = new("6.1.27.10", "Action Statement");
    public static readonly CsafMandatoryTest ProfileVulnerabilities = new("6.1.27.11", "Vulnerabilities");
    public static readonly CsafMandatoryTest Translation = new("6.1.28", "Translation");
    public static readonly CsafMandatoryTest RemediationWithoutProduct = new("6.1.29", "Remediation without Product Reference");
    public static readonly CsafMandatoryTest MixedVersioning = new("6.1.30", "Mixed Integer and Semantic Versioning");
    public static readonly CsafMandatoryTest VersionRangeInProductVersion = new("6.1.31", "Version Range in Product Version");
    public static readonly CsafMandatoryTest FlagWithoutProduct = new("6.1.32", "Flag without Product Reference");
    public static readonly CsafMandatoryTest MultipleVexJustifications = new("6.1.33", "Multiple Flags with VEX Justification Codes per Product");

    public static IReadOnlyList<CsafMandatoryTest> All { get; } =
    [
        MissingProductId, MultipleProductId, CircularProductId, MissingGroupId, MultipleGroupId, ContradictingStatus,
        MultipleScores, InvalidCvss, InvalidCvssComputation, InconsistentCvss, Cwe, Language, Purl, SortedRevisionHistory,
        Translator, LatestDocumentVersion, DocumentStatusDraft, ReleasedRevisionHistory, PreReleaseRevisionHistory,
        NonDraftDocumentVersion, MissingRevisionHistoryItem, MultipleRevisionNumber, MultipleCve, MultipleInvolvement,
        MultipleHashAlgorithm, ProhibitedCategoryName, ProfileDocumentNotes, ProfileDocumentReferences,
        ProfileNoVulnerabilities, ProfileProductTree, ProfileVulnerabilityNotes, ProfileProductStatus,
        ProfileVexProductStatus, ProfileVulnerabilityId, ProfileImpactStatement, ProfileActionStatement,
        ProfileVulnerabilities, Translation, RemediationWithoutProduct, MixedVersioning, VersionRangeInProductVersion,
        FlagWithoutProduct, MultipleVexJustifications,
    ];
}
