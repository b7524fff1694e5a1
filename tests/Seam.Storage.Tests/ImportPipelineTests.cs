using System.Text;
using Seam.Inventory;
using Seam.Inventory.Exchange;
using Seam.Testing.Databases;
using Seam.Testing.Inventory;

namespace Seam.Storage.Tests;

/// <summary>
/// The whole import as users run it (files → reader → validator → one transaction), fed malformed files:
/// each is refused with an error that names its place, and the database is left exactly as before.
/// </summary>
public sealed class ImportPipelineTests
{
    private const string AssetHeader = "id,site,zone,name,kind,criticality,owner";

    private static InventoryFile Text(string name, string content) => InventoryFile.FromBytes(name, Encoding.UTF8.GetBytes(content));

    public static TheoryData<DatabaseProvider, string> Cases()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var name in MalformedInputs.Keys)
            {
                data.Add(provider, name);
            }
        }

        return data;
    }

    /// <summary>Each malformed input, and text the refusal must contain (its place and what was wrong).</summary>
    private static readonly Dictionary<string, (Func<string, IReadOnlyList<InventoryFile>> Files, string[] Expected)> MalformedInputs = new()
    {
        ["wrong type"] = (_ => [Text("assets.csv", $"{AssetHeader}\na-new,plant-a,z-cell,New PLC,PLC,high-ish,ot-line2\n")],
            ["assets.csv:2:6", "criticality", "high-ish"]),
        ["unknown zone"] = (_ => [Text("assets.csv", $"{AssetHeader}\na-new,plant-a,z-cell,New PLC,PLC,3,ot-line2\na-new2,plant-a,z-nowhere,Lost PLC,PLC,3,ot-line2\n")],
            ["assets.csv:3:3", "z-nowhere"]),
        ["duplicate ids"] = (_ => [Text("assets.csv", $"{AssetHeader}\na-new,plant-a,z-cell,New PLC,PLC,3,ot-line2\na-new,plant-a,z-cell,Again,PLC,3,ot-line2\n")],
            ["assets.csv:3", "a-new", "twice"]),
        ["bad encoding"] = (_ => [InventoryFile.FromBytes("assets.csv",
            [.. Encoding.UTF8.GetBytes($"{AssetHeader}\na-new,plant-a,z-cell,PLC "), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(",PLC,3,ot-line2\n")])],
            ["assets.csv:2", "UTF-8", "byte"]),
        ["truncated csv"] = (_ => [Text("assets.csv", $"{AssetHeader}\na-new,plant-a,z-cell,\"New PLC,PLC,3,ot-line2\n")],
            ["assets.csv:2", "quote"]),
        ["truncated json"] = (_ => [Text("inventory.json", "{\"format\":\"seam-inventory\",\"version\":1,\"assets\":[{\"id\":\"a-new\",\"site\":\"plant-a\",\"na")],
            ["inventory.json:1"]),
        ["unknown column"] = (_ => [Text("zones.csv", "id,site,name,level,colour\nz-new,plant-a,New zone,2,blue\n")],
            ["zones.csv:1:5", "colour"]),
        ["file of 200 MB"] = (folder =>
        {
            var path = Path.Combine(folder, "assets.csv");
            using (var f = File.Create(path))
            {
                f.SetLength(200L * 1024 * 1024);
            }

            return [new InventoryFile("assets.csv", () => File.OpenRead(path), new FileInfo(path).Length)];
        }, ["assets.csv", "200 MB", "limit"]),
        ["valid file plus broken file"] = (_ =>
            [
                Text("teams.csv", "id,name,side\nt-new,New team,it\n"),
                Text("assets.csv", $"{AssetHeader}\na-new,plant-a,z-cell,New PLC,PLC,7,ot-line2\n"),
            ],
            ["assets.csv:2:6", "7"]),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Malformed_files_are_refused_with_their_place_and_change_nothing(DatabaseProvider provider, string input)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = database.CreateInventoryStore();
        await store.ApplyAsync(SampleInventory.Plant(), ImportMode.Merge, "test");
        var before = await Snapshot.OfAsync(database);
        var folder = Directory.CreateTempSubdirectory("seam-import-");
        try
        {
            var (files, expected) = MalformedInputs[input];

            var outcome = await new InventoryImporter(store).ImportAsync(files(folder.FullName), ImportMode.Merge, "test");

            Assert.False(outcome.Succeeded);
            Assert.NotEmpty(outcome.Errors);
            var text = string.Join("\n", outcome.Errors.Select(e => e.ToString()));
            foreach (var fragment in expected)
            {
                Assert.Contains(fragment, text, StringComparison.OrdinalIgnoreCase);
            }

            Assert.Equal(before, await Snapshot.OfAsync(database));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_plant_asset_sheet_merges_into_the_inventory_and_a_second_run_changes_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = database.CreateInventoryStore();
        await store.ApplyAsync(SampleInventory.Plant(), ImportMode.Merge, "test");
        var importer = new InventoryImporter(store);
        var sheet = Text("Asset list Line 2.csv",
            "Tag;IP address;Manufacturer;Model;Firmware;Area;Plant;Responsible;Criticality;Type\n" +
            "Filler HMI 7;10.20.2.77;Siemens;TP1200 Comfort;V17;Cell 2;Werk Süd;Automatisierung Linie 2;High;HMI\n");

        var first = await importer.ImportAsync([sheet], ImportMode.Merge, "test");
        var second = await importer.ImportAsync([sheet], ImportMode.Merge, "test");

        Assert.True(first.Succeeded, string.Join("\n", first.Errors));
        Assert.Equal(1, first.Counts[InventoryEntity.Asset].Created);
        var stored = (await store.LoadAsync()).Assets.Single(a => a.Name == "Filler HMI 7");
        Assert.Equal(("z-cell", "ot-line2", 4, AssetKind.Hmi), (stored.ZoneId, stored.OwnerTeamId, stored.Criticality, stored.Kind));
        Assert.True(second.Succeeded);
        Assert.Equal(new EntityWriteCounts(0, 0, 1, 0), second.Counts[InventoryEntity.Asset]);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_import_the_caller_does_not_authorise_writes_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = database.CreateInventoryStore();
        await store.ApplyAsync(SampleInventory.Plant(), ImportMode.Merge, "test");
        var before = await Snapshot.OfAsync(database);
        IReadOnlySet<string>? seen = null;

        var outcome = await new InventoryImporter(store).ImportAsync(
            [Text("assets.csv", $"{AssetHeader}\na-new,plant-a,z-cell,New PLC,PLC,3,ot-line2\n")], ImportMode.Merge, "test",
            authorize: scope =>
            {
                seen = scope.Sites;
                return "not on this site";
            });

        Assert.False(outcome.Succeeded);
        Assert.Equal("not on this site", outcome.Message);
        Assert.Equal(["plant-a"], seen!);
        Assert.Equal(before, await Snapshot.OfAsync(database));
    }
}
