namespace Seam.Governance.Notifications;

/// <summary>
/// The kinds of notification Seam writes, and the channels each uses unless its writer says otherwise. Email goes to
/// what asks a person to act or tells them something lapsed; what merely informs stays in the inbox and the chat
/// webhooks, so that mail stays worth reading.
/// </summary>
public static class NotificationKinds
{
    public const string DecisionWaiting = "decision-waiting";
    public const string RequestDecided = "request-decided";
    public const string RequestEscalated = "request-escalated";
    public const string AcceptanceExpired = "acceptance-expired";
    public const string GrantExpired = "grant-expired";
    public const string GrantRevoked = "grant-revoked";

    public static NotificationChannels DefaultChannels(string kind) => kind switch
    {
        DecisionWaiting or RequestEscalated or AcceptanceExpired or GrantExpired or GrantRevoked => NotificationChannels.Email | NotificationChannels.Webhook,
        _ => NotificationChannels.Webhook,
    };
}
