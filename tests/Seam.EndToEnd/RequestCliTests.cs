using System.Text.Json;
using Seam.Inventory;
using Seam.Storage;

namespace Seam.EndToEnd;

/// <summary>`seam policy publish|show` and `seam request …` as a script drives them: one change from draft to closed, refusals with their exit codes.</summary>
public sealed class RequestCliTests : IDisposable
{
    private const string Policy = """
        version: 1
        seam-owner: seam
        teams:
          - { id: seam, name: Seam owner, side: joint, members: [sam] }
          - { id: it, name: Site IT, side: it, members: [ian, ivy], escalates-to: seam }
          - { id: ot, name: Automation, side: ot, members: [otto, olga], escalates-to: seam }
        rules:
          - id: control-changes
            scenarios: [change/*]
            scope: { purdue-levels: [0, 1, 2, 3] }
            responsible: ot
            approvers: { all-of: [ot] }
            deadline: 5d
        """;

    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("seam-request-cli-");

    private string Db => Path.Combine(work.FullName, "seam.db");

    public void Dispose() => work.Delete(recursive: true);

    private async Task SeedAsync()
    {
        var options = DatabaseOptions.Sqlite(Db);
        await SeamDbContextFactory.PrepareAsync(options);
        await using var db = SeamDbContextFactory.Create(options);
        db.Sites.Add(new Site { Id = "riverside", Name = "Riverside" });
        db.Zones.Add(new Zone { Id = "cell", SiteId = "riverside", Name = "Cell", Level = PurdueLevel.BasicControl });
        db.Assets.Add(new Asset { Id = "plc-1", SiteId = "riverside", ZoneId = "cell", Name = "Filler PLC", Kind = AssetKind.Plc, Criticality = 4 });
        db.MaintenanceWindows.Add(new MaintenanceWindow { Id = "sunday", SiteId = "riverside", Name = "Sunday stop" });
        await db.SaveChangesAsync();
    }

    private Task<SeamCli.Run> Request(params string[] args) => SeamCli.RunAsync(["request", .. args, "--db", Db]);

    [Fact]
    public async Task A_change_runs_from_draft_to_closed_and_each_refusal_says_why_with_its_exit_code()
    {
        await SeedAsync();
        var policy = Path.Combine(work.FullName, "policy.yaml");
        await File.WriteAllTextAsync(policy, Policy);
        var noPolicy = await Request("create", "--scenario", "change/firmware", "--site", "riverside", "--title", "Too early", "--asset", "plc-1", "--submit", "--as", "ian");
        Assert.Equal(1, noPolicy.ExitCode);
        Assert.Contains("No decision-rights policy is published yet", noPolicy.Error, StringComparison.Ordinal);

        var published = await SeamCli.RunAsync(["policy", "publish", policy, "--db", Db, "--as", "admin"]);
        Assert.True(published.ExitCode == 0, published.Error);
        Assert.Contains("as policy v1", published.Output, StringComparison.Ordinal);
        var again = await SeamCli.RunAsync(["policy", "publish", policy, "--db", Db]);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("raise 'version' to 2", again.Error, StringComparison.Ordinal);
        var shown = await SeamCli.RunAsync(["policy", "show", "--db", Db]);
        Assert.Contains("seam-owner: seam", shown.Output, StringComparison.Ordinal);

        var created = await Request("create", "--scenario", "change/firmware", "--site", "riverside", "--title", "Filler firmware", "--asset", "plc-1", "--submit", "--as", "ian", "--json");
        Assert.True(created.ExitCode == 0, created.Error);
        // The refused submission above wrote nothing, not even the draft: this is the first request.
        using (var json = JsonDocument.Parse(created.Output))
        {
            Assert.Equal(("REQ-0001", "in review"), (json.RootElement.GetProperty("id").GetString(), json.RootElement.GetProperty("state").GetString()));
            Assert.Equal("ot", json.RootElement.GetProperty("waitingFor")[0].GetString());
        }

        var own = await Request("approve", "REQ-0001", "--as", "ian");
        Assert.Equal(1, own.ExitCode);
        Assert.Contains("not a member of, and holds no delegation for, any team this request waits for (ot)", own.Error, StringComparison.Ordinal);
        var bare = await Request("reject", "REQ-0001", "--as", "otto");
        Assert.Contains("A rejection needs a reason", bare.Error, StringComparison.Ordinal);
        Assert.Equal(4, (await Request("approve", "REQ-9999", "--as", "otto")).ExitCode);
        Assert.Equal(2, (await Request("rule", "REQ-0001", "--reason", "x", "--as", "sam")).ExitCode);

        Assert.Equal(0, (await Request("approve", "REQ-0001", "--as", "otto", "--reason", "next stop")).ExitCode);
        Assert.Equal(0, (await Request("schedule", "REQ-0001", "--window", "sunday", "--as", "olga")).ExitCode);
        Assert.Equal(0, (await Request("implemented", "REQ-0001", "--as", "olga")).ExitCode);
        var ownWork = await Request("verify", "REQ-0001", "--as", "olga");
        Assert.Contains("does not verify it", ownWork.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await Request("verify", "REQ-0001", "--as", "otto")).ExitCode);
        Assert.Equal(0, (await Request("comment", "REQ-0001", "Flashed and checked", "--as", "ian")).ExitCode);
        Assert.Equal(0, (await Request("close", "REQ-0001", "--as", "ian")).ExitCode);
        var final = await Request("withdraw", "REQ-0001", "--as", "ian");
        Assert.Equal(1, final.ExitCode);
        Assert.Contains("closed cannot become withdrawn", final.Error, StringComparison.Ordinal);

