using Seam.Intelligence.Versions;

namespace Seam.Core.Tests.Intelligence.Versions;

public class VendorVersionTests
{
    [Theory]
    [InlineData("V2.9.7", "2.9.7")]
    [InlineData("v4.5", "4.5")]
    [InlineData("V 2.9.7", "2.9.7")]
    [InlineData("4.2.3 SP1", "4.2.3 SP1")]
    [InlineData("V3.0 Update 5", "3.0 Update 5")]
    [InlineData("V3.0 Upd 5", "3.0 Update 5")]
    [InlineData("V3.0 Upd5", "3.0 Update 5")]
    [InlineData("FW 1.12", "1.12")]
    [InlineData("Firmware 2.0.1", "2.0.1")]
    [InlineData("Firmware version V1.82.02", "1.82.2")]
    [InlineData("R20.1", "20.1")]
    [InlineData("Rev. 3", "3")]
    [InlineData("V5.1 HF2", "5.1 HF2")]
    [InlineData("V5.1 Hotfix 2", "5.1 HF2")]
    [InlineData("2019 SP1", "2019 SP1")]
    [InlineData("1.0.0-beta", "1.0.0-beta")]
    [InlineData("1.0.0-rc.2", "1.0.0-rc2")]
    [InlineData("V4.2 (build 1234)", "4.2 build 1234")]
    [InlineData("8.0.0.1", "8.0.0.1")]
    [InlineData("8.0 SP2 Patch 1", "8.0 SP2 Patch 1")]
    [InlineData("14.4u1", "14.4 Update 1")]
    [InlineData("2017 R2", "2017 R2")]
    [InlineData("Ver.2.40", "2.40")]
    [InlineData("1.0.1b", "1.0.1b")]
    [InlineData("3.0.GBB", "3.0 GBB")]
    public void Vendor_spellings_normalise(string text, string normalised)
    {
        Assert.True(VendorVersion.TryParse(text, out var version, out var reason), reason);
        Assert.Equal(normalised, version.ToString());
    }

    [Theory]
    [InlineData("V2.9.7", "2.9.7", VersionOrder.Equal)]
    [InlineData("V4.1", "4.1.0", VersionOrder.Equal)]
    [InlineData("V4.0.1", "V4.1", VersionOrder.Less)]
    [InlineData("V4.10", "V4.9", VersionOrder.Greater)]
    [InlineData("4.2.3", "4.2.3 SP1", VersionOrder.Less)]
    [InlineData("4.2.3 SP1", "4.2.3 SP2", VersionOrder.Less)]
    [InlineData("V3.0 Update 5", "V3.0 Upd 5", VersionOrder.Equal)]
    [InlineData("V3.0 SP1", "V3.0 Update 7", VersionOrder.Greater)]
    [InlineData("V3.0 SP1 Update 1", "V3.0 SP1", VersionOrder.Greater)]
    [InlineData("V5.1 HF2", "V5.1 HF1", VersionOrder.Greater)]
    [InlineData("V5.1", "V5.1 HF1", VersionOrder.Less)]
    [InlineData("1.0.0-alpha", "1.0.0-beta", VersionOrder.Less)]
    [InlineData("1.0.0-beta", "1.0.0-rc1", VersionOrder.Less)]
    [InlineData("1.0.0-rc1", "1.0.0", VersionOrder.Less)]
    [InlineData("V4.2 (build 1234)", "V4.2 build 1300", VersionOrder.Less)]
    [InlineData("2019 SP1", "2019", VersionOrder.Greater)]
    [InlineData("2019 SP1", "2020", VersionOrder.Less)]
    [InlineData("1.0.1", "1.0.1b", VersionOrder.Less)]
    [InlineData("02.07.07", "2.7.7", VersionOrder.Equal)]
    [InlineData("3.0.GBB", "4.0", VersionOrder.Less)]
    public void Vendor_versions_order_as_vendors_mean_them(string left, string right, VersionOrder expected)
    {
        var comparison = VendorVersion.Compare(left, right);
        Assert.Equal(expected, comparison.Order);
        Assert.Null(comparison.Reason);
    }

    [Theory]
    [InlineData("2019 SP1", "4.5", "numbered by release year")]
    [InlineData("2019-09-21", "4.5", "a date")]
    [InlineData("V4.2 (build 1234)", "V4.2", "gives no build number")]
    [InlineData("3.0.GBB", "3.0", "carries 'GBB'")]
    [InlineData("unknown build", "4.5", "does not start with a version number")]
    public void Versions_that_cannot_be_ordered_say_why(string left, string right, string because)
    {
        var comparison = VendorVersion.Compare(left, right);
        Assert.Equal(VersionOrder.Incomparable, comparison.Order);
        Assert.Contains(because, comparison.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("unknown build", "does not start with a version number")]
    [InlineData("V4.x", "wildcard pattern")]
    [InlineData("January 31 2014", "is a date")]
    [InlineData("8/30/2024", "is a date")]
    [InlineData("first 2 digits of serial number are 04", "serial numbers")]
    public void Text_that_is_not_a_version_is_refused_with_the_reason(string text, string because)
    {
        Assert.False(VendorVersion.TryParse(text, out var version, out var reason));
        Assert.Null(version);
        Assert.Contains(because, reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("V2.9.7", "2.9.7", RangeOutcome.Inside)]
    [InlineData("V2.9.7", "V 2.9.7", RangeOutcome.Inside)]
    [InlineData("V2.9.7", "FW 2.9.7", RangeOutcome.Inside)]
    [InlineData("V2.9.7", "2.9.8", RangeOutcome.Outside)]
    [InlineData("V4.2", "4.2 (build 1234)", RangeOutcome.Inside)]
    [InlineData("V4.2 build 1234", "4.2", RangeOutcome.Unknown)]
    [InlineData("V3.x", "3.7.1", RangeOutcome.Inside)]
    [InlineData("V3.x", "4.0", RangeOutcome.Outside)]
    [InlineData("7.30 | 7.40", "7.40", RangeOutcome.Inside)]
    [InlineData("7.30 | 7.40", "7.4", RangeOutcome.Outside)]
    [InlineData("V2.9.7", "unknown build", RangeOutcome.Unknown)]
    [InlineData("S7-1211", "1.0", RangeOutcome.Unknown)]
    public void Advisory_versions_match_asset_versions(string advisory, string asset, RangeOutcome expected)
    {
        var verdict = VendorVersion.Matches(advisory, asset);
        Assert.Equal(expected, verdict.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(verdict.Reason));
    }

    [Fact]
    public void A_match_explains_itself_in_the_vendors_terms()
    {
        Assert.Equal("asset version 'FW 2.9.7' is advisory version 'V2.9.7' (2.9.7)", VendorVersion.Matches("V2.9.7", "FW 2.9.7").Reason);
        Assert.StartsWith("asset version 'unknown build' is not a version Seam can compare",
            VendorVersion.Matches("V2.9.7", "unknown build").Reason, StringComparison.Ordinal);
    }
}
