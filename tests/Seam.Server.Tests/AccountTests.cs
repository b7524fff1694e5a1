using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Seam.Access;
using Seam.Server.Features.Auth;
using static Seam.Server.Tests.Http;

namespace Seam.Server.Tests;

public sealed class AccountTests(SeamServerFixture server) : IClassFixture<SeamServerFixture>
{
    private readonly HttpClient admin = server.Client(server.AdminToken);

    [Fact]
    public async Task A_new_token_shows_its_secret_once_works_and_stops_working_when_revoked()
    {
        var created = await admin.Post("/api/v1/tokens", new { name = "nightly export" }).Expect(HttpStatusCode.Created);
        var secret = created.Str("secret");
        var id = created.GetProperty("token").Str("id");
        Assert.StartsWith("seam_", secret);

        var script = server.Client(secret);
        await script.GetAsync("/api/v1/sites").Expect(HttpStatusCode.OK);
        var list = await admin.GetAsync("/api/v1/tokens").Expect(HttpStatusCode.OK);
        var listed = Assert.Single(list.GetProperty("items").EnumerateArray(), t => t.Str("id") == id);
        Assert.Equal(secret[..12], listed.Str("prefix"));
        Assert.DoesNotContain(secret, list.GetRawText(), StringComparison.Ordinal);

        await admin.DeleteAsync($"/api/v1/tokens/{id}").Expect(HttpStatusCode.NoContent);
        await script.GetAsync("/api/v1/sites").ExpectProblem(HttpStatusCode.Unauthorized);
        await admin.DeleteAsync($"/api/v1/tokens/{id}").ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_expired_token_authenticates_nobody()
    {
        var userId = await server.WithScopeAsync(async sp => (await sp.GetRequiredService<UserAccounts>().VerifyAsync("viewer", "correct horse battery staple"))!.Id);
        var expired = await server.CreateTokenAsync(userId, DateTimeOffset.UtcNow.AddMinutes(-1));
        await server.Client(expired).GetAsync("/api/v1/sites").ExpectProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_cannot_mint_tokens_unless_its_owner_is_admin_everywhere()
    {
        var engineer = server.Client(server.NorthEngineerToken);
        await engineer.Post("/api/v1/tokens", new { name = "successor" }).ExpectProblem(HttpStatusCode.Forbidden);
        await engineer.GetAsync("/api/v1/tokens").Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_with_a_past_expiry_or_no_name_is_refused()
    {
        var problem = await admin.Post("/api/v1/tokens", new { name = "", expiresAt = DateTimeOffset.UtcNow.AddDays(-1) }).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("expiresAt", out _));
    }

    [Fact]
    public async Task An_admin_creates_a_site_scoped_user_who_then_sees_only_that_site()
    {
        var name = NewId("operator");
        var user = await admin.Post("/api/v1/users", new { userName = name, password = "long enough password", roles = new[] { new { role = "viewer", site = "south" } } })
            .Expect(HttpStatusCode.Created);
        Assert.Equal("viewer", user.GetProperty("roles")[0].Str("role"));
        Assert.Equal("south", user.GetProperty("roles")[0].Str("site"));
        Assert.DoesNotContain("password", user.GetRawText(), StringComparison.OrdinalIgnoreCase);

        var token = await server.CreateTokenAsync(Guid.Parse(user.Str("id")), null);
        Assert.Equal(["south"], (await server.Client(token).GetAsync("/api/v1/sites").Expect(HttpStatusCode.OK)).Ids());
        var listed = await admin.GetAsync("/api/v1/users").Expect(HttpStatusCode.OK);
        Assert.Contains(name, listed.GetProperty("items").EnumerateArray().Select(u => u.Str("userName")));
    }

    [Fact]
    public async Task Account_creation_refuses_short_passwords_unknown_roles_and_taken_names()
    {
        var problem = await admin.Post("/api/v1/users", new { userName = NewId("u"), password = "short", roles = new[] { new { role = "viewer", site = (string?)null } } })
            .ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Contains("12 characters", problem.GetProperty("errors").GetProperty("password")[0].GetString());
        problem = await admin.Post("/api/v1/users", new { userName = NewId("u"), password = "long enough password", roles = new[] { new { role = "overlord", site = (string?)null } } })
            .ExpectProblem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("roles", out _));
        problem = await admin.Post("/api/v1/users", new { userName = "viewer", password = "long enough password", roles = new[] { new { role = "viewer", site = (string?)null } } })
            .ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Contains("taken", problem.GetProperty("errors").GetProperty("userName")[0].GetString());
    }

    [Fact]
    public async Task A_disabled_user_is_locked_out_and_the_change_is_audited()
    {
        var name = NewId("leaver");
        var user = await admin.Post("/api/v1/users", new { userName = name, password = "long enough password", roles = new[] { new { role = "engineer", site = (string?)null } } })
            .Expect(HttpStatusCode.Created);
        var id = user.Str("id");
        var client = server.Client(await server.CreateTokenAsync(Guid.Parse(id), null));
        await client.GetAsync("/api/v1/sites").Expect(HttpStatusCode.OK);

        var disabled = await admin.PostAsync($"/api/v1/users/{id}/disable", null).Expect(HttpStatusCode.OK);
        Assert.True(disabled.GetProperty("disabled").GetBoolean());
        await client.GetAsync("/api/v1/sites").ExpectProblem(HttpStatusCode.Unauthorized);

        var audit = await admin.GetAsync($"/api/v1/audit?entityType=user&entityId={name}").Expect(HttpStatusCode.OK);
        Assert.Equal(["disable", "create"], audit.GetProperty("items").EnumerateArray().Select(e => e.Str("action")));
        Assert.False(audit.GetProperty("items")[0].GetProperty("before").GetProperty("disabled").GetBoolean());
        Assert.True(audit.GetProperty("items")[0].GetProperty("after").GetProperty("disabled").GetBoolean());

        await admin.PostAsync($"/api/v1/users/{id}/enable", null).Expect(HttpStatusCode.OK);
        await client.GetAsync("/api/v1/sites").Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_admin_changes_a_users_email_and_the_change_is_audited()
    {
        var name = NewId("mover");
        var user = await admin.Post("/api/v1/users", new { userName = name, password = "long enough password", email = "old@example.org", roles = new[] { new { role = "viewer", site = (string?)null } } })
            .Expect(HttpStatusCode.Created);
        var id = user.Str("id");

        var changed = await admin.Put($"/api/v1/users/{id}/email", new { email = " new@example.org " }).Expect(HttpStatusCode.OK);
        Assert.Equal("new@example.org", changed.Str("email"));
        var got = await admin.GetAsync($"/api/v1/users/{id}").Expect(HttpStatusCode.OK);
        Assert.Equal("new@example.org", got.Str("email"));

        var invalid = await admin.Put($"/api/v1/users/{id}/email", new { email = "not an address" }).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Contains("not an email address", invalid.GetProperty("errors").GetProperty("email")[0].GetString());
        await admin.Put($"/api/v1/users/{Guid.NewGuid()}/email", new { email = "x@example.org" }).ExpectProblem(HttpStatusCode.NotFound);
        await server.Client(server.ViewerToken).Put($"/api/v1/users/{id}/email", new { email = "x@example.org" }).ExpectProblem(HttpStatusCode.Forbidden);

        var audit = await admin.GetAsync($"/api/v1/audit?entityType=user&entityId={name}").Expect(HttpStatusCode.OK);
        var entry = audit.GetProperty("items")[0];
        Assert.Equal("update", entry.Str("action"));
        Assert.Equal(("old@example.org", "new@example.org"), (entry.GetProperty("before").Str("email"), entry.GetProperty("after").Str("email")));

        var removed = await admin.Put($"/api/v1/users/{id}/email", new { email = (string?)null }).Expect(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, removed.GetProperty("email").ValueKind);
    }

    [Fact]
    public async Task An_admin_cannot_disable_their_own_account()
    {
        var me = await server.WithScopeAsync(async sp => (await sp.GetRequiredService<UserAccounts>().VerifyAsync("admin", "correct horse battery staple"))!.Id);
        var problem = await admin.PostAsync($"/api/v1/users/{me}/disable", null).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("own account", problem.Str("detail"));
    }

    [Fact]
    public async Task User_administration_needs_admin_on_every_site()
    {
        var siteAdmin = server.Client(await server.CreateUserAsync(NewId("site-admin"), (Role.Admin, "north")));
        await siteAdmin.GetAsync("/api/v1/users").ExpectProblem(HttpStatusCode.Forbidden);
        await siteAdmin.Post("/api/v1/users", new { userName = NewId("u"), password = "long enough password", roles = new[] { new { role = "admin", site = (string?)null } } })
            .ExpectProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public void The_setup_token_works_once()
    {
        var setup = new SetupToken();
        Assert.Null(setup.Current);
        var token = setup.Issue();
        Assert.Equal(token, setup.Issue());
        Assert.False(setup.TryConsume("wrong"));
        Assert.True(setup.TryConsume(token));
        Assert.False(setup.TryConsume(token));
        Assert.Null(setup.Current);
    }

    [Fact]
    public async Task Passwords_are_checked_without_saying_which_part_was_wrong()
    {
        await server.WithScopeAsync(async sp =>
        {
            var accounts = sp.GetRequiredService<UserAccounts>();
            Assert.NotNull(await accounts.VerifyAsync("viewer", "correct horse battery staple"));
            Assert.Null(await accounts.VerifyAsync("viewer", "wrong password entirely"));
            Assert.Null(await accounts.VerifyAsync("nobody-at-all", "correct horse battery staple"));
            return true;
        });
    }
}
