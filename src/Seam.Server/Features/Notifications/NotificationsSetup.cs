using Microsoft.Extensions.Options;

namespace Seam.Server.Features.Notifications;

/// <summary>Runs <see cref="NotificationDispatcher"/> at start and then every poll interval on the server's clock.</summary>
internal sealed class NotificationDelivery(NotificationDispatcher dispatcher, IOptions<NotificationOptions> options, TimeProvider clock,
    ILogger<NotificationDelivery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, clock);
        do
        {
            try
            {
                DeliveryRound round;
                do
                {
                    round = await dispatcher.DeliverPendingAsync(stoppingToken);
                }
                while (round.Claimed > 0 && round.Failed == 0 && !stoppingToken.IsCancellationRequested);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database briefly away: the rows stay undelivered and are picked up at the next tick.
                logger.LogWarning(e, "Notification delivery failed; it runs again in {Interval}.", options.Value.PollInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
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
