using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Seam.Access;
using Seam.Inventory;
using Seam.Server.Features.Auth;
using Seam.Storage;
using Seam.Testing.Databases;

namespace Seam.Server.Tests;

/// <summary>
/// A real Seam server on a free port over a throwaway database (SQLite here, PostgreSQL in
/// <see cref="PostgresSeamServerFixture"/>), shared by the tests of one class. Tests create
/// their own records with fresh ids, so they do not depend on each other or on the order they run in.
/// Seeded: sites "north" and "south" with one zone each, team "ot", and users with tokens.
/// </summary>
public class SeamServerFixture : IAsyncLifetime
{
    private readonly string databasePath = Path.Combine(Path.GetTempPath(), $"seam-server-tests-{Guid.NewGuid():N}.db");

    public WebApplication App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Admin on every site.</summary>
    public string AdminToken { get; private set; } = "";

    /// <summary>Viewer on every site.</summary>
    public string ViewerToken { get; private set; } = "";

    /// <summary>Engineer on "north" only.</summary>
    public string NorthEngineerToken { get; private set; } = "";

    /// <summary>Approver on "north" only.</summary>
    public string NorthApproverToken { get; private set; } = "";

    /// <summary>The server's clock; a fixture that moves time on (deadlines, expiry) gives a fake one.</summary>
    protected virtual TimeProvider CreateClock() => TimeProvider.System;

    /// <summary>An empty, migrated database for the server.</summary>
    protected virtual async Task<DatabaseOptions> CreateDatabaseAsync()
    {
        var database = DatabaseOptions.Sqlite(databasePath);
        await SeamDbContextFactory.PrepareAsync(database);
        return database;
    }

    protected virtual Task DropDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(databasePath);
        return Task.CompletedTask;
    }

    public async Task InitializeAsync()
    {
        var database = await CreateDatabaseAsync();
        App = SeamServer.Build(new ServerOptions { Database = database, Urls = "http://127.0.0.1:0", Clock = CreateClock() });
        await App.StartAsync();
        BaseAddress = new Uri(App.Urls.First());

        await using (var db = SeamDbContextFactory.Create(database))
        {
            db.Sites.AddRange(new Site { Id = "north", Name = "North plant" }, new Site { Id = "south", Name = "South plant" });
            db.Teams.Add(new Team { Id = "ot", Name = "OT north", Side = TeamSide.Ot });
            db.Zones.AddRange(
                new Zone { Id = "north-cell", SiteId = "north", Name = "North cell", Level = PurdueLevel.BasicControl, OwnerTeamId = "ot", Subnets = ["10.1.1.0/24"] },
                new Zone { Id = "south-cell", SiteId = "south", Name = "South cell", Level = PurdueLevel.BasicControl, OwnerTeamId = "ot" });
            await db.SaveChangesAsync();
        }

        AdminToken = await CreateUserAsync("admin", (Role.Admin, null));
        ViewerToken = await CreateUserAsync("viewer", (Role.Viewer, null));
        NorthEngineerToken = await CreateUserAsync("north-engineer", (Role.Engineer, "north"));
        NorthApproverToken = await CreateUserAsync("north-approver", (Role.Approver, "north"));
    }

    /// <summary>Creates an account through <see cref="UserAccounts"/> and returns a fresh API token secret for it.</summary>
    public async Task<string> CreateUserAsync(string userName, params (Role Role, string? SiteId)[] roles)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        var (user, error) = await accounts.CreateAsync(userName, null, "correct horse battery staple", roles, "test");
        Assert.True(user is not null, error?.Message);
        return await CreateTokenAsync(user!.Id, null);
    }

    public async Task<string> CreateTokenAsync(Guid userId, DateTimeOffset? expiresAt)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<ApiTokens>();
        var (_, secret) = await tokens.CreateAsync(userId, "test", expiresAt, "test");
        return secret;
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>An HTTP client for the server, signed with <paramref name="token"/> when given.</summary>
    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await DropDatabaseAsync();
    }
}

/// <summary>The same server over a fresh database in the throwaway PostgreSQL cluster the tests start.</summary>
public sealed class PostgresSeamServerFixture : SeamServerFixture
{
    private TestDatabase? database;

    protected override async Task<DatabaseOptions> CreateDatabaseAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        return database.Options;
    }

    protected override async Task DropDatabaseAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
