using Seam.Storage.Intelligence;

namespace Seam.Server.Features.Intelligence;

/// <summary>
/// Re-opens findings whose risk acceptance has lapsed: at start, then every quarter of an hour on the server's clock,
/// so an acceptance never silently outlives its date by more than that.
/// </summary>
internal sealed class AcceptanceExpiry(FindingStore findings, TimeProvider clock, ILogger<AcceptanceExpiry> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                var reopened = await findings.ExpireAcceptancesAsync(stoppingToken);
                if (reopened > 0)
                {
                    logger.LogInformation("Re-opened {Count} finding(s) whose risk acceptance expired.", reopened);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed sweep (database briefly away) is retried at the next tick rather than stopping the server.
                logger.LogWarning(e, "The sweep for expired risk acceptances failed; it runs again in {Interval}.", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class IntelligenceSetup
{
    public static void AddSeamIntelligence(this IHostApplicationBuilder builder) =>
        builder.Services.AddHostedService<AcceptanceExpiry>();
}
