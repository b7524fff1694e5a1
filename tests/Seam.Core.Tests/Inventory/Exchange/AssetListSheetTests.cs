using Seam.Inventory;
using Seam.Inventory.Exchange;
using static Seam.Core.Tests.Inventory.Exchange.ExchangeFixtures;

namespace Seam.Core.Tests.Inventory.Exchange;

public class AssetListSheetTests
{
    private static InventoryFile PlantSheet()
    {
        var path = DataPath("plant-asset-list.csv");
        return new InventoryFile("plant-asset-list.csv", () => File.OpenRead(path), new FileInfo(path).Length);
    }

    [Fact]
    public void A_european_excel_export_is_read_by_its_column_aliases()
    {
        var result = Read(SmallPlant(), PlantSheet());

        Assert.Empty(result.Errors);
        Assert.Equal(["plc-101", "sis-01", "hmi-7-füller", "ews-lenovo"], result.Incoming.Assets.Select(a => a.Id));
        var plc = result.Incoming.Assets[0];
        Assert.Equal(("PLC-101", AssetKind.Plc, "Siemens", "6ES7 515-2AM02-0AB0", "V2.9.4"), (plc.Name, plc.Kind, plc.Vendor, plc.Model, plc.Version));
        Assert.Equal(("hamburg", "cell-2", "ot-line2"), (plc.SiteId, plc.ZoneId, plc.OwnerTeamId));
        Assert.Equal((5, false, 12500m, Patchability.MaintenanceWindow, true), (plc.Criticality, plc.SafetyRelevant, plc.DowntimeCostPerHour, plc.Patchability, plc.IsCrownJewel));
        Assert.Equal(["00:1b:1b:12:34:56"], plc.MacAddresses);
        Assert.Equal("Main PLC; replaces PLC-100", plc.Notes);
        Assert.Equal(AssetSource.Import, plc.Source);
    }

    [Fact]
    public void Sheet_cells_are_read_the_way_plants_fill_them_in()
    {
        var assets = Read(SmallPlant(), PlantSheet()).Incoming.Assets;

        var sis = assets[1];
        Assert.Equal((AssetKind.SafetyController, true, 40000.00m, Patchability.VendorApproval), (sis.Kind, sis.SafetyRelevant, sis.DowntimeCostPerHour, sis.Patchability));
        Assert.Equal(["10.20.2.20", "10.20.2.21"], sis.Addresses);
        Assert.Null(sis.Version);
        var hmi = assets[2];
        Assert.Equal((3, 1250.50m, Patchability.AnyTime, false), (hmi.Criticality, hmi.DowntimeCostPerHour, hmi.Patchability, hmi.IsCrownJewel));
        var ews = assets[3];
        Assert.Equal((AssetKind.EngineeringWorkstation, "ops", "it-sec", (decimal?)null), (ews.Kind, ews.ZoneId, ews.OwnerTeamId, ews.DowntimeCostPerHour));
    }

    [Fact]
    public void Unused_sheet_columns_are_warnings_that_name_the_column()
    {
        var result = Read(SmallPlant(), PlantSheet());

        var warning = Assert.Single(result.Warnings);
        Assert.Equal(("Cabinet", 18L), (warning.ColumnName, warning.Column!.Value));
    }

