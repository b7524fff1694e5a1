using System.Text.Json.Nodes;
using Seam.Intelligence.Csaf.Validation;
using static Seam.Core.Tests.Intelligence.Csaf.Validation.CsafFixture;

namespace Seam.Core.Tests.Intelligence.Csaf.Validation;

public sealed class TrackingTests
{
    private static JsonObject WithHistory(string status, string version, params (string Date, string Number)[] revisions)
    {
        var document = Document();
        var tracking = document.Tracking();
        tracking["status"] = status;
        tracking["version"] = version;
        tracking["revision_history"] = new JsonArray([.. revisions.Select(r => (JsonNode)Revision(r.Date, r.Number))]);
        return document;
    }

    private static List<string> Summary(JsonObject document) =>
        [.. Validate(document).Select(p => $"{p.TestId} {p.JsonPath}").Order(StringComparer.Ordinal)];

    [Fact]
    public void A_later_revision_with_a_lower_number_is_unsorted_and_the_version_must_be_the_latest_by_date()
    {
        var document = WithHistory("final", "2", ("2024-01-02T00:00:00Z", "1"), ("2024-01-01T00:00:00Z", "2"));

        Assert.Equal(
            [
                "6.1.14 /document/tracking/revision_history/0",
                "6.1.16 /document/tracking/version",
                "6.1.21 /document/tracking/revision_history/1/number",
            ],
            Summary(document));
    }

    [Fact]
    public void Ten_sorts_after_nine_numerically_and_in_semver()
    {
        Assert.Empty(Validate(WithHistory("final", "10", [.. Enumerable.Range(1, 10).Select(n => ($"2024-01-{n:00}T00:00:00Z", $"{n}"))])));
        Assert.Empty(Validate(WithHistory("final", "1.10.0", [.. Enumerable.Range(0, 11).Select(n => ($"2024-01-{n + 1:00}T00:00:00Z", $"1.{n}.0"))])));
    }

    [Fact]
    public void Revisions_on_the_same_instant_count_as_ordered_by_number()
    {
        var sameInstant = WithHistory("final", "2", ("2024-01-01T10:00:00.000Z", "2"), ("2024-01-01T11:00:00+01:00", "1"));

        Assert.Empty(Validate(sameInstant));
    }

    [Fact]
    public void Fractions_of_a_second_beyond_milliseconds_order_revisions()
    {
        var document = WithHistory("final", "2", ("2024-01-01T10:00:00.00010Z", "1"), ("2024-01-01T10:00:00.000Z", "2"));

        Assert.Equal(
            [
                "6.1.14 /document/tracking/revision_history/0",
                "6.1.16 /document/tracking/version",
                "6.1.21 /document/tracking/revision_history/1/number",
            ],
            Summary(document));
    }

    [Fact]
    public void Build_metadata_is_ignored_and_a_drafts_pre_release_too()
    {
        Assert.Empty(Validate(WithHistory("final", "2.0.0+b7", ("2024-01-01T00:00:00Z", "1.0.0"), ("2024-01-02T00:00:00Z", "2.0.0+a1"))));
        Assert.Empty(Validate(WithHistory("draft", "2.0.0-rc.1", ("2024-01-01T00:00:00Z", "1.0.0"), ("2024-01-02T00:00:00Z", "2.0.0"))));
    }

    [Fact]
    public void Pre_release_and_zero_versions_belong_to_drafts()
    {
        var document = WithHistory("interim", "1.0.0-beta", ("2024-01-01T00:00:00Z", "0.9.0"), ("2024-01-02T00:00:00Z", "1.0.0-alpha"));

        Assert.Equal(
            [
                "6.1.16 /document/tracking/version",
                "6.1.17 /document/tracking/status",
                "6.1.18 /document/tracking/revision_history/0/number",
                "6.1.19 /document/tracking/revision_history/1/number",
                "6.1.20 /document/tracking/version",
            ],
            Summary(document));
    }

