using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.EntityFrameworkCore;
using Seam.Server.Features.Auth;
using Seam.Server.Features.Notifications;
using Seam.Server.Features.Ui.Shared;

namespace Seam.Server.Features.Ui.Notifications;

public partial class NotificationBell
{
    private int unread;
    private ClaimsPrincipal user = new();

    [Inject]
    private UiData Data { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private InboxSignal Signal { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    private string BadgeText => unread > 99 ? "99+" : unread.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string Label => unread == 0 ? "Notifications: none unread" : $"Notifications: {unread} unread";

    protected override async Task OnInitializedAsync()
    {
        user = (await AuthState).User;
        Navigation.LocationChanged += OnLocationChanged;
        Signal.Changed += RecountAsync;
        await CountAsync();
    }

    // The layout outlives page changes in an interactive circuit: recount on each navigation so the badge stays current.
    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => _ = InvokeAsync(RecountAsync);

    private async Task RecountAsync()
    {
        await CountAsync();
        StateHasChanged();
    }

    private async Task CountAsync()
    {
        var me = user.ActorName();
        unread = await Data.ReadAsync(db => NotificationInbox.Mine(db, me).CountAsync(n => n.ReadAt == null));
    }

    public void Dispose()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        Signal.Changed -= RecountAsync;
    }
}
