using Microsoft.EntityFrameworkCore;
using Seam.Access;
using Seam.Testing.Databases;

namespace Seam.Storage.Tests;

public sealed class AccessStorageTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Two_users_cannot_share_a_user_name(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            db.Users.Add(new User { Id = Guid.NewGuid(), UserName = "alice", PasswordHash = "x" });
            await db.SaveChangesAsync();
        }

        await using var second = database.CreateContext();
        second.Users.Add(new User { Id = Guid.NewGuid(), UserName = "alice", PasswordHash = "y" });

        await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Users_roles_and_tokens_read_back_with_their_times_as_the_same_instants(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var created = new DateTimeOffset(2025, 3, 14, 15, 9, 26, 535, 897, TimeSpan.FromHours(2));
        var expires = created.AddDays(90).ToOffset(TimeSpan.FromHours(-5));
        var user = new User
        {
            Id = Guid.NewGuid(),
            UserName = "jürgen",
            DisplayName = "Jürgen Müller",
            PasswordHash = "hash",
            CreatedAt = created,
            Roles = [new RoleAssignment { Role = Role.Approver, SiteId = "plant-a" }, new RoleAssignment { Role = Role.Viewer }],
        };
        var token = new ApiToken { Id = Guid.NewGuid(), UserId = user.Id, Name = "CI", Prefix = "seam_ab12", SecretHash = "sha", CreatedAt = created, ExpiresAt = expires };
        await using (var db = database.CreateContext())
        {
            db.Users.Add(user);
            db.ApiTokens.Add(token);
            await db.SaveChangesAsync();
        }

        await using var read = database.CreateContext();
        var storedUser = await read.Users.Include(u => u.Roles).SingleAsync();
        var storedToken = await read.ApiTokens.SingleAsync(t => t.ExpiresAt > expires.AddTicks(-10));

        Assert.Equal(created, storedUser.CreatedAt);
        Assert.Equal(TimeSpan.Zero, storedUser.CreatedAt.Offset);
        Assert.Equal(expires, storedToken.ExpiresAt);
        Assert.Null(storedToken.RevokedAt);
        Assert.Equal([(Role.Approver, "plant-a"), (Role.Viewer, null)], storedUser.Roles.OrderBy(r => r.Id).Select(r => (r.Role, r.SiteId)));
    }
}
