using System.Text;
using Seam.Inventory;
using Seam.Inventory.Exchange;
using static Seam.Core.Tests.Inventory.Exchange.ExchangeFixtures;

namespace Seam.Core.Tests.Inventory.Exchange;

public class JsonReaderTests
{
    private static InventoryReadResult ReadJson(string json) => Read(SmallPlant(), Text("inventory.json", json));

    [Fact]
    public void A_wrong_value_names_line_byte_in_line_and_json_path()
    {
        var result = ReadJson("""
            {
              "format": "seam-inventory",
              "version": 1,
              "assets": [
                { "id": "plc-1", "site": "hamburg", "name": "PLC 1" },
                { "id": "plc-2", "site": "hamburg", "name": "PLC 2", "criticality": "high-ish" }
              ]
            }
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((6L, 73L, "$.assets[1].criticality"), (error.Line!.Value, error.Column!.Value, error.JsonPath));
        Assert.Equal("inventory.json:6:73: $.assets[1].criticality: 'high-ish' is not a criticality (expected 1–5 or Low/Medium/High/Critical)", error.ToString());
        Assert.Equal(["plc-1"], result.Incoming.Assets.Select(a => a.Id));
    }

    [Fact]
    public void Numbers_booleans_and_lists_are_read_in_their_json_types()
    {
        var result = ReadJson("""
            { "format": "seam-inventory", "version": 1,
              "zones": [ { "id": "z", "site": "hamburg", "name": "Z", "level": 3.5, "target_security_level": 2, "subnets": ["10.9.0.0/16"] } ],
              "assets": [ { "id": "a", "site": "hamburg", "name": "A", "criticality": 4, "safety_relevant": true,
                            "downtime_cost_per_hour": 1500.25, "addresses": ["10.9.0.1"], "services": ["modbus", "tcp/8080-8090"] } ] }
            """);

        Assert.Empty(result.Errors);
        var zone = result.Incoming.Zones[0];
        Assert.Equal((PurdueLevel.IndustrialDmz, 2, "10.9.0.0/16"), (zone.Level, zone.TargetSecurityLevel, zone.Subnets[0]));
        var asset = result.Incoming.Assets[0];
        Assert.Equal((4, true, 1500.25m), (asset.Criticality, asset.SafetyRelevant, asset.DowntimeCostPerHour));
        Assert.Equal("tcp/8080-8090", asset.Services[1].ToString());
    }

    public static TheoryData<string, string> BadDocuments => new()
    {
        { "", "inventory.json: the file is empty" },
        { "[1, 2]", "inventory.json:1:1: $: the document is not a JSON object" },
        { """{ "format": "something-else", "version": 1 }""", "inventory.json:1:13: $.format: \"format\" is \"something-else\", so this is not a Seam inventory" },
        { """{ "format": "seam-inventory", "version": 2 }""", "inventory.json:1:42: $.version: \"version\" is 2, which this Seam cannot read" },
        { """{ "version": 1, "assets": [] }""", "the \"format\" property is missing" },
        { """{ "format": "seam-inventory", "version": 1, "machines": [] }""", "inventory.json:1:45: $.machines: 'machines' is not a property of a Seam inventory" },
        { """{ "format": "seam-inventory", "version": 1, "assets": {} }""", "\"assets\" is an object (expected an array of objects)" },
        { """{ "format": "seam-inventory", "version": 1, "assets": [ 42 ] }""", "$.assets[0]: the item is 42" },
        { """{ "format": "seam-inventory", "version": 1, "assets": [ { "id": "a", "site": "hamburg", "name": "A", "colour": "red" } ] }""", "$.assets[0].colour: 'colour' is not a property of an asset" },
        { """{ "format": "seam-inventory", "version": 1, "assets": [ { "id": "a", "site": "hamburg" } ] }""", "$.assets[0]: the required property 'name' is missing" },
        { """{ "format": "seam-inventory", "version": 1, "assets": [ { "id": "a", "site": "hamburg", "name": null } ] }""", "'name' is null" },
        { """{ "format": "seam-inventory", "version": 1, "assets": [ { "id": "a", "site": "hamburg", "name": ["A"] } ] }""", "'name' is a list" },
        { """{ "format": "seam-inventory", "version": 1, "assets": [ { "id": "a", "site": "hamburg", "name": "A", "addresses": [{}] } ] }""", "an item of 'addresses' is an object" },
        { """{ "format": "seam-inventory", "version": 1, "assets": [ { "id": "a", "site": "hamburg", "name": "A", "zone": "nowhere" } ] }""", "$.assets[0].zone: 'nowhere' is not a known zone" },
        { """{ "format": "seam-inventory", "version": 1 } trailing""", "this is not valid JSON" },
        { """{ "format": "seam-inventory", "version": 1, "assets": [ { "id": "a" """, "the JSON ends before the document is complete (the file may be truncated)" },
        { """{ "format": "seam-inventory", "version": 1, "assets": [ { "id": "a", "site": "hamb""", "the JSON ends before the document is complete" },
    };

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public void A_bad_document_gives_an_error_that_says_where_and_what(string json, string expected)
    {
        var result = ReadJson(json);

        Assert.Contains(result.Errors, e => e.ToString().Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_truncated_document_points_at_its_end()
    {
        var json = "{ \"format\": \"seam-inventory\",\n  \"version\": 1,\n  \"assets\": [\n    { \"id\": \"a\", \"site\": \"hamburg\", \"name\": \"A\" },\n    { \"id\": \"b\", ";

        var error = Assert.Single(ReadJson(json).Errors);

        Assert.Equal(5L, error.Line);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_in_json_is_reported_with_its_offset_and_line()
    {
        var head = Encoding.UTF8.GetBytes("{ \"format\": \"seam-inventory\", \"version\": 1,\n \"sites\": [ { \"id\": \"m\", \"name\": \"M");
        byte[] bytes = [.. head, 0xFC, .. "nchen\" } ] }"u8];

        var error = Assert.Single(Read(InventoryFile.FromBytes("inventory.json", bytes)).Errors);

        Assert.Equal(2L, error.Line);
        Assert.Contains($"byte 0xFC at offset {head.Length} is not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_byte_order_mark_and_comments_are_accepted()
    {
        var result = Read(Text("inventory.json", "// exported by hand\n{ \"format\": \"seam-inventory\", \"version\": 1, \"sites\": [ { \"id\": \"s\", \"name\": \"S\" }, ] }", bom: true));

        Assert.Empty(result.Errors);
        Assert.Single(result.Incoming.Sites);
    }
}
