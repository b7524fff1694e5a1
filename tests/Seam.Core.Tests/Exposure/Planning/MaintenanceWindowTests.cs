using Seam.Inventory;

namespace Seam.Core.Tests.Exposure.Planning;

public sealed class MaintenanceWindowTests
{
    // 22 November 2026 is a Sunday.
    public static TheoryData<string, DayOfWeek, int?, int, string, string> Cases => new()
    {
        { "weekly, later this week", DayOfWeek.Wednesday, null, 22, "2026-11-22T21:00Z", "2026-11-25T22:00Z" },
        { "weekly, later today", DayOfWeek.Sunday, null, 22, "2026-11-22T21:00Z", "2026-11-22T22:00Z" },
        { "weekly, today's has passed", DayOfWeek.Sunday, null, 2, "2026-11-22T21:00Z", "2026-11-29T02:00Z" },
        { "weekly, exactly at the start", DayOfWeek.Wednesday, null, 22, "2026-11-25T22:00Z", "2026-11-25T22:00Z" },
        { "weekly, asked in another offset", DayOfWeek.Wednesday, null, 22, "2026-11-25T23:30+02:00", "2026-11-25T22:00Z" },
        { "first Sunday of next month", DayOfWeek.Sunday, 1, 2, "2026-11-22T21:00Z", "2026-12-06T02:00Z" },
        { "third Tuesday", DayOfWeek.Tuesday, 3, 2, "2026-11-22T21:00Z", "2026-12-15T02:00Z" },
        { "last Saturday of this month", DayOfWeek.Saturday, 5, 6, "2026-11-22T21:00Z", "2026-11-28T06:00Z" },
        { "last Saturday, this month's has passed", DayOfWeek.Saturday, 5, 6, "2026-11-28T07:00Z", "2026-12-26T06:00Z" },
        { "last Sunday in a month with five", DayOfWeek.Sunday, 5, 2, "2027-01-01T00:00Z", "2027-01-31T02:00Z" },
        { "last Sunday in a month with four", DayOfWeek.Sunday, 5, 2, "2027-02-01T00:00Z", "2027-02-28T02:00Z" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Next_start_is_the_first_occurrence_at_or_after_the_moment(string _, DayOfWeek day, int? week, int hour, string after, string expected)
    {
        var window = new MaintenanceWindow { Id = "w", SiteId = "s1", Name = "w", Day = day, WeekOfMonth = week, Start = new TimeOnly(hour, 0) };

        var next = window.NextStart(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
        Assert.Equal(TimeSpan.Zero, next.Offset);
    }

    [Fact]
    public void A_site_wide_window_covers_every_line_of_its_site_only()
    {
        var siteWide = new MaintenanceWindow { Id = "w", SiteId = "s1", Name = "turnaround" };
        var line = siteWide with { ProcessLine = "Line 2" };

        Assert.True(siteWide.Covers("s1", "Line 9"));
        Assert.True(siteWide.Covers("s1", null));
        Assert.False(siteWide.Covers("s2", "Line 9"));
        Assert.True(line.Covers("s1", "line 2"));
        Assert.False(line.Covers("s1", "Line 1"));
        Assert.False(line.Covers("s1", null));
    }
}
