using System.Text;
using Seam.Inventory;
using Seam.Inventory.Exchange;
using static Seam.Core.Tests.Inventory.Exchange.ExchangeFixtures;

namespace Seam.Core.Tests.Inventory.Exchange;

public class RoundTripTests
{
    [Fact]
    public void Csv_export_then_import_gives_an_identical_model()
    {
        var model = RichModel();
        var files = WriteCsv(model);

        var result = InventoryReader.Read(files, InventoryModel.Empty);

        Assert.Empty(result.Errors);
        AssertSameModel(model, result.Incoming);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"click\")")]
    [InlineData("+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("'=already quoted")]
    [InlineData("''-two apostrophes")]
    [InlineData("'plain apostrophe")]
    public void Exported_cells_cannot_run_as_spreadsheet_formulas_and_still_import_back(string notes)
    {
        var model = RichModel();
        model.Assets[0].Notes = notes;
        var files = WriteCsv(model);
        var assets = Encoding.UTF8.GetString(ReadAll(files.Single(f => f.Name == "assets.csv")));

        var result = InventoryReader.Read(files, InventoryModel.Empty);

        Assert.DoesNotMatch("(^|,)\"?[=+\\-@]", assets.Split("\r\n")[1..].First(l => l.Contains(model.Assets[0].Id, StringComparison.Ordinal)));
        Assert.Empty(result.Errors);
        Assert.Equal(notes, result.Incoming.Assets.Single(a => a.Id == model.Assets[0].Id).Notes);
    }

    private static byte[] ReadAll(InventoryFile file)
    {
        using var stream = file.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [Fact]
    public void Json_export_then_import_gives_an_identical_model()
    {
        var model = RichModel();
        using var stream = new MemoryStream();
        InventoryJsonWriter.Write(model, stream);

        var result = Read(InventoryFile.FromBytes("inventory.json", stream.ToArray()));

        Assert.Empty(result.Errors);
        AssertSameModel(model, result.Incoming);
    }

    [Fact]
    public void Csv_export_through_a_folder_and_the_path_helper_gives_an_identical_model()
    {
        var folder = Directory.CreateTempSubdirectory("seam-csv-").FullName;
        try
        {
            var model = RichModel();
            InventoryCsvWriter.WriteToFolder(model, folder);

            var found = InventoryFiles.FromPath(folder);
            var result = InventoryReader.Read(found.Files, InventoryModel.Empty);

            Assert.Empty(found.Errors);
            Assert.Equal(InventoryCsvWriter.FileNames.Order(StringComparer.Ordinal), found.Files.Select(f => f.Name));
            Assert.Empty(result.Errors);
            AssertSameModel(model, result.Incoming);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Exports_list_records_by_id_whatever_the_model_order()
    {
        var model = RichModel();
        var assets = Encoding.UTF8.GetString(WriteCsv(model).Single(f => f.Name == "assets.csv").Open().ReadAllBytes());
        var ids = assets.Split("\r\n").Skip(1).Where(l => l.StartsWith("a-", StringComparison.Ordinal)).Select(l => l[..4]).ToList();

        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(model.Assets.Count, ids.Count);
    }

    [Fact]
    public void Exporting_twice_gives_the_same_bytes()
    {
        var first = WriteCsv(RichModel()).Select(f => f.Open().ReadAllBytes()).ToList();
        var second = WriteCsv(RichModel()).Select(f => f.Open().ReadAllBytes()).ToList();
        using var jsonA = new MemoryStream();
        using var jsonB = new MemoryStream();
        InventoryJsonWriter.Write(RichModel(), jsonA);
        InventoryJsonWriter.Write(RichModel(), jsonB);

        Assert.Equal(first, second);
        Assert.Equal(jsonA.ToArray(), jsonB.ToArray());
    }

    [Fact]
    public void An_empty_model_exports_header_only_files_that_import_as_nothing()
    {
        var files = WriteCsv(InventoryModel.Empty);

        var result = InventoryReader.Read(files, InventoryModel.Empty);

        Assert.Equal(7, files.Count);
        Assert.Empty(result.Errors);
        Assert.Empty(result.Incoming.Assets);
    }

    [Fact]
    public void The_json_export_uses_snake_case_names_and_enums_as_strings()
    {
        using var stream = new MemoryStream();
        InventoryJsonWriter.Write(RichModel(), stream);
        var json = Encoding.UTF8.GetString(stream.ToArray());

        Assert.Contains("\"format\": \"seam-inventory\"", json, StringComparison.Ordinal);
        Assert.Contains("\"version\": 1", json, StringComparison.Ordinal);
        Assert.Contains("\"entry_points\": [", json, StringComparison.Ordinal);
        Assert.Contains("\"patchability\": \"maintenance_window\"", json, StringComparison.Ordinal);
        Assert.Contains("\"level\": \"3.5\"", json, StringComparison.Ordinal);
        Assert.Contains("\"modbus:tcp/502\"", json, StringComparison.Ordinal);
        Assert.Contains("Jürgen Groß", json, StringComparison.Ordinal);
    }

    internal static List<InventoryFile> WriteCsv(InventoryModel model)
    {
        var written = new Dictionary<string, MemoryStream>();
        InventoryCsvWriter.Write(model, name => written[name] = new MemoryStream());
        return written.Select(w => InventoryFile.FromBytes(w.Key, w.Value.ToArray())).ToList();
    }
}

internal static class StreamExtensions
{
    public static byte[] ReadAllBytes(this Stream stream)
    {
        using (stream)
        using (var copy = new MemoryStream())
        {
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
