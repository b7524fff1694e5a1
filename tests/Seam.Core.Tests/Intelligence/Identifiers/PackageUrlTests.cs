using Seam.Intelligence.Identifiers;

namespace Seam.Core.Tests.Intelligence.Identifiers;

public class PackageUrlTests
{
    [Theory]
    [InlineData("pkg:pypi/Django_Allauth@1.0", "pkg:pypi/django-allauth@1.0", MatchOutcome.Match)]
    [InlineData("pkg:npm/%40babel/core", "pkg:npm/@babel/core@7.1.0", MatchOutcome.Match)]
    [InlineData("pkg:npm/%40babel/core@7.1.0", "pkg:npm/@babel/core@7.2.0", MatchOutcome.NoMatch)]
    [InlineData("pkg:npm/%40babel/core@7.1.0", "pkg:npm/@babel/core", MatchOutcome.Unknown)]
    [InlineData("pkg:deb/debian/curl@7.50.3-1?arch=i386", "pkg:deb/debian/curl@7.50.3-1?arch=amd64", MatchOutcome.Match)]
    [InlineData("pkg:deb/debian/curl", "pkg:deb/ubuntu/curl", MatchOutcome.NoMatch)]
    [InlineData("pkg:deb/debian/curl", "pkg:rpm/debian/curl", MatchOutcome.NoMatch)]
    public void Advisory_purls_match_asset_purls(string advisory, string asset, MatchOutcome expected)
    {
        var verdict = PackageUrl.Parse(advisory).Value!.Matches(PackageUrl.Parse(asset).Value!);
        Assert.True(expected == verdict.Outcome, verdict.Reason);
    }

    [Theory]
    [InlineData("EnterpriseLibrary.Common@6.0.1304", "does not start with the scheme 'pkg:'")]
    [InlineData("pkg:3nginx/nginx@0.8.9", "type '3nginx' is not valid")]
    [InlineData("pkg:maven/@1.3.4", "needs a name")]
    [InlineData("pkg:deb/curl@1.0", "requires a namespace")]
    [InlineData("pkg:rpm/fedora/curl@1.0?Arch=i386", "qualifier key 'Arch' must be lowercase")]
    [InlineData("pkg:npm/foo@1.0%2", "bad percent-encoding")]
    public void Bad_purls_say_what_is_wrong(string text, string expected)
    {
        var parsed = PackageUrl.Parse(text);
        Assert.False(parsed.Success);
        Assert.Contains(expected, parsed.Error, StringComparison.Ordinal);
    }
}
