namespace Seam.Server.Features.Ui.Notifications;

/// <summary>Per circuit (scoped): the inbox page says when it marked something read, so the bell in the app bar recounts.</summary>
public sealed class InboxSignal
{
    public event Func<Task>? Changed;

    public Task RaiseAsync() => Changed?.Invoke() ?? Task.CompletedTask;
}
