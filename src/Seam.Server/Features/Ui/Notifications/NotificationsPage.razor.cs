using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Seam.Governance.Notifications;
using Seam.Server.Features.Auth;
using Seam.Server.Features.Notifications;
using Seam.Server.Features.Ui.Shared;

namespace Seam.Server.Features.Ui.Notifications;

/// <summary>The signed-in user's notifications, unread first, with how each was delivered.</summary>
public partial class NotificationsPage
{
    private const int PageSize = 25;

    private List<Notification>? items;
    private int total;
    private int unreadCount;
    private bool unreadOnly;
    private int shown = PageSize;
    private string me = "";

    [Inject]
    private UiData Data { get; set; } = default!;

    [Inject]
    private InboxSignal Signal { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        me = (await AuthState).User.ActorName();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        (items, total, unreadCount) = await Data.ReadAsync(async db =>
        {
            var mine = NotificationInbox.Mine(db, me);
            var listed = unreadOnly ? mine.Where(n => n.ReadAt == null) : mine;
            return (await listed.InInboxOrder().Take(shown).ToListAsync(), await listed.CountAsync(), await mine.CountAsync(n => n.ReadAt == null));
        });
    }

    private async Task OnUnreadOnlyChanged(bool value)
    {
        unreadOnly = value;
        shown = PageSize;
        await LoadAsync();
    }

    private async Task LoadMoreAsync()
    {
        shown += PageSize;
        await LoadAsync();
    }

    private async Task MarkReadAsync(long id)
    {
        await Data.WriteAsync((db, audit) => NotificationInbox.MarkReadAsync(db, audit, me, id, Clock.GetUtcNow(), default));
        await LoadAsync();
        await Signal.RaiseAsync();
    }

    private async Task MarkAllReadAsync()
    {
        await Data.WriteAsync((db, audit) => NotificationInbox.MarkAllReadAsync(db, audit, me, Clock.GetUtcNow(), default));
        await LoadAsync();
        await Signal.RaiseAsync();
    }

    private static string DeliveryText(Notification n)
    {
        var parts = new List<string>();
        if (n.EmailedAt is { } mailed)
        {
            parts.Add($"Mailed {Time(mailed)}");
        }

        if (n.WebhookSentAt is { } posted)
        {
            parts.Add($"Posted to chat {Time(posted)}");
        }

        if (n.LastError is { } error)
        {
            parts.Add(n.FailedAttempts > 0 ? $"{n.FailedAttempts} failed attempt(s): {error}" : error);
        }

        return string.Join(" · ", parts);
    }

    private static string Time(DateTimeOffset t) => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
