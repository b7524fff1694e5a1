namespace Seam.Access;

/// <summary>A local account. The password is kept only as a salted, slow hash.</summary>
public sealed class User
{
    public Guid Id { get; set; }

    public required string UserName { get; set; }

    public string? DisplayName { get; set; }

    /// <summary>Where notifications are mailed; null means the in-app inbox only.</summary>
    public string? Email { get; set; }

    public required string PasswordHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public bool Disabled { get; set; }

    public List<RoleAssignment> Roles { get; set; } = [];
}

/// <summary>A token for scripts. Only a SHA-256 hash of the secret is stored; the prefix lets people recognise it.</summary>
public sealed class ApiToken
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the token, shown in lists so that a leaked token can be found and revoked.</summary>
    public required string Prefix { get; set; }

    public required string SecretHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
