using System.Text.Json;
using Seam.Testing.Corpus;

namespace Seam.EndToEnd;

/// <summary>`seam discover pcap` on real corpus captures, as a user runs it.</summary>
public sealed class DiscoverCliTests : IDisposable
{
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("seam-discover-cli-");

    public void Dispose() => work.Delete(recursive: true);

    [Fact]
    public async Task A_mixed_plant_capture_gives_devices_with_roles_flows_and_protocol_counts_as_json()
    {
        var run = await SeamCli.RunAsync(["discover", "pcap", SharedCorpus.Path("pcaps", "mixed", "mb2.pcap"), "--json"]);

        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var result = json.RootElement.GetProperty("result");
        Assert.Equal(13472, result.GetProperty("frames").GetInt64());
        var protocols = result.GetProperty("framesByProtocol").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains(protocols, p => p.Contains("modbus", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(protocols, p => p.Contains("s7", StringComparison.OrdinalIgnoreCase));
        var roles = result.GetProperty("devices").EnumerateArray()
            .Where(d => d.GetProperty("role").ValueKind == JsonValueKind.String)
            .Select(d => d.GetProperty("role").GetString())
            .ToList();
        Assert.Contains("plc", roles);
        Assert.True(result.GetProperty("flows").GetArrayLength() > 10);
    }

    [Fact]
    public async Task A_file_that_is_not_a_capture_is_refused_naming_the_offset_and_what_was_expected()
    {
        var path = Path.Combine(work.FullName, "notes.pcap");
        await File.WriteAllTextAsync(path, "not a capture at all");

        var run = await SeamCli.RunAsync(["discover", "pcap", path]);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("notes.pcap: at byte offset 0, expected a pcap magic", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_capture_cut_short_is_read_up_to_the_damage_and_says_what_was_skipped()
    {
        var path = Path.Combine(work.FullName, "cut.pcap");
        var bytes = await File.ReadAllBytesAsync(SharedCorpus.Path("pcaps", "mixed", "mb2.pcap"));
        await File.WriteAllBytesAsync(path, bytes[..3000]);

        var run = await SeamCli.RunAsync(["discover", "pcap", path]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("29 packets", run.Output, StringComparison.Ordinal);
        Assert.Contains("skipped at byte 2991 (frame 30): the file ends inside a record header", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_site_the_result_opens_a_review_for_the_web_ui_and_an_unknown_site_is_refused()
    {
        var db = Path.Combine(work.FullName, "seam.db");
        await TestPlant.SeedAsync(db);
        var capture = SharedCorpus.Path("pcaps", "mixed", "mb2.pcap");

        var run = await SeamCli.RunAsync(["discover", "pcap", capture, "--site", "north", "--db", db]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Matches(@"Review D-1 opened for site north: \d+ new device\(s\), 0 changed, 0 flow\(s\) no conduit allows", run.Output);
        Assert.Contains("/discovery/1", run.Output, StringComparison.Ordinal);
        await using (var context = Seam.Storage.SeamDbContextFactory.Create(Seam.Storage.DatabaseOptions.Sqlite(db)))
        {
            var stored = Assert.Single(context.Discoveries);
            Assert.Equal(("north", Seam.Storage.Discovery.DiscoveryStatus.Open, 13472L), (stored.SiteId, stored.Status, stored.Frames));
        }

        var refused = await SeamCli.RunAsync(["discover", "pcap", capture, "--site", "nowhere", "--db", db]);
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("There is no site 'nowhere'", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_named()
    {
        var run = await SeamCli.RunAsync(["discover", "pcap", Path.Combine(work.FullName, "nowhere.pcap")]);

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("nowhere.pcap: no such file.", run.Error, StringComparison.Ordinal);
    }
}
