using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Seam.Access;
using Seam.Server.Features.Audit;
using Seam.Storage;

namespace Seam.Server.Features.Auth;

public sealed record AccountError(string Field, string Message);

/// <summary>Local accounts: creation with a password policy, password checks, role assignment.</summary>
public sealed class UserAccounts(SeamDbContext db, TimeProvider clock)
{
    public const int MinimumPasswordLength = 12;

    private static readonly PasswordHasher<User> Hasher = new();

    public Task<bool> AnyAsync(CancellationToken ct = default) => db.Users.AnyAsync(ct);

    public async Task<(User? User, AccountError? Error)> CreateAsync(
        string userName, string? displayName, string password, IReadOnlyList<(Role Role, string? SiteId)> roles, string actor, CancellationToken ct = default,
        string? email = null)
    {
        email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        if (email is not null && !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            return (null, new("email", $"'{email}' is not an email address (expected name@example.org)."));
        }

        userName = userName.Trim();
        if (userName.Length is < 2 or > 100 || !userName.All(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' or '@'))
        {
            return (null, new("userName", "A user name is 2–100 letters, digits, '.', '-', '_' or '@'."));
        }

        if (PasswordPolicy(password) is { } weak)
        {
            return (null, weak);
        }

        if (roles.Count == 0)
        {
            return (null, new("roles", "A user needs at least one role."));
        }

        foreach (var (_, siteId) in roles)
        {
            if (siteId is not null && !await db.Sites.AnyAsync(s => s.Id == siteId, ct))
            {
                return (null, new("roles", $"There is no site with id '{siteId}'."));
            }
        }

        // Names differ only in case would look like one person in the audit log.
        var lowered = userName.ToLowerInvariant();
        if (await db.Users.AnyAsync(u => u.UserName.ToLower() == lowered, ct))
        {
            return (null, new("userName", $"The user name '{userName}' is taken."));
        }

        var user = new User
        {
            Id = Guid.NewGuid(),
            UserName = userName,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim(),
            Email = email,
            PasswordHash = string.Empty,
            CreatedAt = clock.GetUtcNow(),
            Roles = roles.Select(r => new RoleAssignment { Role = r.Role, SiteId = r.SiteId }).ToList(),
        };
        user.PasswordHash = Hasher.HashPassword(user, password);
        db.Users.Add(user);
        new AuditLog(db, clock).Record(actor, "create", "user", user.UserName, null, null,
            new { user.UserName, user.DisplayName, user.Email, Roles = user.Roles.Select(r => $"{r.Role}@{r.SiteId ?? SeamClaims.AllSites}") });
        await db.SaveChangesAsync(ct);
        return (user, null);
    }

    /// <summary>The user when the name and password match an enabled account; null otherwise (without saying which part was wrong).</summary>
    public async Task<User?> VerifyAsync(string userName, string password, CancellationToken ct = default)
    {
        var user = await db.Users.Include(u => u.Roles).FirstOrDefaultAsync(u => u.UserName == userName.Trim(), ct);
        if (user is null || user.Disabled)
        {
            // Hash anyway so that response time does not reveal whether the account exists.
            Hasher.VerifyHashedPassword(DummyUser, DummyHash, password);
            return null;
        }

        var result = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = Hasher.HashPassword(user, password);
            await db.SaveChangesAsync(ct);
        }

        return user;
    }

    /// <summary>Sets a new password (same policy as at creation). Null on success.</summary>
    public async Task<AccountError?> SetPasswordAsync(string userName, string password, string actor, CancellationToken ct = default)
    {
        if (PasswordPolicy(password) is { } weak)
        {
            return weak;
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == userName.Trim(), ct);
        if (user is null)
        {
            return new("userName", $"There is no user '{userName}'.");
        }

        user.PasswordHash = Hasher.HashPassword(user, password);
        new AuditLog(db, clock).Record(actor, "reset-password", "user", user.UserName, null, null, null);
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>
    /// Changes (or, with null or blank, removes) where an account's notifications are mailed; audited with the old and new
    /// address. Notifications not yet mailed go to the new address. Null on success.
    /// </summary>
    public async Task<AccountError?> SetEmailAsync(User user, string? email, string actor, CancellationToken ct = default)
    {
        email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        if (email is not null && (email.Length > 254 || !System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
        {
            return new("email", $"'{email}' is not an email address (expected name@example.org).");
        }

        if (string.Equals(user.Email, email, StringComparison.Ordinal))
        {
            return null;
        }

        new AuditLog(db, clock).Record(actor, "update", "user", user.UserName, null, new { user.Email }, new { Email = email },
            $"{actor} changed {user.UserName}'s email from {user.Email ?? "none"} to {email ?? "none"}.");
        user.Email = email;
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary><see cref="SetEmailAsync(User, string?, string, CancellationToken)"/> by user name.</summary>
    public async Task<AccountError?> SetEmailAsync(string userName, string? email, string actor, CancellationToken ct = default)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == userName.Trim(), ct);
        return user is null ? new("userName", $"There is no user '{userName}'.") : await SetEmailAsync(user, email, actor, ct);
    }

    private static AccountError? PasswordPolicy(string password) =>
        password.Length < MinimumPasswordLength ? new("password", $"A password needs at least {MinimumPasswordLength} characters.") : null;

    private static readonly User DummyUser = new() { UserName = "-", PasswordHash = "-" };
    private static readonly string DummyHash = Hasher.HashPassword(DummyUser, "not-a-real-password-at-all");
}
