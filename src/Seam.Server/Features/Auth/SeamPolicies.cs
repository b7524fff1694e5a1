namespace Seam.Server.Features.Auth;

/// <summary>
/// Endpoint-level gates, checked before a request body is even read. They only ask "could this caller ever do
/// this?"; the per-site question ("engineer on <em>this</em> record's site?") is asked by the endpoint once the
/// record is known.
/// </summary>
public static class SeamPolicies
{
    /// <summary>Engineer (or higher) on at least one site.</summary>
    public const string InventoryWriter = "InventoryWriter";

    /// <summary>Approver (or higher) on at least one site; entries are then filtered to those sites.</summary>
    public const string AuditReader = "AuditReader";

    /// <summary>Engineer (or higher) on at least one site, or a vendor: may ask for decisions (requests, delegations).</summary>
    public const string RequestWriter = "RequestWriter";

    /// <summary>Admin on every site.</summary>
    public const string Administrator = "Administrator";

    /// <summary>
    /// Anyone signed in with a browser session manages their own tokens. Through an API token only an admin on every
    /// site may: otherwise a leaked token could mint its own successors and outlive its revocation.
    /// </summary>
    public const string TokenManager = "TokenManager";
}