    [Fact]
    public void A_gap_in_major_versions_is_one_problem_however_wide()
    {
        var document = WithHistory("final", "2024", ("2024-01-01T00:00:00Z", "1"), ("2024-01-02T00:00:00Z", "2024"));

        var problem = Assert.Single(Validate(document));
        Assert.Equal(("6.1.21", "/document/tracking/revision_history"), (problem.TestId, problem.JsonPath));
        Assert.Contains("version 2 is missing", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_history_must_start_at_zero_or_one()
    {
        var document = WithHistory("final", "3.0.0", ("2024-01-01T00:00:00Z", "2.0.0"), ("2024-01-02T00:00:00Z", "3.0.0"));

        Assert.Equal(["6.1.21 /document/tracking/revision_history/0/number"], Summary(document));
    }

    [Fact]
    public void Mixing_integer_and_semantic_versions_names_the_odd_items_and_stops_there()
    {
        var document = WithHistory("final", "3", ("2024-01-01T00:00:00Z", "1.0.0"), ("2024-01-02T00:00:00Z", "2"), ("2024-01-03T00:00:00Z", "3"));

        Assert.Equal(["6.1.30 /document/tracking/revision_history/0/number"], Summary(document));
    }

    [Fact]
    public void A_revision_number_used_twice_is_reported_at_the_second()
    {
        var document = WithHistory("final", "2", ("2024-01-01T00:00:00Z", "1"), ("2024-01-02T00:00:00Z", "2"), ("2024-01-03T00:00:00Z", "2"));

        Assert.Equal(["6.1.22 /document/tracking/revision_history/2/number"], Summary(document));
    }

    [Theory]
    [InlineData("1", "2", -1)]
    [InlineData("9", "10", -1)]
    [InlineData("99999999999999999999", "100000000000000000000", -1)]
    [InlineData("1.0.0-alpha", "1.0.0", -1)]
    [InlineData("1.0.0-alpha", "1.0.0-alpha.1", -1)]
    [InlineData("1.0.0-alpha.1", "1.0.0-alpha.beta", -1)]
    [InlineData("1.0.0-beta.2", "1.0.0-beta.11", -1)]
    [InlineData("1.0.0-rc.1", "1.0.0", -1)]
    [InlineData("1.0.0+b1", "1.0.0+b2", 0)]
    [InlineData("1.9.0", "1.10.0", -1)]
    public void Versions_order_by_semver_precedence(string lower, string higher, int expected)
    {
        Assert.True(DocumentVersion.TryParse(lower, out var a));
        Assert.True(DocumentVersion.TryParse(higher, out var b));

        Assert.Equal(expected, Math.Sign(a.CompareTo(b)));
        Assert.Equal(-expected, Math.Sign(b.CompareTo(a)));
    }

    [Theory]
    [InlineData("01")]
    [InlineData("1.0")]
    [InlineData("1.0.0-")]
    [InlineData("1.0.0-01")]
    [InlineData("1.0.0+")]
    [InlineData("v1")]
    [InlineData("")]
    public void Malformed_versions_are_not_versions(string text) => Assert.False(DocumentVersion.TryParse(text, out _));

    [Theory]
    [InlineData("2024-01-01T10:00:00Z", "2024-01-01T11:00:00+01:00", 0)]
    [InlineData("2024-01-01T10:00:00.1Z", "2024-01-01T10:00:00.09999999Z", 1)]
    [InlineData("2024-01-01t10:00:00z", "2024-01-01T10:00:00.000Z", 0)]
    [InlineData("2016-12-31T23:59:60Z", "2017-01-01T00:00:00Z", 0)]
    public void Rfc3339_instants_compare_across_offsets_and_precisions(string a, string b, int expected)
    {
        Assert.True(CsafDateTime.TryParse(a, out var first));
        Assert.True(CsafDateTime.TryParse(b, out var second));

        Assert.Equal(expected, Math.Sign(first.CompareTo(second)));
    }

    [Theory]
    [InlineData("2024-02-30T00:00:00Z")]
    [InlineData("2024-01-01 00:00:00Z")]
    [InlineData("2024-01-01T00:00:00")]
    [InlineData("2024-01-01T00:00:00.Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    public void Malformed_instants_are_refused(string text) => Assert.False(CsafDateTime.TryParse(text, out _));
}
