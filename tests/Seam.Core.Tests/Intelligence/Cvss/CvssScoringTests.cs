using System.Text.Json;
using Seam.Intelligence.Cvss;
using Seam.Testing.Corpus;

namespace Seam.Core.Tests.Intelligence.Cvss;

public sealed class CvssScoringTests
{
    // Base, temporal, environmental for v3.1 vectors with temporal and environmental metrics (the corpus's 3.1 file
    // has base metrics only). Values from shared/REFERENCE.md §5, checked against the RedHat library.
    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, 9.8, 9.8)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0, 10.0, 10.0)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", 6.5, 6.5, 6.5)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, 6.1, 6.1)]
    [InlineData("CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H/E:P/RL:O/RC:C", 6.5, 5.9, 5.9)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:R/CR:H/IR:H/AR:H/MAV:A/MS:C", 9.8, 8.2, 8.1)]
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:U/C:L/I:L/A:L/CR:L/IR:L/AR:H/MPR:N", 5.0, 5.0, 5.3)]
    public void V31_temporal_and_environmental_scores_follow_the_31_formulas(string vector, double @base, double temporal, double environmental)
    {
        var parsed = CvssV3Vector.Parse(vector);
        Assert.Equal(CvssVersion.V3_1, parsed.Version);
        Assert.Equal((@base, temporal, environmental), (parsed.BaseScore, parsed.TemporalScore, parsed.EnvironmentalScore));
    }

    [Fact]
    public void V31_sub_scores_are_published_to_one_decimal()
    {
        var parsed = CvssV3Vector.Parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
        Assert.Equal((5.9, 3.9), (parsed.ImpactSubScore, parsed.ExploitabilitySubScore));
        Assert.Equal(CvssSeverity.Critical, parsed.BaseSeverity);
    }

    [Theory]
    [InlineData(4.000000000000001, 4.0)]
    [InlineData(4.0, 4.0)]
    [InlineData(4.02, 4.1)]
    [InlineData(4.00001, 4.1)]
    [InlineData(4.000004, 4.0)]
    [InlineData(0.0, 0.0)]
    public void V31_roundup_ignores_floating_point_noise_below_one_hundred_thousandth(double input, double expected) =>
        Assert.Equal(expected, CvssV3Vector.Roundup31(input));

    // MacroVector and score from shared/REFERENCE.md §6.6, reproduced there with FIRST's calculator data.
    [Theory]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "000200", 9.3, "CVSS-B")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", "000100", 10.0, "CVSS-B")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U", "000220", 8.1, "CVSS-BT")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSI:S/MSA:S", "000000", 10.0, "CVSS-BE")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N", "001200", 8.7, "CVSS-B")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N/AR:L", "001201", 7.9, "CVSS-BE")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N/MSI:H", "002101", 7.7, "CVSS-BE")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/CR:L/IR:L/AR:L", "000201", 8.9, "CVSS-BE")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A", "110200", 7.7, "CVSS-BT")]
    [InlineData("CVSS:4.0/AV:N/AC:H/AT:N/PR:L/UI:N/VC:H/VI:L/VA:N/SC:N/SI:N/SA:N/E:P/CR:H/IR:M/AR:L/MAV:A", "111210", 4.8, "CVSS-BTE")]
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "100200", 8.5, "CVSS-B")]
    [InlineData("CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:H/SI:N/SA:H", "102101", 6.4, "CVSS-B")]
    [InlineData("CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N", "212201", 1.0, "CVSS-B")]
    public void V4_macrovector_and_score_match_the_reference(string vector, string macroVector, double score, string nomenclature)
    {
        var parsed = CvssV4Vector.Parse(vector);
        Assert.Equal(macroVector, parsed.MacroVector);
        Assert.Equal(score, parsed.Score);
        Assert.Equal(nomenclature, parsed.Nomenclature);
    }

    [Theory]
    [InlineData("E:A", 7.3)]
    [InlineData("E:P", 5.9)]
    [InlineData("E:U", 4.1)]
    [InlineData("CR:M/IR:M/AR:L", 5.5)]
    public void V4_threat_and_requirements_lower_the_score_of_a_hard_to_reach_full_impact(string extra, double score)
    {
        var parsed = CvssV4Vector.Parse("CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/" + extra);
        Assert.Equal(score, parsed.Score);
    }

    [Fact]
    public void V4_supplemental_metrics_do_not_change_the_score()
    {
        const string Base = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
        var plain = CvssV4Vector.Parse(Base);
        var supplemented = CvssV4Vector.Parse(Base + "/S:P/AU:Y/R:I/V:C/RE:H/U:Red");
        Assert.Equal(plain.Score, supplemented.Score);
        Assert.Equal("CVSS-B", supplemented.Nomenclature);
    }

    [Fact]
    public void V4_lookup_table_has_the_270_macrovectors_of_the_specification()
    {
        Assert.Equal(270, CvssV4Tables.MacroVectorCount);
        Assert.Equal(10.0, CvssV4Tables.Lookup(0, 0, 0, 0, 0, 0));
        Assert.Equal(9.3, CvssV4Tables.Lookup(0, 0, 0, 2, 0, 0));
        Assert.Equal(1.7, CvssV4Tables.Lookup(0, 1, 2, 2, 2, 1));
        Assert.Equal(0.1, CvssV4Tables.Lookup(2, 1, 2, 2, 2, 1));
        Assert.True(double.IsNaN(CvssV4Tables.Lookup(0, 0, 2, 0, 0, 0)));
        Assert.True(double.IsNaN(CvssV4Tables.Lookup(3, 0, 0, 0, 0, 0)));
    }

    [Fact]
    public void V3_json_properties_carry_the_schema_names_and_values()
    {
        var json = CvssV3Vector.Parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").ToJsonProperties();
        Assert.Equal("3.1", json["version"]);
        Assert.Equal("NETWORK", json["attackVector"]);
        Assert.Equal("UNCHANGED", json["scope"]);
        Assert.Equal(9.8, json["baseScore"]);
        Assert.Equal("CRITICAL", json["baseSeverity"]);
        Assert.Equal(9.8, json["environmentalScore"]);
        Assert.False(json.ContainsKey("exploitCodeMaturity"));
        Assert.False(json.ContainsKey("vectorString"));

        var full = CvssV3Vector.Parse("CVSS:3.0/AV:L/AC:H/PR:H/UI:N/S:C/C:N/I:H/A:N/E:P/RL:U/RC:U/CR:H/IR:L/AR:H/MAV:L/MUI:R/MS:C/MC:N/MI:L/MA:X").ToJsonProperties();
        Assert.Equal("PROOF_OF_CONCEPT", full["exploitCodeMaturity"]);
        Assert.Equal("UNKNOWN", full["reportConfidence"]);
        Assert.Equal("NOT_DEFINED", full["modifiedAvailabilityImpact"]);
        Assert.Equal((5.3, 4.6, 1.3), ((double)full["baseScore"], (double)full["temporalScore"], (double)full["environmentalScore"]));
        Assert.Equal("LOW", full["environmentalSeverity"]);
    }

    [Fact]
    public void V2_json_properties_carry_the_schema_names_and_values()
    {
        var json = CvssV2Vector.Parse("AV:L/AC:M/Au:S/C:N/I:P/A:C/E:U/RL:OF/RC:UR/CDP:N/TD:L/CR:H/IR:H/AR:H").ToJsonProperties();
        Assert.Equal("2.0", json["version"]);
        Assert.Equal("LOCAL", json["accessVector"]);
        Assert.Equal("MEDIUM", json["accessComplexity"]);
        Assert.Equal("SINGLE", json["authentication"]);
        Assert.Equal("UNPROVEN", json["exploitability"]);
        Assert.Equal("OFFICIAL_FIX", json["remediationLevel"]);
        Assert.Equal("UNCORROBORATED", json["reportConfidence"]);
        Assert.Equal("NONE", json["collateralDamagePotential"]);
        Assert.Equal((5.0, 3.5, 1.2), ((double)json["baseScore"], (double)json["temporalScore"], (double)json["environmentalScore"]));
    }

    /// <summary>
    /// Every property ToJsonProperties produces for the corpus vectors must be one the FIRST schema embedded in
    /// CSAF 2.0 defines, with a value its enum allows.
    /// </summary>
    [Theory]
    [InlineData("cvss-v2.0.json", "vectors_cvsslib2")]
    [InlineData("cvss-v3.0.json", "vectors_cvsslib3")]
    [InlineData("cvss-v3.1.json", "vectors_simple31_odd-lines")]
    public void Json_properties_conform_to_the_first_schema(string schemaFile, string vectors)
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(
            SharedCorpus.Path("csaf", "oasis-tcs-csaf", "csaf_2.0", "referenced_schema", "first", schemaFile)));
        var properties = schema.RootElement.GetProperty("properties");
        var definitions = schema.RootElement.GetProperty("definitions");
        var problems = new List<string>();
        var checkedValues = 0;
        var lineNumber = 0;
        foreach (var line in File.ReadLines(SharedCorpus.Path("cvss", "redhat-cvss-tests", vectors)))
        {
            lineNumber++;
            var vector = CvssVector.Parse(line[..line.LastIndexOf(" - ", StringComparison.Ordinal)]);
            var json = vector switch
            {
                CvssV2Vector v2 => v2.ToJsonProperties(),
                CvssV3Vector v3 => v3.ToJsonProperties(),
                _ => throw new InvalidOperationException("not a v2/v3 vector"),
            };
            foreach (var (name, value) in json)
            {
                if (!properties.TryGetProperty(name, out var property))
                {
                    problems.Add($"{vectors}:{lineNumber}: '{name}' is not a schema property");
                    continue;
                }

                var allowed = property.TryGetProperty("$ref", out var reference)
                    ? definitions.GetProperty(reference.GetString()!.Split('/')[^1])
                    : property;
                if (allowed.TryGetProperty("enum", out var values)
                    && !values.EnumerateArray().Any(v => v.GetString() == (string)value))
                {
                    problems.Add($"{vectors}:{lineNumber}: '{name}' = '{value}' is not in the schema enum");
                }

                if (value is double number && number is < 0 or > 10)
                {
                    problems.Add($"{vectors}:{lineNumber}: '{name}' = {number} is out of range");
                }

                checkedValues++;
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.True(checkedValues > lineNumber * 8, $"only {checkedValues} values checked for {lineNumber} vectors");
    }

    [Fact]
    public void Explain_says_the_score_then_what_each_metric_means()
    {
        var sentences = CvssVector.Parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X").Explain();
        Assert.Equal("CVSS 3.1 base score 9.8 (Critical).", sentences[0]);
        Assert.Equal("Attack vector Network: exploitable remotely across routed networks.", sentences[1]);
        Assert.Equal(9, sentences.Count);
        Assert.All(sentences, s => Assert.EndsWith(".", s, StringComparison.Ordinal));

        var v4 = CvssVector.Parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U/MSI:S").Explain();
        Assert.StartsWith("CVSS 4.0 score ", v4[0], StringComparison.Ordinal);
        Assert.Contains("CVSS-BTE", v4[0], StringComparison.Ordinal);
        Assert.Contains(v4, s => s.StartsWith("Modified integrity impact on subsequent systems Safety", StringComparison.Ordinal));

        var v2 = CvssVector.Parse("AV:N/AC:L/Au:N/C:P/I:P/A:P").Explain();
        Assert.Equal("CVSS 2.0 base score 7.5 (High, NVD rating).", v2[0]);
        Assert.Equal(7, v2.Count);
    }
}
