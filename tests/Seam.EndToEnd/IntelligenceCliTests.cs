using System.Text.Json;
using Seam.Testing.Corpus;

namespace Seam.EndToEnd;

/// <summary>`seam import csaf|kev|epss|nvd` and `seam findings` as a person or a script runs them.</summary>
public sealed class IntelligenceCliTests : IDisposable
{
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("seam-intel-cli-");

    private string Db => Path.Combine(work.FullName, "seam.db");

    public void Dispose() => work.Delete(recursive: true);

    [Theory]
    [InlineData("import csaf --help")]
    [InlineData("import kev --help")]
    [InlineData("import epss --help")]
    [InlineData("import nvd --help")]
    [InlineData("findings --help")]
    [InlineData("findings refresh --help")]
    public async Task Every_intelligence_command_explains_itself(string args)
    {
        var run = await SeamCli.RunAsync(args.Split(' '));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Description:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_has_findings_that_explain_themselves()
    {
        Assert.Equal(0, (await SeamCli.RunAsync(["demo", "--db", Db])).ExitCode);

        var json = await SeamCli.RunAsync(["findings", "--db", Db, "--json", "--limit", "500"]);
        Assert.Equal(0, json.ExitCode);
        using var result = JsonDocument.Parse(json.Output);
        Assert.Equal(44, result.RootElement.GetProperty("total").GetInt32());
        var findings = result.RootElement.GetProperty("findings").EnumerateArray().ToList();
        var gateway = findings.Single(f => f.GetProperty("assetId").GetString() == "SCADA-R-101");
        Assert.Equal("CVE-2026-99005", gateway.GetProperty("vulnerabilityId").GetString());
        Assert.Equal("Identifier", gateway.GetProperty("confidence").GetString());
        Assert.Contains("cpe:2.3:a:inductiveautomation:ignition", gateway.GetProperty("explanation").GetString(), StringComparison.Ordinal);

        var text = await SeamCli.RunAsync(["findings", "--db", Db, "--asset", "PLC-R-103"]);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("CVE-2026-99001", text.Output, StringComparison.Ordinal);
        Assert.Contains("SEAM-DEMO-2026-001", text.Output, StringComparison.Ordinal);

        var missing = await SeamCli.RunAsync(["findings", "--db", Db, "--asset", "NO-SUCH-ASSET"]);
        Assert.Equal(4, missing.ExitCode);
    }

    [Fact]
    public async Task The_corpus_imports_once_and_a_second_run_finds_everything_unchanged()
    {
        Assert.Equal(0, (await SeamCli.RunAsync(["demo", "--db", Db])).ExitCode);
        var folder = SharedCorpus.Path("csaf", "cisagov-CSAF", "csaf_files");

        var first = await SeamCli.RunAsync(["import", "csaf", folder, "--db", Db]);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("300 imported, 0 updated, 0 unchanged, 0 rejected", first.Output, StringComparison.Ordinal);

        var second = await SeamCli.RunAsync(["import", "csaf", folder, "--db", Db, "--json"]);
        Assert.Equal(0, second.ExitCode);
        using var summary = JsonDocument.Parse(second.Output);
        Assert.Equal(300, summary.RootElement.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public async Task A_folder_with_one_bad_document_imports_the_rest_and_exits_with_invalid_input()
    {
        var folder = Directory.CreateDirectory(Path.Combine(work.FullName, "advisories")).FullName;
        var source = Directory.EnumerateFiles(SharedCorpus.Path("csaf", "cisagov-CSAF", "csaf_files", "OT", "white", "2024"), "*.json").Order().First();
        File.Copy(source, Path.Combine(folder, Path.GetFileName(source)));
        await File.WriteAllTextAsync(Path.Combine(folder, "broken.json"), "{\"document\": {\"category\": \"csaf_base\",");

        var run = await SeamCli.RunAsync(["import", "csaf", folder, "--db", Db]);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("1 imported", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 rejected", run.Output, StringComparison.Ordinal);
        Assert.Contains("broken.json", run.Error, StringComparison.Ordinal);
        Assert.Equal(4, (await SeamCli.RunAsync(["import", "csaf", Path.Combine(work.FullName, "nowhere"), "--db", Db])).ExitCode);
    }

    [Fact]
    public async Task Feeds_import_and_a_broken_one_names_the_line()
    {
        var kev = await SeamCli.RunAsync(["import", "kev", SharedCorpus.Path("kev", "known_exploited_vulnerabilities.json"), "--db", Db]);
        Assert.True(kev.ExitCode == 0, kev.Error);
        Assert.Contains("1404 added", kev.Output, StringComparison.Ordinal);

        var epss = await SeamCli.RunAsync(["import", "epss", SharedCorpus.Path("epss", "emba-epss-data", "EPSS_CVE_data", "CVE_2017_EPSS.csv"), "--db", Db]);
        Assert.True(epss.ExitCode == 0, epss.Error);

        var broken = Path.Combine(work.FullName, "epss.csv");
        await File.WriteAllTextAsync(broken, "cve,epss,percentile\nCVE-2024-0001,0.1,0.5\nCVE-2024-0002,abc,0.5\n");
        var run = await SeamCli.RunAsync(["import", "epss", broken, "--db", Db]);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("epss.csv:3", run.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported", run.Error, StringComparison.Ordinal);
    }
}
