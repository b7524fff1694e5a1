namespace Seam.Access;

/// <summary>What a person may do. Each role includes the rights of the ones before it.</summary>
public enum Role
{
    /// <summary>
    /// Someone outside the company (a vendor's engineer): below viewer, so it sees no inventory; on its site it may ask
    /// for remote access and follow its own requests and grants only (src/Seam.Server/Features/Auth/README.md).
    /// </summary>
    Vendor = 0,
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
