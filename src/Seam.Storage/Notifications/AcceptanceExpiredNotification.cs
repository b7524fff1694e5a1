using Seam.Governance.Notifications;
using Seam.Intelligence.Findings;

namespace Seam.Storage.Notifications;

/// <summary>Tells whoever accepted a finding's risk that the acceptance lapsed and the finding is open again.</summary>
public static class AcceptanceExpiredNotification
{
    public static Notification For(Finding finding, string acceptedBy, DateTimeOffset now) => new()
    {
        CreatedAt = now,
        Recipient = acceptedBy,
        Kind = NotificationKinds.AcceptanceExpired,
        Subject = $"Risk acceptance expired: {finding.VulnerabilityId} on {finding.AssetId}",
        Body = $"You accepted the risk of {finding.VulnerabilityId} on asset {finding.AssetId} ({finding.ProductName}). "
            + $"The acceptance has expired and the finding is open again: fix or mitigate it, or accept it anew with a reason and a date.",
        Link = $"/findings/{Uri.EscapeDataString(finding.Id)}",
        SiteId = finding.SiteId,
        AboutRef = $"finding:{finding.Id}",
        Channels = NotificationKinds.DefaultChannels(NotificationKinds.AcceptanceExpired),
    };
}
