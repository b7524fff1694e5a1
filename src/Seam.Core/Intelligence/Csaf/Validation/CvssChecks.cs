using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Seam.Intelligence.Cvss;
using static Seam.Intelligence.Csaf.Validation.CsafMandatoryTests;

namespace Seam.Intelligence.Csaf.Validation;

/// <summary>
/// 6.1.8–6.1.10 on <c>cvss_v2</c> and <c>cvss_v3</c> objects. 6.1.8 is the FIRST JSON schemas (cvss-v2.0.json,
/// cvss-v3.0.json, cvss-v3.1.json) written out as checks: required properties, the version constant, the vector
/// pattern, the enumerations and the 0–10 score range. Additional properties are allowed, as in those schemas.
/// </summary>
internal static partial class CvssChecks
{
    private sealed record Schema(string Version, string[] Required, Regex Vector, Dictionary<string, string[]> Enums);

    private static readonly string[] ScoreProperties = ["baseScore", "temporalScore", "environmentalScore"];

    private static readonly string[] Severity = ["NONE", "LOW", "MEDIUM", "HIGH", "CRITICAL"];

    private static readonly Schema V2 = new("2.0", ["version", "vectorString", "baseScore"], V2Vector(), new()
    {
        ["accessVector"] = ["NETWORK", "ADJACENT_NETWORK", "LOCAL"],
        ["accessComplexity"] = ["HIGH", "MEDIUM", "LOW"],
        ["authentication"] = ["MULTIPLE", "SINGLE", "NONE"],
        ["confidentialityImpact"] = ["NONE", "PARTIAL", "COMPLETE"],
        ["integrityImpact"] = ["NONE", "PARTIAL", "COMPLETE"],
        ["availabilityImpact"] = ["NONE", "PARTIAL", "COMPLETE"],
        ["exploitability"] = ["UNPROVEN", "PROOF_OF_CONCEPT", "FUNCTIONAL", "HIGH", "NOT_DEFINED"],
        ["remediationLevel"] = ["OFFICIAL_FIX", "TEMPORARY_FIX", "WORKAROUND", "UNAVAILABLE", "NOT_DEFINED"],
        ["reportConfidence"] = ["UNCONFIRMED", "UNCORROBORATED", "CONFIRMED", "NOT_DEFINED"],
        ["collateralDamagePotential"] = ["NONE", "LOW", "LOW_MEDIUM", "MEDIUM_HIGH", "HIGH", "NOT_DEFINED"],
        ["targetDistribution"] = ["NONE", "LOW", "MEDIUM", "HIGH", "NOT_DEFINED"],
        ["confidentialityRequirement"] = ["LOW", "MEDIUM", "HIGH", "NOT_DEFINED"],
        ["integrityRequirement"] = ["LOW", "MEDIUM", "HIGH", "NOT_DEFINED"],
        ["availabilityRequirement"] = ["LOW", "MEDIUM", "HIGH", "NOT_DEFINED"],
    });

    private static readonly Dictionary<string, string[]> V3Enums = new()
    {
        ["attackVector"] = ["NETWORK", "ADJACENT_NETWORK", "LOCAL", "PHYSICAL"],
        ["attackComplexity"] = ["HIGH", "LOW"],
        ["privilegesRequired"] = ["HIGH", "LOW", "NONE"],
        ["userInteraction"] = ["NONE", "REQUIRED"],
        ["scope"] = ["UNCHANGED", "CHANGED"],
        ["confidentialityImpact"] = ["NONE", "LOW", "HIGH"],
        ["integrityImpact"] = ["NONE", "LOW", "HIGH"],
        ["availabilityImpact"] = ["NONE", "LOW", "HIGH"],
        ["baseSeverity"] = Severity,
        ["exploitCodeMaturity"] = ["UNPROVEN", "PROOF_OF_CONCEPT", "FUNCTIONAL", "HIGH", "NOT_DEFINED"],
        ["remediationLevel"] = ["OFFICIAL_FIX", "TEMPORARY_FIX", "WORKAROUND", "UNAVAILABLE", "NOT_DEFINED"],
        ["reportConfidence"] = ["UNKNOWN", "REASONABLE", "CONFIRMED", "NOT_DEFINED"],
        ["temporalSeverity"] = Severity,
        ["confidentialityRequirement"] = ["LOW", "MEDIUM", "HIGH", "NOT_DEFINED"],
        ["integrityRequirement"] = ["LOW", "MEDIUM", "HIGH", "NOT_DEFINED"],
        ["availabilityRequirement"] = ["LOW", "MEDIUM", "HIGH", "NOT_DEFINED"],
        ["modifiedAttackVector"] = ["NETWORK", "ADJACENT_NETWORK", "LOCAL", "PHYSICAL", "NOT_DEFINED"],
        ["modifiedAttackComplexity"] = ["HIGH", "LOW", "NOT_DEFINED"],
        ["modifiedPrivilegesRequired"] = ["HIGH", "LOW", "NONE", "NOT_DEFINED"],
        ["modifiedUserInteraction"] = ["NONE", "REQUIRED", "NOT_DEFINED"],
        ["modifiedScope"] = ["UNCHANGED", "CHANGED", "NOT_DEFINED"],
        ["modifiedConfidentialityImpact"] = ["NONE", "LOW", "HIGH", "NOT_DEFINED"],
        ["modifiedIntegrityImpact"] = ["NONE", "LOW", "HIGH", "NOT_DEFINED"],
        ["modifiedAvailabilityImpact"] = ["NONE", "LOW", "HIGH", "NOT_DEFINED"],
        ["environmentalSeverity"] = Severity,
    };

