using Seam.Intelligence;

namespace Seam.Core.Tests.Intelligence;

public class CveIdTests
{
    [Theory]
    [InlineData("CVE-2024-12345", "CVE-2024-12345", 2024)]
    [InlineData("cve-2014-0160", "CVE-2014-0160", 2014)]
    [InlineData("Cve-1999-0001", "CVE-1999-0001", 1999)]
    [InlineData("CVE-2021-1000253", "CVE-2021-1000253", 2021)]
    [InlineData("CVE-2025-1234567890123456789", "CVE-2025-1234567890123456789", 2025)]
    public void Ids_parse_in_any_case_and_print_in_upper_case(string text, string normalised, int year)
    {
        Assert.True(CveId.TryParse(text, out var id));
        Assert.Equal(normalised, id.ToString());
        Assert.Equal(year, id.Year);
        Assert.Equal(CveId.Parse(normalised), id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("CVE-2024-123")] // fewer than 4 digits
    [InlineData("CVE-1998-0001")] // before the first CVE year
    [InlineData("CVE-24-1234")]
    [InlineData("CVE-2024-12a45")]
    [InlineData("CVE_2024_12345")]
    [InlineData("CAN-2002-0001")]
    [InlineData(" CVE-2024-12345")]
    [InlineData("CVE-2024-012345")] // zero padding beyond 4 digits would give one id two spellings
    [InlineData("CVE-2025-12345678901234567890")] // more than 19 digits
    [InlineData("GHSA-vwqx-4fm8-6qc9")]
    public void Malformed_ids_are_refused(string text)
    {
        Assert.False(CveId.TryParse(text, out var id));
        Assert.Equal(default, id);
        var error = Assert.Throws<FormatException>(() => CveId.Parse(text));
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_order_by_year_then_by_sequence_as_a_number()
    {
        var ids = new[] { "CVE-2024-10000", "CVE-2023-99999", "CVE-2024-9999", "CVE-2024-0001" }.Select(CveId.Parse).Order().ToList();
        Assert.Equal(["CVE-2023-99999", "CVE-2024-0001", "CVE-2024-9999", "CVE-2024-10000"], ids.Select(i => i.ToString()));
        Assert.True(CveId.Parse("CVE-2024-9999") < CveId.Parse("CVE-2024-10000"));
    }

    [Fact]
    public void Ids_parsed_from_different_spellings_are_equal_keys()
    {
        var set = new HashSet<CveId> { CveId.Parse("cve-2021-44228") };
        Assert.Contains(CveId.Parse("CVE-2021-44228"), set);
    }
}
