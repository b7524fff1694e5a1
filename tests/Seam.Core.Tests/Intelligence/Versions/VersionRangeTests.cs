using Seam.Intelligence.Versions;

namespace Seam.Core.Tests.Intelligence.Versions;

public class VersionRangeTests
{
    /// <summary>Real strings from CISA CSAF advisories, pinned to what they mean.</summary>
    [Theory]
    [InlineData("<V4.1", "<V4.1")]
    [InlineData("< V4.1", "<V4.1")]
    [InlineData("<=2.3", "<=2.3")]
    [InlineData(">=1.0 <2.0", ">=1.0|<2.0")]
    [InlineData("V2.0 to V2.9", ">=V2.0|<=V2.9")]
    [InlineData("V2.0 - V2.9", ">=V2.0|<=V2.9")]
    [InlineData("V1.81.01 - V1.81.03", ">=V1.81.01|<=V1.81.03")]
    [InlineData("All versions < V3.1 SP2", "<V3.1 SP2")]
    [InlineData("All versions < V2.0 HF1", "<V2.0 HF1")]
    [InlineData("prior to V3.2", "<V3.2")]
    [InlineData("before 3.2", "<3.2")]
    [InlineData("3.2 and earlier", "<=3.2")]
    [InlineData("versions 4.x", ">=4|<5")]
    [InlineData("V4.x", ">=4|<5")]
    [InlineData("1.38.xx | 1.39.00", ">=1.38|<1.39|1.39.00")]
    [InlineData(">= V1.0", ">=V1.0")]
    [InlineData(">= 1.0 | <= 1.1", ">=1.0|<=1.1")]
    [InlineData("> V2.5 < V2.9.2", ">V2.5|<V2.9.2")]
    [InlineData(">= V2.0 and < V2.1.3", ">=V2.0|<V2.1.3")]
    [InlineData("=> 5.0 | <= 5.0.5.31", ">=5.0|<=5.0.5.31")]
    [InlineData(">= 3.5.0 | =< 3.5.20304.x", ">=3.5.0|<3.5.20305")]
    [InlineData(">= 9.3.0 -  but not including 9.3.8", ">=9.3.0|<9.3.8")]
    [InlineData(">FW16_up_to_and_including_FW26", ">FW16|<=FW26")]
    [InlineData("<= 1.12.0.25 | 1.12.13.2 | 1.12.14.5", "<=1.12.0.25|1.12.13.2|1.12.14.5")]
    [InlineData("3.0|3.1", "3.0|3.1")]
    [InlineData("< 3.6 Build 170215", "<3.6 Build 170215")]
    [InlineData("< 2.15 (Firmware versions prior to 8.26.4)", "<2.15")]
    [InlineData("<=2023.3_Build_9342", "<=2023.3_Build_9342")]
    [InlineData("Version V2.1", "V2.1")]
    [InlineData(">=R9.01|<=R10.04", ">=R9.01|<=R10.04")]
    [InlineData("vers:all/<V5.5.2", "<V5.5.2")]
    public void Real_csaf_ranges_read_as_constraints(string text, string constraints)
    {
        var parsed = VersionRange.Parse(text);
        Assert.True(parsed.Success, parsed.Reason);
        Assert.Equal(constraints, string.Join('|', parsed.Range!.Constraints.Select(c =>
            (c.Comparator == Comparator.Equal ? "" : VersionConstraint.Symbol(c.Comparator)) + c.Version)));
    }

    [Theory]
    [InlineData("all versions")]
    [InlineData("All versions")]
    [InlineData("vers:all/*")]
    [InlineData("*")]
    public void All_versions_includes_everything(string text)
    {
        var verdict = VersionRange.Evaluate(text, "1.2.3");
        Assert.Equal(RangeOutcome.Inside, verdict.Outcome);
    }