    private static readonly string[] V3Required = ["version", "vectorString", "baseScore", "baseSeverity"];

    private static readonly Schema V30 = new("3.0", V3Required, V30Vector(), V3Enums);

    private static readonly Schema V31 = new("3.1", V3Required, V31Vector(), V3Enums);

    private static readonly IReadOnlyDictionary<string, object> Empty = new Dictionary<string, object>();

    /// <summary>The computed properties: the scores and, for v3, the severities (6.1.9).</summary>
    private static readonly string[] ComputedProperties =
        ["baseScore", "temporalScore", "environmentalScore", "baseSeverity", "temporalSeverity", "environmentalSeverity"];

    /// <summary>
    /// The CVSS version a score object is for (6.1.7): its <c>version</c>, else what its vector says, else the
    /// property name's major version.
    /// </summary>
    public static string VersionOf(string property, JsonElement cvss)
    {
        if (cvss.StringOf("version") is { } version)
        {
            return version;
        }

        var vector = cvss.StringOf("vectorString");
        return property == "cvss_v2" ? "2.0"
            : vector?.StartsWith("CVSS:3.0/", StringComparison.Ordinal) == true ? "3.0"
            : vector?.StartsWith("CVSS:3.1/", StringComparison.Ordinal) == true ? "3.1"
            : "3";
    }

    public static void Check(string property, JsonElement cvss, string path, List<CsafProblem> problems)
    {
        var schema = property == "cvss_v2" ? V2 : VersionOf(property, cvss) == "3.0" ? V30 : V31;
        CheckSchema(schema, cvss, path, problems);
        if (cvss.StringOf("vectorString") is not { } vector || !schema.Vector.IsMatch(vector))
        {
            return; // without a well-formed vector there is nothing to compute or compare against
        }

        IReadOnlyDictionary<string, object> computed;
        CvssFormatException? error;
        if (schema == V2)
        {
            computed = CvssV2Vector.TryParse(vector, out var v2, out error) ? v2.ToJsonProperties() : Empty;
        }
        else
        {
            computed = CvssV3Vector.TryParse(vector, out var v3, out error) ? v3.ToJsonProperties() : Empty;
        }

        if (error is not null)
        {
            // The schema's pattern lets any subset of metrics through; CVSS itself requires every base metric once.
            problems.Add(InvalidCvss.At($"{path}/vectorString", $"'{vector}' is not a complete CVSS {schema.Version} vector: {error.Message}"));
            return;
        }

        CheckComputation(cvss, computed, path, problems);
        CheckConsistency(schema, cvss, computed, path, problems);
    }

    private static void CheckComputation(
        JsonElement cvss, IReadOnlyDictionary<string, object> computed, string path, List<CsafProblem> problems)
    {
        foreach (var name in ComputedProperties)
        {
            if (!cvss.TryGetProperty(name, out var given) || !computed.TryGetValue(name, out var expected))
            {
                continue;
            }

            var matches = expected switch
            {
                double score => given.ValueKind == JsonValueKind.Number && Math.Abs(given.GetDouble() - score) < 1e-9,
                string severity => given.ValueKind == JsonValueKind.String && given.GetString() == severity,
                _ => true,
            };
            if (!matches)
            {
                problems.Add(InvalidCvssComputation.At($"{path}/{name}",
                    string.Create(CultureInfo.InvariantCulture, $"{name} is {given.GetRawText()} but the vector gives {expected}.")));
            }
        }
    }

    /// <summary>
    /// 6.1.10: every metric property must say what the vector says; a metric the vector leaves out is Not Defined.
    /// Values outside the schema's enumeration are 6.1.8's to report.
    /// </summary>
    private static void CheckConsistency(
        Schema schema, JsonElement cvss, IReadOnlyDictionary<string, object> computed, string path, List<CsafProblem> problems)
    {
        foreach (var property in cvss.EnumerateObject())
        {
            var given = property.Value;
            if (!schema.Enums.TryGetValue(property.Name, out var allowed) || allowed == Severity
                || given.ValueKind != JsonValueKind.String || !allowed.Contains(given.GetString()))
            {
                continue;
            }

            var expected = computed.TryGetValue(property.Name, out var value) ? (string)value : "NOT_DEFINED";
            if (given.GetString() != expected)
            {
                problems.Add(InconsistentCvss.At($"{path}/{property.Name}",
                    $"{property.Name} is {given.GetString()} but the vector says {expected}."));
            }
        }
    }

