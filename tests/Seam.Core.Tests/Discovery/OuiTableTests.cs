using Seam.Discovery;
using Seam.Protocols.Dissection;

namespace Seam.Core.Tests.Discovery;

public sealed class OuiTableTests
{
    [Fact]
    public void The_embedded_registry_names_ics_vendors_by_their_prefix()
    {
        var table = OuiTable.Embedded;

        Assert.True(table.Count > 30_000, $"only {table.Count} prefixes");
        Assert.Equal("Siemens AG", table.Vendor(MacAddress.Read([0x00, 0x1B, 0x1B, 1, 2, 3])));
        Assert.Equal("Rockwell Automation", table.Vendor(MacAddress.Read([0x00, 0x00, 0xBC, 1, 2, 3])));
        Assert.Null(table.Vendor(MacAddress.Read([0x02, 0x1B, 0x1B, 1, 2, 3]))); // locally administered
    }

    [Fact]
    public void Ieee_csv_manuf_and_tsv_forms_all_load()
    {
        var text = string.Join('\n',
            "Registry,Assignment,Organization Name,Organization Address",
            "MA-L,001B1B,\"Siemens AG, Digital Industries\",Nuernberg DE",
            "MA-M,001BC5000,Someone,Somewhere",
            "00:00:BC\tRockwell\tRockwell Automation",
            "00:1B:C5:00:00:00/36\tShort\tA /36 block",
            "080006\tSiemens Nixdorf");

        var table = OuiTable.Parse(new StringReader(text), "test.txt");

        Assert.Equal(3, table.Count);
        Assert.Equal("Siemens AG, Digital Industries", table.Vendor(MacAddress.Read([0x00, 0x1B, 0x1B, 0, 0, 1])));
        Assert.Equal("Rockwell Automation", table.Vendor(MacAddress.Read([0x00, 0x00, 0xBC, 0, 0, 1])));
        Assert.Equal("Siemens Nixdorf", table.Vendor(MacAddress.Read([0x08, 0x00, 0x06, 0, 0, 1])));
    }

    [Fact]
    public void A_line_in_no_known_form_is_refused_with_its_number()
    {
        var error = Assert.Throws<FormatException>(() => OuiTable.Parse(new StringReader("001B1B\tSiemens\nnot a registry line"), "oui.txt"));

        Assert.Contains("oui.txt, line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a registry line", error.Message, StringComparison.Ordinal);
    }
}
