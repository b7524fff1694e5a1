namespace Seam.Inventory;

/// <summary>
/// A recurring slot in which a line (or a whole site) may be stopped for work: "Line 2, every first Sunday, 02:00 for
/// 6 hours". Patches and changes that need downtime are planned into the next one.
/// </summary>
public sealed record MaintenanceWindow
{
    public required string Id { get; init; }

    public required string SiteId { get; init; }

    public required string Name { get; init; }

    /// <summary>The process line the window stops; null for a site-wide window.</summary>
    public string? ProcessLine { get; init; }

    public DayOfWeek Day { get; init; } = DayOfWeek.Sunday;

    /// <summary>1–5 for "the n-th such weekday of the month" (5 = the last one); null for every week.</summary>
    public int? WeekOfMonth { get; init; }

    /// <summary>Start time of day, UTC.</summary>
    public TimeOnly Start { get; init; } = new(2, 0);

    public double DurationHours { get; init; } = 4;

    /// <summary>True when the window covers assets of <paramref name="processLine"/> on <paramref name="siteId"/>.</summary>
    public bool Covers(string siteId, string? processLine) =>
        SiteId == siteId && (ProcessLine is null || string.Equals(ProcessLine, processLine, StringComparison.OrdinalIgnoreCase));

    /// <summary>The start of the first occurrence that begins at or after <paramref name="after"/>.</summary>
    public DateTimeOffset NextStart(DateTimeOffset after)
    {
        var utc = after.ToUniversalTime();
        var day = DateOnly.FromDateTime(utc.UtcDateTime);
        for (var i = 0; i < 400; i++, day = day.AddDays(1))
        {
            if (day.DayOfWeek != Day || !InWeek(day))
            {
                continue;
            }

            var start = new DateTimeOffset(day.ToDateTime(Start), TimeSpan.Zero);
            if (start >= utc)
            {
                return start;
            }
        }

        throw new InvalidOperationException($"Maintenance window '{Id}' never recurs.");
    }

    private bool InWeek(DateOnly day)
    {
        if (WeekOfMonth is not { } week)
        {
            return true;
        }

        if (week >= 5)
        {
            return day.AddDays(7).Month != day.Month;
        }

        return (day.Day - 1) / 7 + 1 == week;
    }
}
