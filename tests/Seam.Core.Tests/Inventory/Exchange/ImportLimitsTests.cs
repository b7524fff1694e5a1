using Seam.Inventory;
using Seam.Inventory.Exchange;
using static Seam.Core.Tests.Inventory.Exchange.ExchangeFixtures;

namespace Seam.Core.Tests.Inventory.Exchange;

public class ImportLimitsTests
{
    [Fact]
    public void A_200_mb_file_is_refused_before_it_is_read()
    {
        var path = Path.Combine(Path.GetTempPath(), $"seam-huge-{Guid.NewGuid():N}.csv");
        try
        {
            using (var sparse = new FileStream(path, FileMode.CreateNew))
            {
                sparse.SetLength(200L * 1024 * 1024);
            }

            var found = InventoryFiles.FromPath(path);
            var opened = false;
            var file = found.Files.Single() with { Open = () => { opened = true; throw new InvalidOperationException("must not be opened"); } };

            var result = InventoryReader.Read([file], InventoryModel.Empty);

            Assert.False(opened);
            var error = Assert.Single(result.Errors);
            Assert.Equal(Path.GetFileName(path), error.File);
            Assert.Contains("the file is 200 MB (209,715,200 bytes), larger than the import limit of 100 MB; it was not read", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_limit_is_configurable()
    {
        var file = Text("assets.csv", "id,site,name\nplc-1,hamburg,PLC 1\n");

        var result = InventoryReader.Read([file], SmallPlant(), new ImportOptions { MaxFileBytes = 10 });

        Assert.Contains("larger than the import limit of 10 bytes", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("assets.csv")]
    [InlineData("inventory.json")]
    public void A_stream_longer_than_its_declared_length_is_stopped_at_the_limit(string name)
    {
        var content = System.Text.Encoding.UTF8.GetBytes("id,site,name\n" + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"a-{i},hamburg,A\n")));
        var lying = new InventoryFile(name, () => new MemoryStream(content), 100);

        var result = InventoryReader.Read([lying], SmallPlant(), new ImportOptions { MaxFileBytes = 1000 });

        Assert.Contains(result.Errors, e => e.Message.Contains("larger than the limit", StringComparison.Ordinal));
    }
}
