using Seam.Server.Features.Hosting;
using Seam.Storage.Intelligence;

namespace Seam.Server.Features.Intelligence;

/// <summary>
/// Re-opens findings whose risk acceptance has lapsed: at start, then every quarter of an hour on the server's clock,
/// so an acceptance never silently outlives its date by more than that.
/// </summary>
internal sealed class AcceptanceExpiry(FindingStore findings, TimeProvider clock, ILogger<AcceptanceExpiry> logger)
    : PeriodicSweep(TimeSpan.FromMinutes(15), clock, logger)
{
    protected override string Name => "The sweep for expired risk acceptances";

    protected override async Task SweepAsync(CancellationToken cancellationToken)
    {
        var reopened = await findings.ExpireAcceptancesAsync(cancellationToken);
        if (reopened > 0)
        {
            logger.LogInformation("Re-opened {Count} finding(s) whose risk acceptance expired.", reopened);
        }
    }
}

public static class IntelligenceSetup
{
    public static void AddSeamIntelligence(this IHostApplicationBuilder builder) =>
        builder.Services.AddHostedService<AcceptanceExpiry>();
}
