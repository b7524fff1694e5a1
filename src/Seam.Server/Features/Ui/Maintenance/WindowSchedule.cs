using System.Globalization;
using Seam.Inventory;

namespace Seam.Server.Features.Ui.Maintenance;

/// <summary>A maintenance window as a person reads it: its rhythm in words and its coming occurrences.</summary>
public static class WindowSchedule
{
    private static readonly string[] Ordinals = ["first", "second", "third", "fourth", "last"];

    /// <summary>"Every first Sunday of the month, 02:00–08:00 UTC (6 h)".</summary>
    public static string Rhythm(MaintenanceWindow w)
    {
        var day = w.Day.ToString();
        var when = w.WeekOfMonth is { } week ? $"Every {Ordinals[Math.Clamp(week, 1, 5) - 1]} {day} of the month" : $"Every {day}";
        var end = w.Start.ToTimeSpan() + TimeSpan.FromHours(w.DurationHours);
        var endText = new TimeOnly(end.Ticks % TimeSpan.TicksPerDay).ToString("HH:mm", CultureInfo.InvariantCulture);
        var nextDay = end >= TimeSpan.FromDays(1) ? " (next day)" : "";
        return $"{when}, {w.Start.ToString("HH:mm", CultureInfo.InvariantCulture)}–{endText}{nextDay} UTC ({Hours(w.DurationHours)})";
    }

    /// <summary>The occurrences that have not ended yet, starting with one that is running at <paramref name="now"/>.</summary>
    public static IReadOnlyList<Occurrence> Next(MaintenanceWindow w, DateTimeOffset now, int count)
    {
        var duration = TimeSpan.FromHours(w.DurationHours);
        var list = new List<Occurrence>(count);
        // An occurrence still running began less than one duration ago.
        var start = w.NextStart(now - duration);
        while (list.Count < count)
        {
            list.Add(new Occurrence(start, start + duration, start <= now));
            start = w.NextStart(start.AddMinutes(1));
        }

        return list;
    }

    /// <summary>"in 3 d 4 h", "in 25 min", "now, 2 h left".</summary>
    public static string Until(Occurrence o, DateTimeOffset now) =>
        o.Running ? $"running now, {Span(o.End - now)} left" : "in " + Span(o.Start - now);

    public static string Span(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        if (span.TotalDays >= 1)
        {
            return span.Hours == 0 ? $"{(int)span.TotalDays} d" : $"{(int)span.TotalDays} d {span.Hours} h";
        }

        if (span.TotalHours >= 1)
        {
            return span.Minutes == 0 ? $"{(int)span.TotalHours} h" : $"{(int)span.TotalHours} h {span.Minutes} min";
        }

        return $"{Math.Max(1, (int)Math.Ceiling(span.TotalMinutes))} min";
    }

    private static string Hours(double hours) => hours.ToString("0.##", CultureInfo.InvariantCulture) + " h";
}

/// <param name="Running">True when the occurrence has started and not yet ended.</param>
public sealed record Occurrence(DateTimeOffset Start, DateTimeOffset End, bool Running);