    [Fact]
    public void A_wrong_sheet_cell_names_the_column_as_the_plant_wrote_it()
    {
        var sheet = Text("assets.csv", "Tag;IP;Criticality (1-5);Zone\nPLC-1;10.20.2.10;high-ish;Cell 2\nPLC-2;10.20.2.11;2;Cell 9\n");

        var result = Read(SmallPlant(), sheet);

        Assert.Equal(
            ["assets.csv:2:3: column 'Criticality (1-5)': 'high-ish' is not a criticality (expected 1–5 or Low/Medium/High/Critical)",
             "assets.csv:3:4: column 'Zone': 'Cell 9' is not a known zone (expected the id or name of a zone in the import or the inventory, such as cell-2 (Cell 2), ops (Operations))"],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Without_a_site_column_the_only_site_is_used()
    {
        var result = Read(SmallPlant(), Text("list.csv", "Hostname,IP\nhist-01,10.30.0.9\n"));

        Assert.Empty(result.Errors);
        Assert.Equal("hamburg", Assert.Single(result.Incoming.Assets).SiteId);
    }

    [Fact]
    public void Without_a_site_column_and_with_two_sites_the_rows_are_errors_unless_a_default_is_given()
    {
        var plant = SmallPlant() with { Sites = [.. SmallPlant().Sites, new Site { Id = "lyon", Name = "Lyon" }] };
        var sheet = Text("list.csv", "Hostname,IP\nhist-01,10.30.0.9\n");

        var refused = InventoryReader.Read([sheet], plant);
        var defaulted = InventoryReader.Read([sheet], plant, new ImportOptions { DefaultSiteId = "lyon" });

        Assert.Contains("names no site", Assert.Single(refused.Errors).Message, StringComparison.Ordinal);
        Assert.Empty(defaulted.Errors);
        Assert.Equal("lyon", defaulted.Incoming.Assets[0].SiteId);
    }

    [Fact]
    public void An_asset_id_column_gives_the_id_and_the_name_column_the_name()
    {
        var result = Read(SmallPlant(), Text("list.csv", "Asset ID,Name,Vendor\nA-0042,Filler PLC,Rockwell\n"));

        var asset = Assert.Single(result.Incoming.Assets);
        Assert.Equal(("A-0042", "Filler PLC"), (asset.Id, asset.Name));
    }

    [Fact]
    public void Without_an_id_column_a_stored_asset_of_the_same_name_keeps_its_id()
    {
        var plant = SmallPlant() with { Assets = [new Asset { Id = "asset-17", SiteId = "hamburg", Name = "PLC-101" }] };

        var result = Read(plant, Text("list.csv", "Tag,Vendor\nplc-101,Siemens\nPLC-102,Siemens\n"));

        Assert.Equal(["asset-17", "plc-102"], result.Incoming.Assets.Select(a => a.Id));
    }

    [Fact]
    public void Two_tags_that_derive_the_same_id_are_a_duplicate_naming_both_lines()
    {
        var result = Read(SmallPlant(), Text("list.csv", "Tag,Vendor\nPLC 1,Siemens\nPLC-1,Siemens\n"));

        Assert.Contains("the asset id 'plc-1' is used twice: first on line 2, again on line 3", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PLC-101", "plc-101")]
    [InlineData("  HMI 7 (Füller) ", "hmi-7-füller")]
    [InlineData("FW_IDMZ.01", "fw-idmz-01")]
    [InlineData("---", "")]
    public void Ids_derived_from_tags_are_stable_lower_case_slugs(string tag, string id) =>
        Assert.Equal(id, AssetListSheet.DeriveId(tag));

    [Fact]
    public void A_file_named_assets_csv_with_sheet_headers_is_read_as_a_sheet()
    {
        var result = Read(SmallPlant(), Text("assets.csv", "Tag,IP address,Manufacturer\nPLC-7,10.20.2.7,Siemens\n"));

        Assert.Empty(result.Errors);
        Assert.Equal("Siemens", Assert.Single(result.Incoming.Assets).Vendor);
    }
}

public class MoneyAndCriticalityTests
{
    [Theory]
    [InlineData("12500", "12500")]
    [InlineData("12.500 €", "12500")]
    [InlineData("€ 40.000,00", "40000.00")]
    [InlineData("1,250.50", "1250.50")]
    [InlineData("$1,234/h", "1234")]
    [InlineData("12,5", "12.5")]
    [InlineData("1 250,50", "1250.50")]
    [InlineData("1\u00a0250,50 EUR", "1250.50")]
    [InlineData("EUR 3.000 per hour", "3000")]
    [InlineData("1,234,567.89", "1234567.89")]
    [InlineData("0.75", "0.75")]
    public void Money_is_read_with_currency_symbols_and_thousands_separators(string cell, string expected)
    {
        Assert.True(Codecs.Money.TryParse(cell, new StringPool(), out var value, out var problem), problem);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("5k")]
    [InlineData("1.2.3")]
    [InlineData("12,34,56")]
    [InlineData("about 500")]
    [InlineData("€")]
    [InlineData("1.000,000.5")]
    public void Money_that_would_need_guessing_is_refused(string cell) =>
        Assert.False(Codecs.Money.TryParse(cell, new StringPool(), out _, out _));

    [Theory]
    [InlineData("1", 1)]
    [InlineData("5", 5)]
    [InlineData("Very low", 1)]
    [InlineData("Low", 2)]
    [InlineData("MEDIUM", 3)]
    [InlineData("high", 4)]
    [InlineData("Critical", 5)]
    [InlineData("very-high", 5)]
    public void Criticality_is_a_number_from_1_to_5_or_a_word(string cell, int expected)
    {
        Assert.True(Codecs.Criticality.TryParse(cell, new StringPool(), out var value, out _));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("6")]
    [InlineData("3.5")]
    [InlineData("urgent")]
    public void Criticality_outside_the_scale_is_refused(string cell) =>
        Assert.False(Codecs.Criticality.TryParse(cell, new StringPool(), out _, out _));
}
