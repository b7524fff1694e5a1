using Microsoft.Extensions.Options;
using Seam.Server.Features.Hosting;

namespace Seam.Server.Features.Notifications;

/// <summary>Runs <see cref="NotificationDispatcher"/> at start and then every poll interval on the server's clock.</summary>
internal sealed class NotificationDelivery(NotificationDispatcher dispatcher, IOptions<NotificationOptions> options, TimeProvider clock,
    ILogger<NotificationDelivery> logger) : PeriodicSweep(options.Value.PollInterval, clock, logger)
{
    protected override string Name => "Notification delivery";

    // Rows that fail stay undelivered and are picked up at a later tick; a full round without failures goes on at once.
    protected override async Task SweepAsync(CancellationToken cancellationToken)
    {
        DeliveryRound round;
        do
        {
            round = await dispatcher.DeliverPendingAsync(cancellationToken);
        }
        while (round.Claimed > 0 && round.Failed == 0 && !cancellationToken.IsCancellationRequested);
    }
}

public static class NotificationsSetup
{
    public static void AddSeamNotifications(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>();
        builder.Services.AddHttpClient(WebhookSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        builder.Services.AddSingleton<NotificationDispatcher>();
        builder.Services.AddScoped<Ui.Notifications.InboxSignal>();
        if (builder.Configuration.GetValue($"{NotificationOptions.Section}:{nameof(NotificationOptions.DeliverInBackground)}", true))
        {
            builder.Services.AddHostedService<NotificationDelivery>();
        }
    }

    public static void MapSeamNotifications(this WebApplication app) => app.MapNotificationEndpoints();
}

/// <summary>Names every wrong setting at start, rather than failing at the first mail.</summary>
internal sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