    private static void CheckSchema(Schema schema, JsonElement cvss, string path, List<CsafProblem> problems)
    {
        var missing = schema.Required.Where(r => !cvss.Has(r)).ToList();
        if (missing.Count > 0)
        {
            problems.Add(InvalidCvss.At(path,
                $"The CVSS {schema.Version} object lacks the required {string.Join(", ", missing)}."));
        }

        if (cvss.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.String
            ? version.GetString() != schema.Version
            : cvss.Has("version"))
        {
            problems.Add(InvalidCvss.At($"{path}/version",
                $"The version must be the string \"{schema.Version}\" for this object (from its vector); found {version.GetRawText()}."));
        }

        if (cvss.TryGetProperty("vectorString", out var vector)
            && (vector.ValueKind != JsonValueKind.String || !schema.Vector.IsMatch(vector.GetString()!)))
        {
            problems.Add(InvalidCvss.At($"{path}/vectorString",
                $"{vector.GetRawText()} is not a CVSS {schema.Version} vector as the FIRST schema defines it."));
        }

        // One pass over the object's properties: looking each schema property up by name would scan the object
        // once per name.
        foreach (var property in cvss.EnumerateObject())
        {
            var value = property.Value;
            if (ScoreProperties.Contains(property.Name))
            {
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || number is < 0 or > 10)
                {
                    problems.Add(InvalidCvss.At($"{path}/{property.Name}",
                        $"{property.Name} must be a number from 0 to 10; found {value.GetRawText()}."));
                }
            }
            else if (schema.Enums.TryGetValue(property.Name, out var allowed)
                     && (value.ValueKind != JsonValueKind.String || !allowed.Contains(value.GetString())))
            {
                problems.Add(InvalidCvss.At($"{path}/{property.Name}",
                    $"{property.Name} must be one of {string.Join(", ", allowed)}; found {value.GetRawText()}."));
            }
        }
    }

    // The vector patterns of the FIRST schemas, verbatim.
    [GeneratedRegex(@"^((AV:[NAL]|AC:[LMH]|Au:[MSN]|[CIA]:[NPC]|E:(U|POC|F|H|ND)|RL:(OF|TF|W|U|ND)|RC:(UC|UR|C|ND)|CDP:(N|L|LM|MH|H|ND)|TD:(N|L|M|H|ND)|[CIA]R:(L|M|H|ND))/)*(AV:[NAL]|AC:[LMH]|Au:[MSN]|[CIA]:[NPC]|E:(U|POC|F|H|ND)|RL:(OF|TF|W|U|ND)|RC:(UC|UR|C|ND)|CDP:(N|L|LM|MH|H|ND)|TD:(N|L|M|H|ND)|[CIA]R:(L|M|H|ND))$", RegexOptions.CultureInvariant)]
    private static partial Regex V2Vector();

    [GeneratedRegex(@"^CVSS:3[.]0/((AV:[NALP]|AC:[LH]|PR:[NLH]|UI:[NR]|S:[UC]|[CIA]:[NLH]|E:[XUPFH]|RL:[XOTWU]|RC:[XURC]|[CIA]R:[XLMH]|MAV:[XNALP]|MAC:[XLH]|MPR:[XNLH]|MUI:[XNR]|MS:[XUC]|M[CIA]:[XNLH])/)*(AV:[NALP]|AC:[LH]|PR:[NLH]|UI:[NR]|S:[UC]|[CIA]:[NLH]|E:[XUPFH]|RL:[XOTWU]|RC:[XURC]|[CIA]R:[XLMH]|MAV:[XNALP]|MAC:[XLH]|MPR:[XNLH]|MUI:[XNR]|MS:[XUC]|M[CIA]:[XNLH])$", RegexOptions.CultureInvariant)]
    private static partial Regex V30Vector();

    [GeneratedRegex(@"^CVSS:3[.]1/((AV:[NALP]|AC:[LH]|PR:[NLH]|UI:[NR]|S:[UC]|[CIA]:[NLH]|E:[XUPFH]|RL:[XOTWU]|RC:[XURC]|[CIA]R:[XLMH]|MAV:[XNALP]|MAC:[XLH]|MPR:[XNLH]|MUI:[XNR]|MS:[XUC]|M[CIA]:[XNLH])/)*(AV:[NALP]|AC:[LH]|PR:[NLH]|UI:[NR]|S:[UC]|[CIA]:[NLH]|E:[XUPFH]|RL:[XOTWU]|RC:[XURC]|[CIA]R:[XLMH]|MAV:[XNALP]|MAC:[XLH]|MPR:[XNLH]|MUI:[XNR]|MS:[XUC]|M[CIA]:[XNLH])$", RegexOptions.CultureInvariant)]
    private static partial Regex V31Vector();
}
