using System.Globalization;
using MudBlazor;
using Seam.Governance.Requests;

namespace Seam.Server.Features.Ui.Governance.Requests;

/// <summary>How the request pages say states, times and deadlines.</summary>
public static class RequestText
{
    public static string State(RequestState state) => DecisionRequest.Describe(state);

    public static Color StateColor(RequestState state) => state switch
    {
        RequestState.Approved or RequestState.Verified or RequestState.Implemented or RequestState.Scheduled => Color.Success,
        RequestState.Rejected => Color.Error,
        RequestState.Disagreement => Color.Warning,
        RequestState.InReview or RequestState.Submitted => Color.Info,
        _ => Color.Default,
    };

    public static string Stamp(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture) : "—";

    /// <summary>"due in 2 d 3 h", "overdue by 5 h", or "—".</summary>
    public static string Due(DateTimeOffset? due, DateTimeOffset now)
    {
        if (due is not { } d)
        {
            return "—";
        }

        return d >= now ? "due in " + Maintenance.WindowSchedule.Span(d - now) : "overdue by " + Maintenance.WindowSchedule.Span(now - d);
    }

    /// <summary>Parses a query value of an enum by name, ignoring case; null for absent or unknown.</summary>
    public static T? Enum<T>(string? text)
        where T : struct, System.Enum =>
        System.Enum.TryParse<T>(text, ignoreCase: true, out var value) ? value : null;
}
