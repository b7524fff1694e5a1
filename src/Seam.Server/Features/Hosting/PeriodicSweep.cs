namespace Seam.Server.Features.Hosting;

/// <summary>
/// A sweep the server runs at start and then at a fixed interval on its clock (a <see cref="TimeProvider"/>, so tests
/// move time on): lapsed risk acceptances, overdue decisions, undelivered notifications. A failed sweep — the database
/// briefly away — is logged and retried at the next tick instead of stopping the server.
/// </summary>
internal abstract class PeriodicSweep(TimeSpan interval, TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>What the sweep does, for the log ("the escalation sweep").</summary>
    protected abstract string Name { get; }

    protected abstract Task SweepAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "{Sweep} failed; it runs again in {Interval}.", Name, interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
