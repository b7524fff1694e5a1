using Seam.Inventory;
using Seam.Inventory.Exchange;
using static Seam.Core.Tests.Inventory.Exchange.ExchangeFixtures;

namespace Seam.Core.Tests.Inventory.Exchange;

public class SourceMapTests
{
    [Fact]
    public void A_validator_problem_on_an_imported_csv_record_points_at_its_line_and_column()
    {
        var existing = SmallPlant();
        var result = Read(existing, Text("assets.csv", "id,site,zone,name,addresses\nplc-1,hamburg,cell-2,PLC 1,10.20.2.10\nplc-2,hamburg,cell-2,PLC 2,10.99.0.1\n"));
        var merged = InventoryMerge.Apply(existing, result.Incoming, ImportMode.Merge);

        var problem = InventoryValidator.Validate(merged).Single(p => p.Code == "address-outside-zone-subnets");
        var located = result.Locate(problem);

        Assert.Equal(("assets.csv", 3L, (long?)5, "addresses"), (located.File, located.Line, located.Column, located.ColumnName));
        Assert.StartsWith("assets.csv:3:5: column 'addresses': Address 10.99.0.1 of 'PLC 2' is outside", located.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_validator_problem_on_a_sheet_record_names_the_sheet_column()
    {
        var existing = SmallPlant();
        var result = Read(existing, Text("list.csv", "Tag;Area;IP address\nPLC-1;Cell 2;10.99.0.1\n"));

        var problem = InventoryValidator.Validate(InventoryMerge.Apply(existing, result.Incoming, ImportMode.Merge))
            .Single(p => p.Code == "address-outside-zone-subnets");

        Assert.StartsWith("list.csv:2:3: column 'IP address': ", result.Locate(problem).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_validator_problem_on_an_imported_json_record_points_at_the_property()
    {
        var existing = SmallPlant();
        var json = "{ \"format\": \"seam-inventory\", \"version\": 1,\n  \"zones\": [\n    { \"id\": \"z-9\", \"site\": \"hamburg\", \"name\": \"Z9\", \"level\": 2, \"target_security_level\": 2 }\n  ] }";
        var result = Read(existing, Text("inventory.json", json));

        var problem = InventoryValidator.Validate(InventoryMerge.Apply(existing, result.Incoming, ImportMode.Merge))
            .Single(p => p.Code == "zone-without-owner" && p.EntityId == "z-9");
        var located = result.Locate(problem);

        // The zone has no "owner" property, so the record's own position is given.
        Assert.Equal(("inventory.json", 3L, (long?)5, "$.zones[0]"), (located.File, located.Line, located.Column, located.JsonPath));
    }

    [Fact]
    public void A_json_field_position_is_the_property_name()
    {
        var json = "{ \"format\": \"seam-inventory\", \"version\": 1,\n  \"zones\": [\n    { \"id\": \"z-9\", \"site\": \"hamburg\", \"name\": \"Z9\", \"level\": 2 }\n  ] }";
        var result = Read(SmallPlant(), Text("inventory.json", json));

        Assert.True(result.SourceMap.TryGetOrigin(InventoryEntity.Zone, "z-9", out var origin));
        Assert.Equal(new SourcePosition(3, 53, "level", "$.zones[0].level"), origin.Locate("level"));
    }

    [Fact]
    public void A_problem_on_a_stored_record_becomes_a_plain_message()
    {
        var result = Read(SmallPlant(), Text("sites.csv", "id,name\nlyon,Lyon\n"));
        var problem = new InventoryProblem(ProblemSeverity.Smell, "zone-without-owner", InventoryEntity.Zone, "cell-2", "owner", "Zone 'Cell 2' has no owner team.");

        var located = result.Locate(problem);

        Assert.Equal("stored inventory: column 'owner': zone 'cell-2': Zone 'Cell 2' has no owner team.", located.ToString());
        Assert.Null(located.Line);
    }
}

public class InventoryFilesTests
{
    [Fact]
    public void Unknown_files_in_a_folder_are_errors_and_hidden_files_are_skipped()
    {
        var folder = Directory.CreateTempSubdirectory("seam-files-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "assets.csv"), "id,site,name\n");
            File.WriteAllText(Path.Combine(folder, "readme.md"), "# notes");
            File.WriteAllText(Path.Combine(folder, ".DS_Store"), "x");

            var found = InventoryFiles.FromPath(folder);

            Assert.Equal(["assets.csv"], found.Files.Select(f => f.Name));
            var error = Assert.Single(found.Errors);
            Assert.Equal(("readme.md", "the file is not an inventory file"), (error.File, error.Message));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_missing_path_is_an_error()
    {
        var found = InventoryFiles.FromPath(Path.Combine(Path.GetTempPath(), "seam-does-not-exist-" + Guid.NewGuid()));

        Assert.Empty(found.Files);
        Assert.Equal("there is no such file or folder", Assert.Single(found.Errors).Message);
    }
}
