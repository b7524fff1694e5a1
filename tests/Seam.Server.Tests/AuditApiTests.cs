using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Seam.Storage;

namespace Seam.Server.Tests;

/// <summary>Verifying and exporting the whole audit log over HTTP: approvers on every site only.</summary>
public abstract class AuditApiTests(SeamServerFixture server)
{
    [Fact]
    public async Task The_chain_verifies_exports_as_json_lines_and_names_an_entry_changed_in_the_database()
    {
        var admin = server.Client(server.AdminToken);
        await admin.Post("/api/v1/assets", new { id = Http.NewId("plc"), siteId = "north", name = "PLC", kind = "plc", ownerTeamId = "ot" })
            .Expect(HttpStatusCode.Created);

        var intact = await admin.GetAsync("/api/v1/audit/verify").Expect(HttpStatusCode.OK);
        Assert.True(intact.GetProperty("intact").GetBoolean(), intact.Str("message"));
        var head = intact.GetProperty("head");
        var lastId = head.GetProperty("lastId").GetInt64();

        using var response = await admin.GetAsync("/api/v1/audit/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= lastId);
        string? previous = null;
        foreach (var line in lines)
        {
            using var entry = JsonDocument.Parse(line);
            if (previous is not null)
            {
                Assert.Equal(previous, entry.RootElement.Str("previousHash"));
            }

            previous = entry.RootElement.Str("hash");
        }

        var tail = await (await admin.GetAsync($"/api/v1/audit/export?afterId={lastId - 1}")).Content.ReadAsStringAsync();
        using (var first = JsonDocument.Parse(tail.Split('\n')[0]))
        {
            Assert.Equal(lastId, first.RootElement.GetProperty("id").GetInt64());
            Assert.Equal(head.Str("lastHash"), first.RootElement.Str("hash"));
        }

        await server.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<SeamDbContext>();
            return await db.Database.ExecuteSqlRawAsync("""UPDATE audit_entries SET "Actor" = 'mallory' WHERE "Id" = {0}""", lastId - 1);
        });

        var broken = await admin.GetAsync("/api/v1/audit/verify").Expect(HttpStatusCode.OK);
        Assert.False(broken.GetProperty("intact").GetBoolean());
        Assert.Equal(lastId - 1, broken.GetProperty("firstBrokenId").GetInt64());
        Assert.Equal("edited", broken.Str("kind"));
        Assert.Contains("mallory", broken.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_approver_on_every_site_may_verify_or_export()
    {
        foreach (var path in new[] { "/api/v1/audit/verify", "/api/v1/audit/export" })
        {
            await server.Client(server.NorthApproverToken).GetAsync(path).ExpectProblem(HttpStatusCode.Forbidden);
            await server.Client(server.NorthEngineerToken).GetAsync(path).ExpectProblem(HttpStatusCode.Forbidden);
            await server.Client(server.ViewerToken).GetAsync(path).ExpectProblem(HttpStatusCode.Forbidden);
            await server.Client().GetAsync(path).ExpectProblem(HttpStatusCode.Unauthorized);
        }

        await server.Client(server.AdminToken).GetAsync("/api/v1/audit/export?afterId=-1").ExpectProblem(HttpStatusCode.BadRequest);
    }
}

public sealed class AuditApiTestsOnSqlite(SeamServerFixture server) : AuditApiTests(server), IClassFixture<SeamServerFixture>;

public sealed class AuditApiTestsOnPostgres(PostgresSeamServerFixture server) : AuditApiTests(server), IClassFixture<PostgresSeamServerFixture>;
