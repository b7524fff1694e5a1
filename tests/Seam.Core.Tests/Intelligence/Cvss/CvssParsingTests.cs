using Seam.Intelligence.Cvss;

namespace Seam.Core.Tests.Intelligence.Cvss;

public sealed class CvssParsingTests
{
    private const string Base31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";

    [Theory]
    [InlineData("CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "AV", "CVSS:3.1 metric 'AV' has value 'Q'; expected one of N, A, L, P")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/XX:Y", "XX", "CVSS:3.1 metric 'XX' is not defined")]
    [InlineData("CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "AV", "CVSS:3.1 metric 'AV' appears more than once")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", "A", "missing the mandatory base metric 'A'")]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:Z", "E", "CVSS:3.0 metric 'E' has value 'Z'; expected one of X, H, F, P, U")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MS:X/MS:C", "MS", "appears more than once")]
    [InlineData("CVSS:3.1/av:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "av", "metric 'av' is not defined")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N", "SI", "CVSS:4.0 metric 'SI' has value 'S'; expected one of H, L, N")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:F", "E", "expected one of X, A, P, U")]
    [InlineData("CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "AT", "missing the mandatory base metric 'AT'")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:red", "U", "expected one of X, Clear, Green, Amber, Red")]
    [InlineData("AV:N/AC:L/Au:N/C:P/I:P", "A", "CVSS v2 vector is missing the mandatory base metric 'A'")]
    [InlineData("AV:N/AC:L/Au:N/C:P/I:P/A:P/E:X", "E", "CVSS v2 metric 'E' has value 'X'; expected one of U, POC, F, H, ND")]
    [InlineData("AV:P/AC:L/Au:N/C:P/I:P/A:P", "AV", "expected one of L, A, N")]
    public void A_bad_metric_is_refused_with_its_name_the_value_and_the_values_expected(string vector, string metric, string message)
    {
        var error = Assert.Throws<CvssFormatException>(() => CvssVector.Parse(vector));
        Assert.Equal(metric, error.Metric);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);

        Assert.False(CvssVector.TryParse(vector, out var result, out var tryError));
        Assert.Null(result);
        Assert.Equal(error.Message, tryError.Message);
    }

    [Theory]
    [InlineData("CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "empty part at position 2")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/", "ends with '/'")]
    [InlineData("CVSS:3.1//AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "empty part at position 1")]
    [InlineData("CVSS:3.1/AV/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "part 'AV' is not of the form METRIC:VALUE")]
    [InlineData("CVSS:3.1/", "has no metrics")]
    [InlineData("CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "prefix 'CVSS:3.2' is not known")]
    [InlineData("CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P", "prefix 'CVSS:2.0' is not known")]
    [InlineData("cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "prefix 'cvss:3.1' is not known")]
    [InlineData("(AV:N/AC:L/Au:N/C:P/I:P/A:P", "unbalanced parenthesis")]
    [InlineData("", "empty")]
    public void A_vector_of_the_wrong_shape_is_refused_without_naming_a_metric(string vector, string message)
    {
        var error = Assert.Throws<CvssFormatException>(() => CvssVector.Parse(vector));
        Assert.Null(error.Metric);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_typed_parsers_refuse_other_versions()
    {
        Assert.Throws<CvssFormatException>(() => CvssV3Vector.Parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"));
        Assert.Throws<CvssFormatException>(() => CvssV4Vector.Parse(Base31));
        Assert.Throws<CvssFormatException>(() => CvssV2Vector.Parse(Base31));
        Assert.False(CvssV3Vector.TryParse("AV:N/AC:L/Au:N/C:P/I:P/A:P", out _, out var error));
        Assert.Contains("CVSS:3.0/ or CVSS:3.1/", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CVSS:3.1/C:H/AV:N/AC:L/PR:N/UI:N/S:U/I:H/A:H/E:X/MAV:X", Base31)]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/CR:H/RL:O", "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/RL:O/CR:H")]
    [InlineData("(AV:N/AC:L/Au:N/C:P/I:P/A:P)", "AV:N/AC:L/Au:N/C:P/I:P/A:P")]
    [InlineData("AV:N/AC:L/Au:N/C:P/I:P/A:P/TD:H/E:POC/CDP:ND", "AV:N/AC:L/Au:N/C:P/I:P/A:P/E:POC/TD:H")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/SC:N/VI:H/SI:N/VA:H/SA:N/U:Red/E:X/MSI:S",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSI:S/U:Red")]
    public void The_vector_string_is_normalised_to_specification_order_without_not_defined_metrics(string input, string normal)
    {
        var vector = CvssVector.Parse(input);
        Assert.Equal(normal, vector.VectorString);
        var again = CvssVector.Parse(vector.VectorString);
        Assert.Equal(normal, again.VectorString);
        Assert.Equal(vector.Score, again.Score);
    }

    [Fact]
    public void Metrics_list_every_metric_of_the_version_and_say_which_the_vector_wrote()
    {
        var vector = CvssVector.Parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P");
        Assert.Equal(22, vector.Metrics.Count);
        Assert.Equal(new CvssMetricValue("AV", "Attack Vector", "N", "Network", true), vector.Metrics[0]);
        Assert.Equal(new CvssMetricValue("E", "Exploit Code Maturity", "P", "Proof-of-Concept", true), vector.Metrics[8]);
        Assert.Equal(new CvssMetricValue("RL", "Remediation Level", "X", "Not Defined", false), vector.Metrics[9]);
        Assert.Equal(["AV", "AC", "PR", "UI", "S", "C", "I", "A", "E"], vector.Metrics.Where(m => m.Explicit).Select(m => m.Key));
    }

    [Fact]
    public void V3_typed_accessors_read_the_base_metrics()
    {
        var vector = CvssV3Vector.Parse("CVSS:3.1/AV:A/AC:H/PR:L/UI:R/S:C/C:L/I:N/A:H/E:F");
        Assert.Equal(CvssAttackVector.Adjacent, vector.AttackVector);
        Assert.Equal(CvssAttackComplexity.High, vector.AttackComplexity);
        Assert.Equal(CvssPrivilegesRequired.Low, vector.PrivilegesRequired);
        Assert.Equal(CvssUserInteraction.Required, vector.UserInteraction);
        Assert.Equal(CvssScope.Changed, vector.Scope);
        Assert.Equal((CvssImpact.Low, CvssImpact.None, CvssImpact.High), (vector.Confidentiality, vector.Integrity, vector.Availability));
        Assert.Equal(CvssExploitCodeMaturity.Functional, vector.ExploitCodeMaturity);
        Assert.True(vector.HasTemporalMetrics);
        Assert.False(vector.HasEnvironmentalMetrics);
    }

    [Fact]
    public void V4_typed_accessors_read_the_base_and_threat_metrics()
    {
        var vector = CvssV4Vector.Parse("CVSS:4.0/AV:L/AC:H/AT:P/PR:H/UI:P/VC:H/VI:L/VA:N/SC:L/SI:H/SA:N/E:P/AU:Y");
        Assert.Equal(CvssAttackVector.Local, vector.AttackVector);
        Assert.Equal(CvssAttackComplexity.High, vector.AttackComplexity);
        Assert.Equal(CvssAttackRequirements.Present, vector.AttackRequirements);
        Assert.Equal(CvssPrivilegesRequired.High, vector.PrivilegesRequired);
        Assert.Equal(CvssUserInteraction.Passive, vector.UserInteraction);
        Assert.Equal(
            (CvssImpact.High, CvssImpact.Low, CvssImpact.None, CvssImpact.Low, CvssImpact.High, CvssImpact.None),
            (vector.VulnerableConfidentiality, vector.VulnerableIntegrity, vector.VulnerableAvailability,
                vector.SubsequentConfidentiality, vector.SubsequentIntegrity, vector.SubsequentAvailability));
        Assert.Equal(CvssExploitMaturity.ProofOfConcept, vector.ExploitMaturity);
        Assert.True(vector.Automatable);
        Assert.Equal("CVSS-BT", vector.Nomenclature);
    }

    [Fact]
    public void V2_accessors_map_to_the_shared_vocabulary()
    {
        var vector = CvssV2Vector.Parse("AV:A/AC:M/Au:S/C:C/I:P/A:N");
        Assert.Equal(CvssAttackVector.Adjacent, vector.AccessVector);
        Assert.Equal("M", vector.AccessComplexityCode);
        Assert.Equal(CvssAttackComplexity.High, vector.AttackComplexity);
        Assert.Equal(CvssPrivilegesRequired.Low, vector.Authentication);
        Assert.Equal((CvssImpact.High, CvssImpact.Low, CvssImpact.None), (vector.Confidentiality, vector.Integrity, vector.Availability));
    }

    [Theory]
    [InlineData("AV:N/AC:L/Au:N/C:C/I:C/A:C", 10.0, CvssSeverity.High)]
    [InlineData("AV:N/AC:M/Au:N/C:P/I:P/A:P", 6.8, CvssSeverity.Medium)]
    [InlineData("AV:L/AC:H/Au:M/C:N/I:N/A:N", 0.0, CvssSeverity.Low)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0, CvssSeverity.None)]
    [InlineData("CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", 1.8, CvssSeverity.Low)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", 6.5, CvssSeverity.Medium)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5, CvssSeverity.High)]
    [InlineData(Base31, 9.8, CvssSeverity.Critical)]
    [InlineData("CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N", 1.0, CvssSeverity.Low)]
    public void Severity_follows_the_version_scale(string vector, double score, CvssSeverity severity)
    {
        var parsed = CvssVector.Parse(vector);
        Assert.Equal(score, parsed.Score);
        Assert.Equal(severity, parsed.Severity);
    }
}
