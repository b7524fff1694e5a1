using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Seam.Storage;

namespace Seam.Server.Tests;

/// <summary>Runs against a server of its own, because it breaks the database on purpose.</summary>
public sealed class ServerErrorTests : IAsyncLifetime
{
    private readonly SeamServerFixture server = new();

    public Task InitializeAsync() => server.InitializeAsync();

    public Task DisposeAsync() => server.DisposeAsync();

    [Fact]
    public async Task A_failure_inside_the_server_is_a_500_problem_without_exception_text()
    {
        await server.WithScopeAsync(async sp => await sp.GetRequiredService<SeamDbContext>().Database.ExecuteSqlRawAsync("DROP TABLE entry_points"));

        var problem = await server.Client(server.AdminToken).GetAsync("/api/v1/entry-points").ExpectProblem(HttpStatusCode.InternalServerError);
        var text = problem.GetRawText();
        Assert.DoesNotContain("entry_points", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SQLite", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.Contains(problem.GetProperty("traceId").GetString()!, problem.GetProperty("detail").GetString());
    }
}