    [Fact]
    public void Conditions_the_advisory_attaches_are_repeated_in_the_verdict()
    {
        var range = VersionRange.Parse("All versions only if the Power-on-Demand public license server is used").Range!;
        Assert.True(range.IsAll);
        var verdict = range.Evaluate("4.0");
        Assert.Equal(RangeOutcome.Inside, verdict.Outcome);
        Assert.Contains("only if the Power-on-Demand public license server is used", verdict.Reason, StringComparison.Ordinal);

        var windows = VersionRange.Evaluate("< 7.101 (only Microsoft Windows versions are affected)", "7.1");
        Assert.Equal(RangeOutcome.Inside, windows.Outcome);
        Assert.Contains("only Microsoft Windows versions are affected", windows.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<V4.1", "V4.0.1", RangeOutcome.Inside)]
    [InlineData("<V4.1", "4.1", RangeOutcome.Outside)]
    [InlineData("<V4.1", "4.1.0.1", RangeOutcome.Outside)]
    [InlineData("All versions < V3.1 SP2", "V3.1 SP1", RangeOutcome.Inside)]
    [InlineData("All versions < V3.1 SP2", "V3.1 SP2", RangeOutcome.Outside)]
    [InlineData("All versions < V3.1 SP2", "V3.1", RangeOutcome.Inside)]
    [InlineData("V2.0 to V2.9", "2.9", RangeOutcome.Inside)]
    [InlineData("V2.0 to V2.9", "2.9.1", RangeOutcome.Outside)]
    [InlineData("V2.0 to V2.9", "1.9", RangeOutcome.Outside)]
    [InlineData("versions 4.x", "4.9 SP1", RangeOutcome.Inside)]
    [InlineData("versions 4.x", "5.0", RangeOutcome.Outside)]
    [InlineData("<= 1.12.0.25 | 1.12.13.2 | 1.12.14.5", "1.12.13.2", RangeOutcome.Inside)]
    [InlineData("<= 1.12.0.25 | 1.12.13.2 | 1.12.14.5", "1.12.13.3", RangeOutcome.Outside)]
    [InlineData("<= 1.12.0.25 | 1.12.13.2 | 1.12.14.5", "1.11", RangeOutcome.Inside)]
    [InlineData("<2022.4", "2021.1", RangeOutcome.Inside)]
    [InlineData("<2022.4", "4.5", RangeOutcome.Unknown)]
    [InlineData("< 3.6 Build 170215", "3.6", RangeOutcome.Unknown)]
    [InlineData("< 3.6 Build 170215", "3.5", RangeOutcome.Inside)]
    [InlineData("<V4.1", "unknown build", RangeOutcome.Unknown)]
    [InlineData("vers:npm/>=1.0.0|<2.0.0", "1.5.0", RangeOutcome.Inside)]
    [InlineData("vers:npm/>=1.0.0|<2.0.0", "2.0.0", RangeOutcome.Outside)]
    [InlineData("vers:npm/>=1.0.0|<2.0.0", "2.0.0-rc.1", RangeOutcome.Inside)]
    [InlineData("vers:pypi/>=1.0|!=1.5", "1.5", RangeOutcome.Outside)]
    [InlineData("vers:deb/<1:2.0-1", "2.5-1", RangeOutcome.Inside)]
    [InlineData("vers:rpm/<1.0~rc1", "1.0", RangeOutcome.Outside)]
    [InlineData("vers:gem/>=2.0.8|<2.1", "2.0.10", RangeOutcome.Inside)]
    [InlineData("vers:gem/>=2.0.8|<2.1", "2.1.0.pre", RangeOutcome.Inside)]
    [InlineData("vers:golang/<v1.2.3", "v1.2.2", RangeOutcome.Inside)]
    [InlineData("vers:generic/<V2.9", "V2.8 SP1", RangeOutcome.Inside)]
    [InlineData("vers:intdot/<10.2", "10.1.99", RangeOutcome.Inside)]
    [InlineData("vers:none/*", "1.0", RangeOutcome.Outside)]
    public void Versions_are_placed_inside_or_outside_ranges(string range, string version, RangeOutcome expected)
    {
        var verdict = VersionRange.Evaluate(range, version);
        Assert.True(expected == verdict.Outcome, verdict.Reason);
    }

    [Fact]
    public void Verdicts_read_as_sentences()
    {
        Assert.Equal("V4.0.1 < V4.1, inside '<V4.1'", VersionRange.Evaluate("<V4.1", "V4.0.1").Reason);
        Assert.Equal("V4.2 is outside '<V4.1' (V4.2 > V4.1)", VersionRange.Evaluate("<V4.1", "V4.2").Reason);
        Assert.Equal("2.5 > V2.0 and 2.5 < V2.9, inside 'V2.0 to V2.9'", VersionRange.Evaluate("V2.0 to V2.9", "2.5").Reason);
        Assert.StartsWith("asset version 'unknown build' is not a version Seam can compare",
            VersionRange.Evaluate("<V4.1", "unknown build").Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vers:conan/<1.0", "cannot evaluate: scheme 'conan' not supported")]
    [InlineData("vers:xyz/1.0", "cannot evaluate: scheme 'xyz' not supported")]
    [InlineData("vers:npm/<1.0", "cannot evaluate: '1.0' is not a valid npm version")]
    [InlineData("vers:npm/>=1.0.0| <2.0.0", "whitespace is not permitted")]
    [InlineData(">= 1.0 | >= 2.4", "both lower bounds")]
    [InlineData("< 4.8 | SP5", "'SP5' does not start with a version number")]
    [InlineData("<= first 2 digits of serial number are 04", "serial numbers")]
    [InlineData("< January 31 2014", "is a date")]
    [InlineData("<2022.4 | >=4.0", "cannot be ordered")]
    [InlineData("", "empty")]
    public void Ranges_that_cannot_be_evaluated_say_why(string text, string because)
    {
        var parsed = VersionRange.Parse(text);
        Assert.False(parsed.Success);
        Assert.Contains(because, parsed.Reason, StringComparison.Ordinal);
        var verdict = VersionRange.Evaluate(text, "1.0.0");
        Assert.Equal(RangeOutcome.Unknown, verdict.Outcome);
        Assert.Equal(parsed.Reason, verdict.Reason);
    }
}
