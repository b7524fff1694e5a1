using Seam.Storage.Governance;

namespace Seam.Server.Features.Governance;

/// <summary>
/// Escalates decisions past their deadline: at start, then every minute on the server's clock (a
/// <see cref="TimeProvider"/>, so tests move time on). The work itself is <see cref="GovernanceService.EscalateOverdueAsync"/>.
/// </summary>
internal sealed class RequestEscalation(GovernanceService governance, TimeProvider clock, ILogger<RequestEscalation> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                var escalated = await governance.EscalateOverdueAsync(stoppingToken);
                if (escalated.Count > 0)
                {
                    logger.LogInformation("Escalated {Count} overdue decision(s): {Ids}.", escalated.Count, string.Join(", ", escalated));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed sweep (database briefly away) is retried at the next tick rather than stopping the server.
                logger.LogWarning(e, "The escalation sweep failed; it runs again in {Interval}.", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class GovernanceSetup
{
    public static void AddSeamGovernance(this IHostApplicationBuilder builder) =>
        builder.Services.AddHostedService<RequestEscalation>();
}
