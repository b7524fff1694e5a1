using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Seam.Testing.Corpus;
using static Seam.Server.Tests.Http;

namespace Seam.Server.Tests;

/// <summary>Capture upload, review, decisions and merge through the real server, and who may do which.</summary>
public abstract class DiscoveryApiTests(SeamServerFixture server)
{
    private readonly HttpClient admin = server.Client(server.AdminToken);
    private readonly HttpClient viewer = server.Client(server.ViewerToken);
    private readonly HttpClient northEngineer = server.Client(server.NorthEngineerToken);

    private static MultipartFormDataContent Captures(params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.tcpdump.pcap");
            form.Add(part, "files", name);
        }

        return form;
    }

    private static (string, byte[]) Mb2() => ("mb2.pcap", File.ReadAllBytes(SharedCorpus.Path("pcaps", "mixed", "mb2.pcap")));

    private static IEnumerable<JsonElement> Items(JsonElement detail, string list) => detail.GetProperty("review").GetProperty(list).EnumerateArray();

    [Fact]
    public async Task An_uploaded_capture_is_reviewed_decided_and_merged_with_its_flows()
    {
        var uploaded = await northEngineer.PostAsync("/api/v1/discoveries?site=north", Captures(Mb2())).Expect(HttpStatusCode.Created);
        var id = uploaded.GetProperty("summary").GetProperty("id").GetInt64();
        Assert.Equal(13472, uploaded.GetProperty("summary").GetProperty("frames").GetInt64());
        Assert.Equal("mb2.pcap", uploaded.GetProperty("files")[0].Str("name"));
        var newKeys = Items(uploaded, "newDevices").Select(d => d.GetProperty("device").Str("key")).ToList();
        Assert.Contains("141.81.0.10", newKeys);
        Assert.Contains("141.81.0.146", newKeys);
        var proposed = Items(uploaded, "newDevices").Single(d => d.GetProperty("device").Str("key") == "141.81.0.146").GetProperty("proposed");
        Assert.Equal("plc", proposed.Str("kind"));

        var seen = await viewer.GetAsync($"/api/v1/discoveries/{id}").Expect(HttpStatusCode.OK);
        Assert.Equal(uploaded.GetProperty("undecided").GetInt32(), seen.GetProperty("undecided").GetInt32());
        Assert.Contains((await viewer.GetAsync("/api/v1/discoveries").Expect(HttpStatusCode.OK)).EnumerateArray(), d => d.GetProperty("id").GetInt64() == id);

        await viewer.Post($"/api/v1/discoveries/{id}/decisions", new { decisions = new[] { new { item = "device:141.81.0.10", accept = true } } })
            .ExpectProblem(HttpStatusCode.Forbidden);
        var unknown = await northEngineer.Post($"/api/v1/discoveries/{id}/decisions", new { decisions = new[] { new { item = "device:10.9.9.9", accept = true } } })
            .ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Contains("device:10.9.9.9", unknown.Str("detail"), StringComparison.Ordinal);

        var decided = await northEngineer.Post($"/api/v1/discoveries/{id}/decisions", new
        {
            decisions = new[]
            {
                new { item = "device:141.81.0.10", accept = true },
                new { item = "device:141.81.0.146", accept = true },
                new { item = "device:141.81.0.166", accept = false },
            },
        }).Expect(HttpStatusCode.OK);
        Assert.Equal(uploaded.GetProperty("undecided").GetInt32() - 3, decided.GetProperty("undecided").GetInt32());

        var merged = await northEngineer.PostAsync($"/api/v1/discoveries/{id}/merge", null).Expect(HttpStatusCode.OK);
        Assert.Equal(["discovered-141-81-0-10", "discovered-141-81-0-146"], merged.GetProperty("createdAssets").EnumerateArray().Select(a => a.GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(1, merged.GetProperty("flowsCreated").GetInt32());

        var asset = await viewer.GetAsync("/api/v1/assets/discovered-141-81-0-146").Expect(HttpStatusCode.OK);
        Assert.Equal("discovery", asset.Str("source"));
        var flows = await viewer.GetAsync("/api/v1/observed-flows?site=north").Expect(HttpStatusCode.OK);
        var flow = Assert.Single(flows.EnumerateArray(), f => f.Str("targetAssetId") == "discovered-141-81-0-146");
        Assert.Equal(("discovered-141-81-0-10", "s7:tcp/102"), (flow.Str("sourceAssetId"), flow.Str("service")));

        await northEngineer.PostAsync($"/api/v1/discoveries/{id}/merge", null).ExpectProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Uploading_needs_an_engineer_on_the_site_and_a_real_capture()
    {
        await viewer.PostAsync("/api/v1/discoveries?site=north", Captures(Mb2())).ExpectProblem(HttpStatusCode.Forbidden);
        await northEngineer.PostAsync("/api/v1/discoveries?site=south", Captures(Mb2())).ExpectProblem(HttpStatusCode.Forbidden);
        await northEngineer.PostAsync("/api/v1/discoveries", Captures(Mb2())).ExpectProblem(HttpStatusCode.BadRequest);

        var bad = await northEngineer.PostAsync("/api/v1/discoveries?site=north", Captures(("notes.pcap", "not a capture at all"u8.ToArray())))
            .ExpectProblem(HttpStatusCode.UnprocessableEntity);
        Assert.StartsWith("notes.pcap: at byte offset 0, expected a pcap magic", bad.Str("detail"), StringComparison.Ordinal);

        var southOnly = await admin.PostAsync("/api/v1/discoveries?site=south", Captures(Mb2())).Expect(HttpStatusCode.Created);
        var id = southOnly.GetProperty("summary").GetProperty("id").GetInt64();
        await northEngineer.GetAsync($"/api/v1/discoveries/{id}").ExpectProblem(HttpStatusCode.NotFound);
        await northEngineer.PostAsync($"/api/v1/discoveries/{id}/merge", null).ExpectProblem(HttpStatusCode.NotFound);
        var discarded = await admin.Post($"/api/v1/discoveries/{id}/discard", new { reason = "wrong mirror port" }).Expect(HttpStatusCode.OK);
        Assert.Equal("discarded", discarded.Str("status"));
    }
}

public sealed class DiscoveryApiTestsOnSqlite(SeamServerFixture server) : DiscoveryApiTests(server), IClassFixture<SeamServerFixture>;

public sealed class DiscoveryApiTestsOnPostgres(PostgresSeamServerFixture server) : DiscoveryApiTests(server), IClassFixture<PostgresSeamServerFixture>;
