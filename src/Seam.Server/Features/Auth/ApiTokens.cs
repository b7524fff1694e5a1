using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Seam.Access;
using Seam.Server.Features.Audit;
using Seam.Storage;

namespace Seam.Server.Features.Auth;

/// <summary>Tokens for scripts: "seam_" + 32 random bytes; stored as SHA-256 only, shown once.</summary>
public sealed class ApiTokens(SeamDbContext db, TimeProvider clock)
{
    public const string Prefix = "seam_";

    public async Task<(ApiToken Token, string Secret)> CreateAsync(Guid userId, string name, DateTimeOffset? expiresAt, string actor, CancellationToken ct = default)
    {
        var secret = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Name = name.Trim(),
            Prefix = secret[..12],
            SecretHash = Hash(secret),
            CreatedAt = clock.GetUtcNow(),
            ExpiresAt = expiresAt,
        };
        db.ApiTokens.Add(token);
        new AuditLog(db, clock).Record(actor, "create", "api-token", token.Id.ToString(), null, null, new { token.Name, token.Prefix, token.UserId, token.ExpiresAt });
        await db.SaveChangesAsync(ct);
        return (token, secret);
    }

    /// <summary>The user behind an active token, with roles; null for unknown, revoked, expired tokens or disabled users.</summary>
    public async Task<User?> AuthenticateAsync(string secret, CancellationToken ct = default)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var hash = Hash(secret);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.SecretHash == hash, ct);
        var now = clock.GetUtcNow();
        if (token is null || !token.IsActive(now))
        {
            return null;
        }

        var user = await db.Users.Include(u => u.Roles).FirstOrDefaultAsync(u => u.Id == token.UserId, ct);
        if (user is null || user.Disabled)
        {
            return null;
        }

        // Recording last use at most once a minute keeps a busy script from turning every read into a write.
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }

        return user;
    }

    public async Task<bool> RevokeAsync(Guid tokenId, Guid? ownerId, string actor, CancellationToken ct = default)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId && (ownerId == null || t.UserId == ownerId), ct);
        if (token is null || token.RevokedAt is not null)
        {
            return false;
        }

        token.RevokedAt = clock.GetUtcNow();
        new AuditLog(db, clock).Record(actor, "revoke", "api-token", token.Id.ToString(), null, null, new { token.Name, token.Prefix });
        await db.SaveChangesAsync(ct);
        return true;
    }

    internal static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
