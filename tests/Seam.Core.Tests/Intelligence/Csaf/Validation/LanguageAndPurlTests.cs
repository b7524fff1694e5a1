using System.Text.Json;
using Seam.Intelligence.Csaf.Validation;
using Seam.Testing.Corpus;

namespace Seam.Core.Tests.Intelligence.Csaf.Validation;

public sealed class LanguageAndPurlTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("en-US")]
    [InlineData("DE-de")]
    [InlineData("zh-Hant-TW")]
    [InlineData("sr-Latn-RS")]
    [InlineData("es-419")]
    [InlineData("de-CH-1901")]
    [InlineData("sl-rozaj-biske")]
    [InlineData("zh-yue-HK")]
    [InlineData("gsw")]
    [InlineData("en-a-bbb-x-a-ccc")]
    [InlineData("x-whatever")]
    [InlineData("i-klingon")]
    [InlineData("en-GB-oed")]
    [InlineData("iw")]
    public void Well_formed_language_tags_pass(string tag) => Assert.Null(LanguageTag.Check(tag));

    [Theory]
    [InlineData("EZ", "ISO 639-1")]
    [InlineData("qq", "ISO 639-1")]
    [InlineData("", "1 to 8")]
    [InlineData("en--US", "1 to 8")]
    [InlineData("en_US", "1 to 8")]
    [InlineData("e", "2 to 8 letters")]
    [InlineData("abcd", "reserved")]
    [InlineData("abcdefg", "registered")]
    [InlineData("en-US-US", "out of place")]
    [InlineData("de-1901-1901", "twice")]
    [InlineData("en-a-bbb-a-ccc", "twice")]
    [InlineData("en-a", "no subtags")]
    [InlineData("en-x", "private-use")]
    [InlineData("123", "2 to 8 letters")]
    public void Malformed_or_unknown_language_tags_fail_with_a_reason(string tag, string reason) =>
        Assert.Contains(reason, LanguageTag.Check(tag), StringComparison.Ordinal);

    [Theory]
    [InlineData("pkg:npm/%40angular/core@16.2.0")]
    [InlineData("pkg:maven/org.apache.commons/io@2.11.0?type=jar#src/main")]
    [InlineData("pkg:generic/siemens/simatic-s7-1500@V2.9.4")]
    [InlineData("pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=bookworm")]
    public void Ordinary_purls_pass(string purl) => Assert.Null(PackageUrl.Check(purl));

    [Theory]
    [InlineData("pkg:maven/@1.3.4", "name is required")]
    [InlineData("npm/lodash@4.17.21", "scheme")]
    [InlineData("pkg:3d/x", "start with a letter")]
    [InlineData("pkg:n&g/x", "may contain only")]
    [InlineData("pkg:npm/lodash@", "version after '@' is empty")]
    [InlineData("pkg:npm/lodash?a=1&A=2", "appears twice")]
    [InlineData("pkg:npm/lodash?arch", "not key=value")]
    [InlineData("pkg:npm/lo%2dash%", "two hex digits")]
    [InlineData("pkg://npm/lodash", "start with a letter")]
    public void Broken_purls_fail_with_a_reason(string purl, string reason) =>
        Assert.Contains(reason, PackageUrl.Check(purl), StringComparison.Ordinal);

    /// <summary>
    /// The purl specification's own test suite: every input it parses successfully must pass, every generic
    /// (specification-level) parse failure must fail. Inputs written with a slash after the scheme (<c>pkg:/</c>,
    /// <c>pkg://</c>) are parseable purls but not in the canonical form the CSAF schema's pattern requires, so
    /// they are left out.
    /// </summary>
    [Fact]
    public void The_purl_specification_tests_agree()
    {
        var folder = SharedCorpus.Path("purl", "purl-spec", "tests");
        var disagreements = new List<string>();
        var checkedCount = 0;
        foreach (var file in Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories))
        {
            using var suite = JsonDocument.Parse(File.ReadAllBytes(file));
            var generic = Path.GetFileName(file) == "specification-test.json";
            foreach (var test in suite.RootElement.GetProperty("tests").EnumerateArray())
            {
                var type = test.GetProperty("test_type").GetString();
                var failure = test.GetProperty("expected_failure").GetBoolean();
                if (type is not ("parse" or "validate") || test.GetProperty("input").GetString() is not { } input
                    || input.StartsWith("pkg:/", StringComparison.Ordinal) || (failure && !generic))
                {
                    continue;
                }

                checkedCount++;
                var error = PackageUrl.Check(input);
                if ((error is null) == failure)
                {
                    disagreements.Add($"{input}: expected {(failure ? "failure" : "success")}, got {error ?? "success"}");
                }
            }
        }

        Assert.True(checkedCount > 300, $"only {checkedCount} cases found");
        Assert.Empty(disagreements);
    }
}
