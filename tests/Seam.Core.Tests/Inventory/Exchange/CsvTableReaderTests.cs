using System.Text;
using Seam.Inventory;
using Seam.Inventory.Exchange;
using static Seam.Core.Tests.Inventory.Exchange.ExchangeFixtures;

namespace Seam.Core.Tests.Inventory.Exchange;

public class CsvTableReaderTests
{
    private const string AssetHeader = "id,site,zone,name,kind,criticality,safety_relevant,downtime_cost_per_hour,patchability,crown_jewel,addresses,mac_addresses,services,last_seen";

    private static InventoryReadResult ReadAssets(params string[] rows) =>
        Read(SmallPlant(), Text("assets.csv", AssetHeader + "\n" + string.Join("\n", rows) + "\n"));

    [Fact]
    public void A_well_formed_assets_file_reads_every_column()
    {
        var result = ReadAssets("plc-1,hamburg,cell-2,PLC 1,PLC,5,yes,12500.50,vendor_approval,x,10.20.2.10;10.20.2.11,00-1B-1B-12-34-56,modbus:tcp/502;s7,2025-03-01T08:30:00+01:00");

        Assert.Empty(result.Errors);
        var asset = Assert.Single(result.Incoming.Assets);
        Assert.Equal(("plc-1", "hamburg", "cell-2", "PLC 1", AssetKind.Plc), (asset.Id, asset.SiteId, asset.ZoneId, asset.Name, asset.Kind));
        Assert.Equal((5, true, 12500.50m, Patchability.VendorApproval, true), (asset.Criticality, asset.SafetyRelevant, asset.DowntimeCostPerHour, asset.Patchability, asset.IsCrownJewel));
        Assert.Equal(["10.20.2.10", "10.20.2.11"], asset.Addresses);
        Assert.Equal(["00:1b:1b:12:34:56"], asset.MacAddresses);
        Assert.Equal([ServiceEndpoint.Parse("modbus:tcp/502"), ServiceEndpoint.Parse("s7:tcp/102")], asset.Services);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 8, 30, 0, TimeSpan.FromHours(1)), asset.LastSeen);
    }

    public static TheoryData<string, int, string, string> WrongCells => new()
    {
        // cell row (after id,site,zone,name), column, column name, expected text in the message
        { "PLC,high-ish,no,,,,,,,", 6, "criticality", "'high-ish' is not a criticality (expected 1–5 or Low/Medium/High/Critical)" },
        { "PLC,9,no,,,,,,,", 6, "criticality", "'9' is not a criticality" },
        { "toaster,3,no,,,,,,,", 5, "kind", "'toaster' is not an asset kind" },
        { "PLC,3,maybe,,,,,,,", 7, "safety_relevant", "'maybe' is not yes or no" },
        { "PLC,3,no,\"12,500\",,,,,,", 8, "downtime_cost_per_hour", "'12,500' is not a number" },
        { "PLC,3,no,,sometimes,,,,,", 9, "patchability", "'sometimes' is not a patchability" },
        { "PLC,3,no,,,,10.20.2.300,,,", 11, "addresses", "'10.20.2.300' is not an IP address" },
        { "PLC,3,no,,,,,00:11:22,,", 12, "mac_addresses", "'00:11:22' is not a MAC address" },
        { "PLC,3,no,,,,,,tcp/99999,", 13, "services", "'tcp/99999' has port '99999'" },
        { "PLC,3,no,,,,,,,yesterday", 14, "last_seen", "'yesterday' is not a date and time" },
    };

    [Theory]
    [MemberData(nameof(WrongCells))]
    public void A_wrong_value_in_a_cell_names_file_line_column_and_what_was_expected(string cells, int column, string columnName, string message)
    {
        var result = ReadAssets("plc-1,hamburg,cell-2,PLC 1," + cells);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("assets.csv", 2L, (long?)column, columnName), (error.File, error.Line, error.Column, error.ColumnName));
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
        Assert.StartsWith($"assets.csv:2:{column}: column '{columnName}': ", error.ToString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, object> LenientValues => new()
    {
        { "kind", "SIS", AssetKind.SafetyController },
        { "kind", "Engineering workstation", AssetKind.EngineeringWorkstation },
        { "kind", "engineering_workstation", AssetKind.EngineeringWorkstation },
        { "patchability", "Maintenance window", Patchability.MaintenanceWindow },
        { "patchability", "ANY-TIME", Patchability.AnyTime },
        { "patchability", "never", Patchability.Never },
        { "criticality", "Critical", 5 },
        { "criticality", "low", 2 },
        { "safety_relevant", "Y", true },
        { "safety_relevant", "0", false },
        { "safety_relevant", "TRUE", true },
    };

    [Theory]
    [MemberData(nameof(LenientValues))]
    public void Enums_and_booleans_are_read_leniently(string column, string cell, object expected)
    {
        var result = Read(SmallPlant(), Text("assets.csv", $"id,site,name,{column}\nplc-1,hamburg,PLC 1,{cell}\n"));

        Assert.Empty(result.Errors);
        var asset = Assert.Single(result.Incoming.Assets);
        object actual = column switch
        {
            "kind" => asset.Kind,
            "patchability" => asset.Patchability,
            "criticality" => asset.Criticality,
            _ => asset.SafetyRelevant,
        };
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("3.5", PurdueLevel.IndustrialDmz)]
    [InlineData("L2", PurdueLevel.Supervisory)]
    [InlineData("DMZ", PurdueLevel.IndustrialDmz)]
    [InlineData("0", PurdueLevel.Process)]
    public void Zone_levels_are_read_as_people_write_them(string cell, PurdueLevel expected)
    {
        var result = Read(SmallPlant(), Text("zones.csv", $"id,site,name,level\nz-new,hamburg,New zone,{cell}\n"));

        Assert.Empty(result.Errors);
        Assert.Equal(expected, Assert.Single(result.Incoming.Zones).Level);
    }

    [Fact]
    public void Many_errors_are_collected_rather_than_stopping_at_the_first()
    {
        var result = ReadAssets(
            "a-1,hamburg,cell-2,A,PLC,high-ish,no,,,,,,,",
            "a-2,hamburg,cell-2,B,PLC,3,perhaps,,,,,,,",
            "a-3,hamburg,cell-2,C,PLC,3,no,,,,,,,",
            "a-4,hamburg,cell-2,D,PLC,3,no,,never ever,,,,,");

        Assert.Equal([2L, 3L, 5L], result.Errors.Select(e => e.Line!.Value));
        Assert.Equal(["a-3"], result.Incoming.Assets.Select(a => a.Id));
    }

    [Fact]
    public void Errors_stop_at_the_configured_cap_with_a_note_saying_so()
    {
        var rows = Enumerable.Range(1, 50).Select(i => $"a-{i},hamburg,cell-2,A,PLC,bad,no,,,,,,,");
        var file = Text("assets.csv", AssetHeader + "\n" + string.Join("\n", rows));

        var result = InventoryReader.Read([file], SmallPlant(), new ImportOptions { MaxErrors = 10 });

        Assert.Equal(11, result.Errors.Count);
        Assert.Contains("too many errors", result.Errors[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_zone_site_and_team_are_errors_at_their_cells()
    {
        var result = Read(SmallPlant(), Text("assets.csv", "id,site,zone,name,owner\nplc-1,berlin,cell-9,PLC 1,nobody\n"));

        Assert.Equal(
            ["assets.csv:2:2: column 'site': 'berlin' is not a known site (expected the id or name of a site in the import or the inventory, such as hamburg (Hamburg plant))",
             "assets.csv:2:3: column 'zone': 'cell-9' is not a known zone (expected the id or name of a zone in the import or the inventory, such as cell-2 (Cell 2), ops (Operations))",
             "assets.csv:2:5: column 'owner': 'nobody' is not a known team (expected the id or name of a team in the import or the inventory, such as ot-line2 (OT Line 2), it-sec (IT Security))"],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void References_resolve_against_other_files_of_the_same_import_and_by_name()
    {
        var result = Read(
            Text("sites.csv", "id,name\nlyon,Lyon\n"),
            Text("teams.csv", "id,name,side\nt-ot,OT Lyon,OT\n"),
            Text("zones.csv", "id,site,name,level,owner\nz-1,Lyon,Cell 1,1,ot lyon\n"),
            Text("assets.csv", "id,site,zone,name,owner\nplc-1,lyon,CELL 1,PLC 1,t-ot\n"));

        Assert.Empty(result.Errors);
        Assert.Equal(("lyon", "t-ot"), (result.Incoming.Zones[0].SiteId, result.Incoming.Zones[0].OwnerTeamId));
        Assert.Equal("z-1", result.Incoming.Assets[0].ZoneId);
    }

    [Fact]
    public void A_duplicate_id_names_both_lines()
    {
        var result = Read(SmallPlant(), Text("assets.csv", "id,site,name\nplc-1,hamburg,A\nplc-2,hamburg,B\nplc-1,hamburg,C\n"));

        var error = Assert.Single(result.Errors);
        Assert.Equal("assets.csv:4:1: column 'id': the asset id 'plc-1' is used twice: first on line 2, again on line 4 (expected each id once in an import)", error.ToString());
    }

    [Fact]
    public void A_duplicate_id_across_files_names_the_other_file()
    {
        var result = Read(SmallPlant(),
            Text("assets.csv", "id,site,name\nplc-1,hamburg,A\n"),
            Text("more-assets.csv", "id,site,name\nplc-1,hamburg,B\n"));

        Assert.Contains("first on assets.csv:2", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_column_is_reported_once_and_no_rows_are_read()
    {
        var result = Read(SmallPlant(), Text("zones.csv", "id,name\nz-1,Cell 1\nz-2,Cell 2\n"));

        Assert.Equal(["zones.csv:1: the required column 'site' is missing (expected a header row with at least id, site, name, level)",
                      "zones.csv:1: the required column 'level' is missing (expected a header row with at least id, site, name, level)"],
            result.Errors.Select(e => e.ToString()));
        Assert.Empty(result.Incoming.Zones);
    }

    [Fact]
    public void An_unknown_column_is_an_error_because_it_is_usually_a_typo()
    {
        var result = Read(SmallPlant(), Text("assets.csv", "id,site,name,crticality\nplc-1,hamburg,A,5\n"));

        var error = Assert.Single(result.Errors);
        Assert.Equal((1L, (long?)4, "crticality"), (error.Line, error.Column, error.ColumnName));
    }

    [Fact]
    public void Headers_are_matched_ignoring_case_spaces_and_punctuation()
    {
        var result = Read(SmallPlant(), Text("assets.csv", "ID,Site,Name,Serial Number,Crown-Jewel\nplc-1,hamburg,A,SN 1,yes\n"));

        Assert.Empty(result.Errors);
        Assert.Equal(("SN 1", true), (result.Incoming.Assets[0].SerialNumber, result.Incoming.Assets[0].IsCrownJewel));
    }

    [Fact]
    public void An_empty_required_cell_is_an_error()
    {
        var result = Read(SmallPlant(), Text("assets.csv", "id,site,name\nplc-1,hamburg,\n"));

        Assert.Equal("assets.csv:2:3: column 'name': 'name' is empty (expected a value)", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void A_row_with_more_cells_than_the_header_is_an_error()
    {
        var result = Read(SmallPlant(), Text("assets.csv", "id,site,name\nplc-1,hamburg,PLC 1, Line 2\n"));

        Assert.Contains("the row has 4 cells but the header has 3", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unterminated_quote_at_the_end_of_the_file_is_reported_as_a_truncated_file()
    {
        var result = Read(SmallPlant(), Text("assets.csv", "id,site,name,notes\nplc-1,hamburg,A,ok\nplc-2,hamburg,B,\"starts here\nand never ends"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(3L, error.Line);
        Assert.Contains("the file ends inside a quoted field that starts on line 3 (the file may be truncated)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_reported_with_its_byte_offset_and_line()
    {
        var head = Encoding.UTF8.GetBytes("id,site,name\nplc-1,hamburg,A\nplc-2,hamburg,M");
        byte[] latin1 = [.. head, 0xFC, .. "ller\n"u8]; // "Müller" saved as Latin-1

        var result = Read(SmallPlant(), InventoryFile.FromBytes("assets.csv", latin1));

        var error = Assert.Single(result.Errors);
        Assert.Equal(3L, error.Line);
        Assert.Contains($"byte 0xFC at offset {head.Length} is not valid UTF-8", error.Message, StringComparison.Ordinal);
        Assert.Contains("CSV UTF-8", error.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void A_utf16_file_is_recognised_as_such()
    {
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("id,site,name\n")).ToArray();

        var result = Read(InventoryFile.FromBytes("assets.csv", utf16));

        Assert.Contains("UTF-16", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("\uFEFF")]
    public void An_empty_file_is_an_error(string content)
    {
        var result = Read(Text("assets.csv", content));

        Assert.Equal("assets.csv: the file is empty (expected a header row followed by one row per record)", Assert.Single(result.Errors).ToString());
    }

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData('\t')]
    public void The_delimiter_is_detected_from_the_header_row(char delimiter)
    {
        var d = delimiter.ToString();
        var content = string.Join(d, "id", "site", "name", "notes") + "\r\n" + string.Join(d, "plc-1", "hamburg", "PLC 1", "\"a, b; c\"") + "\r\n";

        var result = Read(SmallPlant(), Text("assets.csv", content, bom: true));

        Assert.Empty(result.Errors);
        Assert.Equal("a, b; c", Assert.Single(result.Incoming.Assets).Notes);
    }

    [Fact]
    public void Line_numbers_count_line_breaks_inside_quoted_cells()
    {
        var result = Read(SmallPlant(), Text("assets.csv", "id,site,name,notes\r\nplc-1,hamburg,A,\"one\r\ntwo\r\nthree\"\r\nplc-2,hamburg,B,bad\"\r\nplc-3,hamburg,C,x,extra\r\n"));

        Assert.Equal(6L, Assert.Single(result.Errors).Line);
        Assert.Equal("one\r\ntwo\r\nthree", result.Incoming.Assets[0].Notes);
        Assert.Equal("bad\"", result.Incoming.Assets[1].Notes);
    }

    [Fact]
    public void A_file_with_an_unknown_name_is_recognised_by_its_headers()
    {
        var result = Read(SmallPlant(), Text("export-2025.csv", "id,site,name,level\nz-9,hamburg,Cell 9,1\n"));

        Assert.Empty(result.Errors);
        Assert.Equal("z-9", Assert.Single(result.Incoming.Zones).Id);
    }

    [Fact]
    public void A_file_that_is_neither_a_table_nor_an_asset_list_is_refused()
    {
        var result = Read(Text("budget.csv", "cost centre,amount\n4711,12\n"));

        Assert.Contains("the file is not recognised", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }
}