        var show = await Request("show", "REQ-0001");
        Assert.Contains("route single-owner", show.Output, StringComparison.Ordinal);
        Assert.Contains("Flashed and checked", show.Output, StringComparison.Ordinal);
        Assert.Contains("→ Closed", show.Output, StringComparison.Ordinal);
        var list = await Request("list", "--state", "closed");
        Assert.Contains("REQ-0001", list.Output, StringComparison.Ordinal);
        Assert.Contains("1 of 1 request(s).", list.Output, StringComparison.Ordinal);
        Assert.Equal(2, (await Request("list", "--state", "pending")).ExitCode);
    }

    [Fact]
    public async Task An_approved_vendor_grant_is_revoked_with_a_reason_once_and_the_end_is_kept()
    {
        await SeedAsync();
        var policy = Path.Combine(work.FullName, "policy.yaml");
        await File.WriteAllTextAsync(policy, Policy);
        Assert.Equal(0, (await SeamCli.RunAsync(["policy", "publish", policy, "--db", Db, "--as", "admin"])).ExitCode);
        var now = DateTimeOffset.UtcNow;
        var created = await Request("create", "--scenario", "access/vendor-remote", "--site", "riverside", "--title", "Remote diagnosis", "--asset", "plc-1",
            "--grantee", "vera", "--method", "Secomea SiteManager", "--mfa", "--from", now.AddMinutes(-5).ToString("O"), "--to", now.AddHours(4).ToString("O"),
            "--submit", "--as", "ian", "--json");
        Assert.True(created.ExitCode == 0, created.Error);
        var id = JsonDocument.Parse(created.Output).RootElement.GetProperty("id").GetString()!;
        var ruled = await Request("rule", id, "--approve", "--reason", "The vendor is needed today", "--as", "sam");
        Assert.True(ruled.ExitCode == 0, ruled.Error);

        var revoked = await Request("revoke-access", id, "--reason", "Job finished early", "--as", "sam", "--json");
        var again = await Request("revoke-access", $"{id}-grant", "--reason", "again", "--as", "sam");
        var missing = await Request("revoke-access", "REQ-9999", "--reason", "x", "--as", "sam");

        Assert.True(revoked.ExitCode == 0, revoked.Error);
        using var end = JsonDocument.Parse(revoked.Output);
        Assert.Equal(($"{id}-grant", "revoked", "sam", "Job finished early"),
            (end.RootElement.GetProperty("grantId").GetString(), end.RootElement.GetProperty("kind").GetString(), end.RootElement.GetProperty("by").GetString(), end.RootElement.GetProperty("reason").GetString()));
        Assert.Equal((1, 4), (again.ExitCode, missing.ExitCode));
        Assert.Contains("nothing left to revoke", again.Error, StringComparison.Ordinal);
        await using var db = SeamDbContextFactory.Create(DatabaseOptions.Sqlite(Db));
        var grant = Assert.Single(db.AccessGrants);
        Assert.True(grant.To <= DateTimeOffset.UtcNow);
        Assert.Contains(db.AuditEntries, a => a.EntityType == "access-grant" && a.EntityId == grant.Id && a.Summary!.Contains("Job finished early", StringComparison.Ordinal));
    }
}
