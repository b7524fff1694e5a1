using Seam.Intelligence.Identifiers;

namespace Seam.Core.Tests.Intelligence.Identifiers;

public class CpeTests
{
    [Fact]
    public void Formatted_strings_parse_into_the_eleven_attributes()
    {
        var cpe = Cpe.Parse("cpe:2.3:h:siemens:s7-1500:-:*:*:*:*:*:*:*").Value!;
        Assert.Equal("h", cpe.Part);
        Assert.Equal("siemens", cpe.Vendor);
        Assert.Equal("s7-1500", cpe.Product);
        Assert.Equal(Cpe.NotApplicable, cpe.Version);
        Assert.Equal(Cpe.Any, cpe.Other);
    }

    [Fact]
    public void Escaped_colons_stay_inside_a_value()
    {
        var cpe = Cpe.Parse(@"cpe:2.3:a:schneider-electric:ecostruxure\:control_expert:15.0:*:*:*:*:*:*:*").Value!;
        Assert.Equal(@"ecostruxure\:control_expert", cpe.Product);
        Assert.Equal("15.0", cpe.Version);
    }

    [Fact]
    public void Uri_binding_reads_into_the_same_form()
    {
        var cpe = Cpe.Parse("cpe:/o:siemens:simatic_s7_firmware:2.9").Value!;
        Assert.Equal("cpe:2.3:o:siemens:simatic_s7_firmware:2.9:*:*:*:*:*:*:*", cpe.ToString());
        var packed = Cpe.Parse("cpe:/a:vendor:product:1.0:sp1:~pro~sw~windows~x64~other:en").Value!;
        Assert.Equal("pro", packed.Edition);
        Assert.Equal("windows", packed.TargetSoftware);
        Assert.Equal("x64", packed.TargetHardware);
        Assert.Equal("en", packed.Language);
    }

    [Theory]
    [InlineData("cpe:2.3:h:siemens:s7-1500", "has 3 components after 'cpe:2.3:'; expected 11")]
    [InlineData("cpe:2.3:x:siemens:s7-1500:-:*:*:*:*:*:*:*", "component 1 (part) is 'x'")]
    [InlineData("cpe:2.3:h:siemens::-:*:*:*:*:*:*:*", "component 3 (product) is empty")]
    [InlineData("cpe:2.3:h:siemens:s7 1500:-:*:*:*:*:*:*:*", "component 3 (product) 's7 1500' is not a valid value")]
    [InlineData("cpe:/o:siemens:s7%2:1.0", "component 3 (product)")]
    [InlineData("siemens s7", "expected 'cpe:2.3:'")]
    public void Bad_names_say_which_component_and_what_was_expected(string text, string expected)
    {
        var parsed = Cpe.Parse(text);
        Assert.False(parsed.Success);
        Assert.Contains(expected, parsed.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cpe:2.3:o:siemens:simatic_s7_firmware:*:*:*:*:*:*:*:*", "cpe:2.3:o:siemens:simatic_s7_firmware:2.9:*:*:*:*:*:*:*", MatchOutcome.Match)]
    [InlineData("cpe:2.3:o:Siemens:SIMATIC_S7_firmware:2.9:*:*:*:*:*:*:*", "cpe:/o:siemens:simatic_s7_firmware:2.9", MatchOutcome.Match)]
    [InlineData("cpe:2.3:o:siemens:simatic_s7*:*:*:*:*:*:*:*:*", "cpe:2.3:o:siemens:simatic_s7_firmware:2.9:*:*:*:*:*:*:*", MatchOutcome.Match)]
    [InlineData("cpe:2.3:o:siemens:simatic_s7_firmware:2.?:*:*:*:*:*:*:*", "cpe:2.3:o:siemens:simatic_s7_firmware:2.9:*:*:*:*:*:*:*", MatchOutcome.Match)]
    [InlineData("cpe:2.3:o:siemens:simatic_s7_firmware:2.8:*:*:*:*:*:*:*", "cpe:2.3:o:siemens:simatic_s7_firmware:2.9:*:*:*:*:*:*:*", MatchOutcome.NoMatch)]
    [InlineData("cpe:2.3:h:siemens:s7-1500:-:*:*:*:*:*:*:*", "cpe:2.3:h:siemens:s7-1500:-:*:*:*:*:*:*:*", MatchOutcome.Match)]
    [InlineData("cpe:2.3:h:siemens:s7-1500:-:*:*:*:*:*:*:*", "cpe:2.3:h:siemens:s7-1500:1.0:*:*:*:*:*:*:*", MatchOutcome.NoMatch)]
    [InlineData("cpe:2.3:o:siemens:simatic_s7_firmware:2.9:*:*:*:*:*:*:*", "cpe:2.3:o:siemens:simatic_s7_firmware:*:*:*:*:*:*:*:*", MatchOutcome.Unknown)]
    [InlineData("cpe:2.3:o:siemens:simatic_s7_firmware:2.9:*:*:*:*:*:*:*", "cpe:2.3:o:siemens:simatic_s7_firmware:2.*:*:*:*:*:*:*:*", MatchOutcome.Unknown)]
    [InlineData("cpe:2.3:o:siemens:simatic_s7_firmware:*:*:*:*:*:*:*:*", "cpe:2.3:h:siemens:simatic_s7_firmware:2.9:*:*:*:*:*:*:*", MatchOutcome.NoMatch)]
    public void Advisory_cpes_match_asset_cpes(string advisory, string asset, MatchOutcome expected)
    {
        var verdict = Cpe.Parse(advisory).Value!.Matches(Cpe.Parse(asset).Value!);
        Assert.True(expected == verdict.Outcome, verdict.Reason);
    }

    [Fact]
    public void Verdicts_name_the_attribute_that_decided()
    {
        var advisory = Cpe.Parse("cpe:2.3:o:siemens:simatic_s7_firmware:2.9:*:*:*:*:*:*:*").Value!;
        Assert.Equal("version: '3.0' is not '2.9'",
            advisory.Matches(Cpe.Parse("cpe:2.3:o:siemens:simatic_s7_firmware:3.0:*:*:*:*:*:*:*").Value!).Reason);
        Assert.Equal("the asset's CPE does not give version (advisory '2.9')",
            advisory.Matches(Cpe.Parse("cpe:/o:siemens:simatic_s7_firmware").Value!).Reason);
    }
}
