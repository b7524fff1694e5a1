using System.Text.Json;
using static Seam.Intelligence.Csaf.Validation.CsafMandatoryTests;

namespace Seam.Intelligence.Csaf.Validation;

/// <summary>
/// Tests on <c>/document/tracking</c>: the revision history and the document version (6.1.14–6.1.22, 6.1.30).
/// </summary>
/// <remarks>
/// "Sorted ascending by date" leaves the order of items with the same date open; the official test data settles it:
/// items of equal date count as ordered by their number (6.1.14-12 and 6.1.16-15/16 pass, 6.1.16-02/03 fail). So the
/// history is sorted by (date, number) once and the tests read that order.
/// </remarks>
internal static class TrackingChecks
{
    private const string TrackingPath = "/document/tracking";
    private const string HistoryPath = "/document/tracking/revision_history";

    private sealed record Revision(int Index, string Number, DocumentVersion? Version, DateTimeOffset? Date);

    public static void Check(JsonElement root, List<CsafProblem> problems)
    {
        if (!root.TryObject("document", out var document) || !document.TryObject("tracking", out var tracking))
        {
            return;
        }

        var status = tracking.StringOf("status");
        var released = status is "final" or "interim";
        var versionText = tracking.StringOf("version");
        DocumentVersion? version = null;
        if (versionText is not null)
        {
            DocumentVersion.TryParse(versionText, out version);
        }

        var history = new List<Revision>();
        foreach (var (i, item) in tracking.Items("revision_history"))
        {
            if (item.StringOf("number") is not { } number)
            {
                continue;
            }

            DocumentVersion.TryParse(number, out var parsed);
            DateTimeOffset? date = item.StringOf("date") is { } d && CsafDateTime.TryParse(d, out var instant) ? instant : null;
            history.Add(new(i, number, parsed, date));
        }

        if (version is not null)
        {
            if (status != "draft" && (version.IsZero || version.HasPreRelease))
            {
                problems.Add(DocumentStatusDraft.At($"{TrackingPath}/status",
                    $"Version {version} is {(version.HasPreRelease ? "a pre-release" : "before the first release")}, " +
                    $"so the status must be draft, not {status}."));
            }

            if (released && version.HasPreRelease)
            {
                problems.Add(NonDraftDocumentVersion.At($"{TrackingPath}/version",
                    $"The document is {status} but its version {version} has the pre-release part " +
                    $"'-{string.Join('.', version.PreRelease)}'."));
            }
        }

        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var revision in history)
        {
            var numberPath = $"{HistoryPath}/{revision.Index}/number";
            if (released && revision.Version is { IsZero: true })
            {
                problems.Add(ReleasedRevisionHistory.At(numberPath,
                    $"The document is {status} but revision {revision.Number} is a pre-release version (0 or 0.y.z)."));
            }

            if (revision.Version is { HasPreRelease: true })
            {
                problems.Add(PreReleaseRevisionHistory.At(numberPath,
                    $"Revision {revision.Number} has a pre-release part; pre-releases are not recorded in the revision history."));
            }

            if (!numbers.TryAdd(revision.Number, revision.Index))
            {
                problems.Add(MultipleRevisionNumber.At(numberPath,
                    $"Revision number {revision.Number} is already used by {HistoryPath}/{numbers[revision.Number]}."));
            }
        }

        var versions = history.Where(r => r.Version is not null).Select(r => r.Version!).ToList();
        if (version is not null)
        {
            versions.Add(version);
        }

        var integer = versions.Count(v => v.IsInteger);
        if (integer > 0 && integer < versions.Count)
        {
            ReportMixed(version, history, problems);
            return; // ordering integers against SemVer is meaningless; the tests below would only repeat 6.1.30
        }

        // The ordering tests need every item's date and number.
        if (history.Count == 0 || history.Any(r => r.Version is null || r.Date is null))
        {
            return;
        }

        var sorted = history.OrderBy(r => r.Date).ThenBy(r => r.Version).ToList();
        for (var k = 1; k < sorted.Count; k++)
        {
            if (sorted[k - 1].Version!.CompareTo(sorted[k].Version) > 0)
            {
                problems.Add(SortedRevisionHistory.At($"{HistoryPath}/{sorted[k].Index}",
                    $"Revision {sorted[k].Number} is dated after revision {sorted[k - 1].Number} " +
                    $"({HistoryPath}/{sorted[k - 1].Index}) but has a lower number."));
            }
        }

        var latest = sorted[^1];
        if (version is not null)
        {
            var draft = status == "draft";
            if (latest.Version!.Core(draft) != version.Core(draft))
            {
                problems.Add(LatestDocumentVersion.At($"{TrackingPath}/version",
                    $"The document version is {version} but the latest revision by date is {latest.Number} " +
                    $"({HistoryPath}/{latest.Index})."));
            }
        }

        CheckNoMissingItem(sorted, problems);
    }

    private static void ReportMixed(DocumentVersion? version, List<Revision> history, List<CsafProblem> problems)
    {
        var reference = version ?? history.First(r => r.Version is not null).Version!;
        var scheme = reference.IsInteger ? "integer" : "semantic";
        foreach (var revision in history.Where(r => r.Version is not null && r.Version.IsInteger != reference.IsInteger))
        {
            problems.Add(MixedVersioning.At($"{HistoryPath}/{revision.Index}/number",
                $"Revision number {revision.Number} does not use {scheme} versioning like version {reference}; " +
                "a document uses one scheme throughout."));
        }
    }

    /// <summary>
    /// 6.1.21: the first revision by date is 0 or 1 (major version for SemVer), and no major version between the
    /// lowest and the highest is skipped. Gaps are found between neighbouring distinct majors, so a jump from 1 to
    /// 2024 costs one comparison, not two thousand.
    /// </summary>
    private static void CheckNoMissingItem(List<Revision> sorted, List<CsafProblem> problems)
    {
        var first = sorted[0];
        if (first.Version!.Major is not ("0" or "1"))
        {
            problems.Add(MissingRevisionHistoryItem.At($"{HistoryPath}/{first.Index}/number",
                $"The first revision by date is {first.Number}; a revision history starts at 0 or 1."));
        }

        var majors = sorted.Select(r => r.Version!.Major).Distinct(StringComparer.Ordinal)
            .Order(Comparer<string>.Create(DocumentVersion.CompareNumbers)).ToList();
        for (var k = 1; k < majors.Count; k++)
        {
            var expected = DocumentVersion.Next(majors[k - 1]);
            if (expected != majors[k])
            {
                problems.Add(MissingRevisionHistoryItem.At(HistoryPath,
                    $"The revision history goes from {majors[k - 1]} to {majors[k]}; version {expected} is missing."));
            }
        }
    }
}
