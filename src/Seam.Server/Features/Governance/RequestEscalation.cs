using Seam.Server.Features.Hosting;
using Seam.Storage.Governance;

namespace Seam.Server.Features.Governance;

/// <summary>
/// Escalates decisions past their deadline: at start, then every minute on the server's clock (a
/// <see cref="TimeProvider"/>, so tests move time on). The work itself is <see cref="GovernanceService.EscalateOverdueAsync"/>.
/// </summary>
internal sealed class RequestEscalation(GovernanceService governance, TimeProvider clock, ILogger<RequestEscalation> logger)
    : PeriodicSweep(TimeSpan.FromMinutes(1), clock, logger)
{
    protected override string Name => "The escalation sweep";

    protected override async Task SweepAsync(CancellationToken cancellationToken)
    {
        var escalated = await governance.EscalateOverdueAsync(cancellationToken);
        if (escalated.Count > 0)
        {
            logger.LogInformation("Escalated {Count} overdue decision(s): {Ids}.", escalated.Count, string.Join(", ", escalated));
        }
    }
}

/// <summary>
/// Notices access grants that expired by themselves and tells the requester and the approvers (grant-expired), every
/// minute on the server's clock. The work is <see cref="GovernanceService.NoteExpiredGrantsAsync"/>.
/// </summary>
internal sealed class GrantExpiry(GovernanceService governance, TimeProvider clock, ILogger<GrantExpiry> logger)
    : PeriodicSweep(TimeSpan.FromMinutes(1), clock, logger)
{
    protected override string Name => "The grant expiry sweep";

    protected override async Task SweepAsync(CancellationToken cancellationToken)
    {
        var expired = await governance.NoteExpiredGrantsAsync(cancellationToken);
        if (expired.Count > 0)
        {
            logger.LogInformation("{Count} access grant(s) expired: {Ids}.", expired.Count, string.Join(", ", expired));
        }
    }
}

public static class GovernanceSetup
{
    public static void AddSeamGovernance(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<RequestEscalation>();
        builder.Services.AddHostedService<GrantExpiry>();
    }
}
