namespace Seam.Access;

/// <summary>What a person may do. Each role includes the rights of the ones before it.</summary>
public enum Role
{
    Viewer = 1,
    Engineer = 2,
    Approver = 3,
    Admin = 4,
}

/// <summary>A role held by a user, on one site or (when <see cref="SiteId"/> is null) on every site.</summary>
public sealed class RoleAssignment
{
    public long Id { get; set; }

    public Guid UserId { get; set; }

    public Role Role { get; set; }

    public string? SiteId { get; set; }
}
